import { BlockStack, Card, ChoiceList, InlineError, Text, TextField } from "@shopify/polaris";
import type { CampaignDraft } from "../campaign-form";
import { formatCount, type SegmentOption } from "./types";

interface Props {
  draft: CampaignDraft;
  segments: readonly SegmentOption[];
  errors: Record<string, string>;
  onChange: (patch: Partial<CampaignDraft>) => void;
}

/** Who: segments to send to, segments to leave out, and the holdout share. */
export function AudienceCard({ draft, segments, errors, onChange }: Props) {
  const live = segments.filter((s) => !s.deleted || draft.includeSegmentIds.includes(s.id) || draft.excludeSegmentIds.includes(s.id));
  const choices = live.map((s) => ({
    label: `${s.name}${s.deleted ? " (deleted)" : ""} · ${formatCount(s.memberCount)} customers`,
    value: s.id,
  }));
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Audience
        </Text>
        {choices.length === 0 ? (
          <Text as="p" tone="subdued">
            No segments yet: create one under Segments first.
          </Text>
        ) : null}
        <BlockStack gap="100">
          <ChoiceList
            allowMultiple
            title="Send to everyone in"
            choices={choices}
            selected={draft.includeSegmentIds}
            onChange={(ids) => onChange({ includeSegmentIds: ids })}
          />
          {errors.audience ? <InlineError fieldID="audience" message={errors.audience} /> : null}
        </BlockStack>
        <BlockStack gap="100">
          <ChoiceList
            allowMultiple
            title="Except those in"
            choices={choices.filter((c) => !draft.includeSegmentIds.includes(c.value))}
            selected={draft.excludeSegmentIds}
            onChange={(ids) => onChange({ excludeSegmentIds: ids })}
          />
          {errors.exclude ? <InlineError fieldID="exclude" message={errors.exclude} /> : null}
        </BlockStack>
        <TextField
          label="Holdout"
          type="number"
          min={0}
          max={50}
          suffix="%"
          autoComplete="off"
          value={String(draft.holdoutPercent)}
          onChange={(value) => onChange({ holdoutPercent: Math.max(0, Math.min(50, Math.round(Number(value) || 0))) })}
          helpText="This share of the audience, picked at random, is sent nothing, so the results can show what the campaign changed."
        />
      </BlockStack>
    </Card>
  );
}
