// The simulator: a sample checkout played through the sequence by the same pure code the runs use.
import { BlockStack, Button, Card, Checkbox, DataTable, FormLayout, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { PLAN_REASON_TEXT, type PlanReason } from "~/automations/abandoned-cart/carrier-rules";
import { SimulationScenario, simulateSequence, type Simulation } from "~/automations/abandoned-cart/simulate";
import { SequenceConfig } from "~/automations/abandoned-cart/steps";

const REASONS: Record<string, string> = {
  ...PLAN_REASON_TEXT,
  quiet_hours_or_cap: "waited for quiet hours or the frequency cap",
  quiet_hours_deadline: "quiet hours last past the next step",
  capped: "the frequency cap (SMS and email together) is reached",
  no_open_window: "no allowed sending time in the next two weeks",
  purchased: "the customer bought",
};

export function Simulator({ config, shopTimeZone, now }: { config: unknown; shopTimeZone: string; now: string }) {
  const [form, setForm] = useState({ country: "US", state: "NY", leftAt: "20:30", sms: true, email: true, purchaseAfterHours: "" });
  const [result, setResult] = useState<Simulation | string | null>(null);
  const run = () => {
    const sequence = SequenceConfig.safeParse(config);
    if (!sequence.success) return setResult("Fix the steps first: the sequence is not valid.");
    const scenario = SimulationScenario.safeParse({
      ...form,
      country: form.country.toUpperCase(),
      state: form.state.toUpperCase(),
      purchaseAfterHours: form.purchaseAfterHours === "" ? null : Number(form.purchaseAfterHours),
    });
    if (!scenario.success) return setResult(scenario.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    setResult(simulateSequence(sequence.data, scenario.data, shopTimeZone, new Date(now)));
  };
  const fmt = (d: Date, zone: string) =>
    new Intl.DateTimeFormat("en-US", { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit", hour12: false }).format(d);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Simulator
        </Text>
        <FormLayout>
          <FormLayout.Group>
            <TextField label="Country" value={form.country} onChange={(country) => setForm({ ...form, country })} autoComplete="off" />
            <TextField label="State or province" value={form.state} onChange={(state) => setForm({ ...form, state })} autoComplete="off" />
            <TextField
              label="Left the checkout at (their time)"
              value={form.leftAt}
              onChange={(leftAt) => setForm({ ...form, leftAt })}
              autoComplete="off"
            />
          </FormLayout.Group>
          <FormLayout.Group>
            <Checkbox label="Subscribed to SMS" checked={form.sms} onChange={(sms) => setForm({ ...form, sms })} />
            <Checkbox label="Subscribed to email" checked={form.email} onChange={(email) => setForm({ ...form, email })} />
            <TextField
              label="Buys after (hours; empty: never)"
              type="number"
              value={form.purchaseAfterHours}
              onChange={(purchaseAfterHours) => setForm({ ...form, purchaseAfterHours })}
              autoComplete="off"
            />
          </FormLayout.Group>
          <Button onClick={run}>Play the sequence</Button>
        </FormLayout>
        <div id="simulation">
          {typeof result === "string" && (
            <Text as="p" tone="critical">
              {result}
            </Text>
          )}
          {result && typeof result !== "string" && (
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text"]}
              headings={["Step", "Due", "Channel", "What happens", "Why"]}
              rows={result.entries.map((e) => [
                `Step ${e.step + 1}`,
                fmt(e.dueAt, result.timeZone),
                e.channel ? e.channel.toUpperCase() : "—",
                `${e.outcome === "sent" ? "Sent" : e.outcome === "skipped" ? "Skipped" : "Cancelled"} ${fmt(e.at, result.timeZone)}`,
                [
                  e.convertedBecause ? `Email instead of SMS: ${PLAN_REASON_TEXT[e.convertedBecause as PlanReason]}` : "",
                  e.reason ? (REASONS[e.reason] ?? e.reason) : "",
                ]
                  .filter(Boolean)
                  .join("; "),
              ])}
            />
          )}
        </div>
      </BlockStack>
    </Card>
  );
}
