// One channel's weekly calendar on the Sending rules page: the calendar on or off, public
// holidays, and per weekday off or one to three from–to windows. Field names are the form's
// (`sms.d2.w0.from`), so the server's errors land on the field they name. Checkboxes carry
// value="on": Polaris renders value="" otherwise, and the browser would post an empty string.
import { BlockStack, Button, Card, Checkbox, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import {
  fieldName,
  MAX_WINDOWS_PER_DAY,
  WEEK_ORDER,
  WEEKDAYS,
  type Channel,
  type ChannelValues,
  type DayValues,
  type FieldErrors,
} from "~/messaging/sending-rules/form";

const NEW_WINDOW = { from: "08:00", to: "21:00" };

interface Props {
  channel: Channel;
  title: string;
  enabledLabel: string;
  enabledHelp: string;
  initial: ChannelValues;
  errors: FieldErrors | undefined;
  children?: ReactNode;
}

function DayRow({
  channel,
  day,
  value,
  onChange,
  errors,
}: {
  channel: Channel;
  day: number;
  value: DayValues;
  onChange: (next: DayValues) => void;
  errors: FieldErrors | undefined;
}) {
  const name = WEEKDAYS[day];
  const setWindow = (index: number, part: "from" | "to", text: string) =>
    onChange({ ...value, windows: value.windows.map((w, i) => (i === index ? { ...w, [part]: text } : w)) });
  return (
    <InlineStack gap="400" blockAlign="start" wrap={false}>
      <div style={{ width: "8rem", paddingTop: "0.4rem" }}>
        <Checkbox
          label={name}
          name={fieldName.dayOn(channel, day)}
          value="on"
          checked={value.on}
          onChange={(on) => onChange({ on, windows: on && value.windows.length === 0 ? [NEW_WINDOW] : value.windows })}
        />
      </div>
      {value.on ? (
        <BlockStack gap="200">
          {value.windows.map((w, i) => (
            <InlineStack key={i} gap="200" blockAlign="start" wrap={false}>
              <div style={{ width: "6.5rem" }}>
                <TextField
                  label={`${name} from${i > 0 ? ` (window ${i + 1})` : ""}`}
                  labelHidden
                  name={fieldName.from(channel, day, i)}
                  value={w.from}
                  onChange={(v) => setWindow(i, "from", v)}
                  autoComplete="off"
                  placeholder="HH:MM"
                  error={errors?.[fieldName.from(channel, day, i)]}
                />
              </div>
              <div style={{ paddingTop: "0.4rem" }}>
                <Text as="span">to</Text>
              </div>
              <div style={{ width: "6.5rem" }}>
                <TextField
                  label={`${name} to${i > 0 ? ` (window ${i + 1})` : ""}`}
                  labelHidden
                  name={fieldName.to(channel, day, i)}
                  value={w.to}
                  onChange={(v) => setWindow(i, "to", v)}
                  autoComplete="off"
                  placeholder="HH:MM"
                  error={errors?.[fieldName.to(channel, day, i)]}
                />
              </div>
              {value.windows.length > 1 ? (
                <div style={{ paddingTop: "0.3rem" }}>
                  <Button
                    variant="plain"
                    accessibilityLabel={`Remove ${name} window ${i + 1}`}
                    onClick={() => onChange({ ...value, windows: value.windows.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </Button>
                </div>
              ) : null}
            </InlineStack>
          ))}
          {value.windows.length < MAX_WINDOWS_PER_DAY ? (
            <InlineStack>
              <Button
                variant="plain"
                accessibilityLabel={`Add a ${name} window`}
                onClick={() => onChange({ ...value, windows: [...value.windows, { from: "", to: "" }] })}
              >
                Add a window
              </Button>
            </InlineStack>
          ) : null}
        </BlockStack>
      ) : (
        <div style={{ paddingTop: "0.4rem" }}>
          <Text as="span" tone="subdued">
            No {channel === "sms" ? "texts" : "emails"}
          </Text>
        </div>
      )}
    </InlineStack>
  );
}

export function ChannelCalendarCard({ channel, title, enabledLabel, enabledHelp, initial, errors, children }: Props) {
  const [enabled, setEnabled] = useState(initial.enabled);
  const [skipHolidays, setSkipHolidays] = useState(initial.skipHolidays);
  const [days, setDays] = useState(initial.days);
  return (
    <div id={`sending-${channel}`}>
      <Card>
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          {children}
          <Checkbox
            label={enabledLabel}
            name={fieldName.enabled(channel)}
            value="on"
            checked={enabled}
            onChange={setEnabled}
            helpText={enabledHelp}
          />
          <Checkbox
            label="Skip public holidays in the recipient's country (and US state)"
            name={fieldName.skipHolidays(channel)}
            value="on"
            checked={skipHolidays}
            onChange={setSkipHolidays}
          />
          <BlockStack gap="200">
            <Text as="p" tone="subdued">
              Hours are in each recipient's own time zone.
            </Text>
            {WEEK_ORDER.map((day) => (
              <DayRow
                key={day}
                channel={channel}
                day={day}
                value={days[day] as DayValues}
                errors={errors}
                onChange={(next) => setDays(days.map((d, i) => (i === day ? next : d)))}
              />
            ))}
          </BlockStack>
        </BlockStack>
      </Card>
    </div>
  );
}
