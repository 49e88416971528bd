import { BlockStack, Card, ChoiceList, Text, TextField } from "@shopify/polaris";
import type { CampaignDraft } from "../campaign-form";
import type { SendMode } from "../schedule";

interface Props {
  draft: CampaignDraft;
  shopTimeZone: string;
  errors: Record<string, string>;
  onChange: (patch: Partial<CampaignDraft>) => void;
}

/** When: now, at a date and time in the shop's zone, or at one local time for each recipient. */
export function ScheduleCard({ draft, shopTimeZone, errors, onChange }: Props) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Schedule
        </Text>
        <ChoiceList
          title="Send"
          titleHidden
          choices={[
            { label: "Now", value: "now" },
            { label: "At a date and time", value: "at", helpText: `In your store's time zone (${shopTimeZone}), up to 30 days ahead.` },
            {
              label: "At this local time for each recipient",
              value: "local",
              helpText: "Where that time has already passed today, the message goes tomorrow.",
            },
          ]}
          selected={[draft.sendMode]}
          onChange={([mode]) => onChange({ sendMode: (mode ?? "now") as SendMode })}
        />
        {draft.sendMode === "at" ? (
          <TextField
            label="Date and time"
            type="datetime-local"
            autoComplete="off"
            value={draft.sendAt}
            onChange={(sendAt) => onChange({ sendAt })}
            error={errors.sendAt}
          />
        ) : null}
        {draft.sendMode === "local" ? (
          <TextField
            label="Local time"
            type="time"
            autoComplete="off"
            value={draft.localTime}
            onChange={(localTime) => onChange({ localTime })}
            error={errors.localTime}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}
