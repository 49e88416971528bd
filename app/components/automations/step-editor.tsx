// The sequence editor: trigger delay and each step's delay, channel, message and discount, with
// the steps US recipients get by email instead (computed by the same pure carrier rules the runs use).
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { usConversions } from "~/automations/abandoned-cart/carrier-rules";
import { SequenceConfig, type SequenceStep } from "~/automations/abandoned-cart/steps";

export interface EditableStep {
  delayMinutes: string;
  channel: "sms" | "email";
  subject: string;
  message: string;
  discountKind: "" | "percent" | "amount";
  discountValue: string;
  expiresInHours: string;
}

export interface EditableSequence {
  triggerMinutes: string;
  steps: EditableStep[];
}

export function toEditable(config: SequenceConfig): EditableSequence {
  return {
    triggerMinutes: String(config.triggerMinutes),
    steps: config.steps.map((s) => ({
      delayMinutes: String(s.delayMinutes),
      channel: s.channel,
      subject: s.subject,
      message: s.message,
      discountKind: s.discount?.kind ?? "",
      discountValue: s.discount ? String(s.discount.value) : "",
      expiresInHours: s.discount ? String(s.discount.expiresInHours) : "48",
    })),
  };
}

export function fromEditable(edit: EditableSequence): unknown {
  return {
    triggerMinutes: Number(edit.triggerMinutes),
    steps: edit.steps.map((s): Partial<SequenceStep> & Record<string, unknown> => ({
      delayMinutes: Number(s.delayMinutes),
      channel: s.channel,
      subject: s.subject,
      message: s.message,
      discount: s.discountKind ? { kind: s.discountKind, value: Number(s.discountValue), expiresInHours: Number(s.expiresInHours) } : null,
    })),
  };
}

const NEW_STEP: EditableStep = {
  delayMinutes: "2880",
  channel: "email",
  subject: "Your cart is waiting",
  message: "Hi {{ customer.first_name }}, your cart: {{ checkout_url }}",
  discountKind: "",
  discountValue: "",
  expiresInHours: "48",
};

export function StepEditor({
  value,
  onChange,
  errors,
  saving,
}: {
  value: EditableSequence;
  onChange: (next: EditableSequence) => void;
  errors: string[];
  saving: boolean;
}) {
  const parsed = SequenceConfig.safeParse(fromEditable(value));
  const conversions = parsed.success ? usConversions(parsed.data) : [];
  const setStep = (i: number, patch: Partial<EditableStep>) =>
    onChange({ ...value, steps: value.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Steps
        </Text>
        {errors.length > 0 && (
          <Banner tone="critical" title="The sequence was not saved">
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </Banner>
        )}
        <TextField
          label="A checkout counts as abandoned after (minutes without an update)"
          type="number"
          value={value.triggerMinutes}
          onChange={(v) => onChange({ ...value, triggerMinutes: v })}
          autoComplete="off"
        />
        {value.steps.map((step, i) => (
          <Card key={i} background="bg-surface-secondary">
            <FormLayout>
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h3" variant="headingSm">
                  Step {i + 1}
                </Text>
                <Button
                  variant="plain"
                  tone="critical"
                  disabled={value.steps.length === 1}
                  onClick={() => onChange({ ...value, steps: value.steps.filter((_, j) => j !== i) })}
                >
                  Remove step {String(i + 1)}
                </Button>
              </InlineStack>
              <FormLayout.Group>
                <TextField
                  label="Send after (minutes since the checkout's last update)"
                  type="number"
                  value={step.delayMinutes}
                  onChange={(v) => setStep(i, { delayMinutes: v })}
                  autoComplete="off"
                />
                <Select
                  label="Channel"
                  options={[
                    { label: "SMS", value: "sms" },
                    { label: "Email", value: "email" },
                  ]}
                  value={step.channel}
                  onChange={(v) => setStep(i, { channel: v as "sms" | "email" })}
                />
              </FormLayout.Group>
              {step.channel === "email" && (
                <TextField label="Subject" value={step.subject} onChange={(v) => setStep(i, { subject: v })} autoComplete="off" />
              )}
              <TextField
                label="Message"
                multiline={3}
                value={step.message}
                onChange={(v) => setStep(i, { message: v })}
                autoComplete="off"
                helpText="{{ customer.first_name }}, {{ checkout_url }} (the link back to the cart), {{ discount_code }}, {{ shop.name }}"
              />
              <FormLayout.Group>
                <Select
                  label="Discount"
                  options={[
                    { label: "None", value: "" },
                    { label: "Percentage", value: "percent" },
                    { label: "Fixed amount (cents)", value: "amount" },
                  ]}
                  value={step.discountKind}
                  onChange={(v) => setStep(i, { discountKind: v as EditableStep["discountKind"] })}
                />
                {step.discountKind && (
                  <TextField
                    label={step.discountKind === "percent" ? "Percent off" : "Amount off (cents)"}
                    type="number"
                    value={step.discountValue}
                    onChange={(v) => setStep(i, { discountValue: v })}
                    autoComplete="off"
                  />
                )}
                {step.discountKind && (
                  <TextField
                    label="Code expires after (hours)"
                    type="number"
                    value={step.expiresInHours}
                    onChange={(v) => setStep(i, { expiresInHours: v })}
                    autoComplete="off"
                  />
                )}
              </FormLayout.Group>
            </FormLayout>
          </Card>
        ))}
        <div id="us-conversions">
          {conversions.length > 0 ? (
            <Banner tone="info" title="For US phone numbers">
              <ul>
                {conversions.map((c) => (
                  <li key={c.step}>
                    Step {c.step + 1} goes by email: {c.reason}. Customers without email consent skip it.
                  </li>
                ))}
              </ul>
            </Banner>
          ) : (
            <Text as="p" tone="subdued">
              US phone numbers get every step as set: at most one text, within 48 hours.
            </Text>
          )}
        </div>
        <InlineStack gap="200">
          <Button disabled={value.steps.length >= 5} onClick={() => onChange({ ...value, steps: [...value.steps, NEW_STEP] })}>
            Add step
          </Button>
          <Button variant="primary" submit loading={saving}>
            Save sequence
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
