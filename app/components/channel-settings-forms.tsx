// The Settings page's SMS, email and brand forms (Polaris). Each posts through its own fetcher
// with an `intent`, so one form's errors and result never clear another's. Secrets are never
// in the page: their fields start empty, showing the stored secret's mask.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import type { ChannelSettingsView } from "~/messaging/settings/view";
import { SENDER_TYPE_INFO, SENDER_TYPES, type SenderType } from "~/messaging/settings/sender-types";

interface ActionResult {
  ok: boolean;
  errors?: Record<string, string>;
  message?: string;
}

function useSettingsForm() {
  const fetcher = useFetcher<ActionResult>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  return { fetcher, result, busy: fetcher.state !== "idle", error: (name: string) => result?.errors?.[name] };
}

function Field(props: {
  name: string;
  label: string;
  initial?: string;
  error?: string | undefined;
  type?: "text" | "password" | "email" | "number" | "tel";
  helpText?: ReactNode;
  placeholder?: string;
  multiline?: number;
}) {
  const [value, setValue] = useState(props.initial ?? "");
  return (
    <TextField
      name={props.name}
      label={props.label}
      value={value}
      onChange={setValue}
      autoComplete="off"
      type={props.type ?? "text"}
      error={props.error}
      helpText={props.helpText}
      placeholder={props.placeholder}
      multiline={props.multiline}
    />
  );
}

function ResultBanner({ result, id }: { result: ActionResult | undefined; id: string }) {
  if (!result?.message) return null;
  return (
    <div id={id} role="status">
      <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
    </div>
  );
}

function secretHelp(mask: string | null, what: string): string {
  return mask ? `Stored: ${mask}. Leave blank to keep it.` : `Not set yet: enter the ${what}.`;
}

function TestMessage({
  intent,
  name,
  label,
  button,
  type,
}: {
  intent: string;
  name: string;
  label: string;
  button: string;
  type: "tel" | "email";
}) {
  const { fetcher, result, busy, error } = useSettingsForm();
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="end">
          <div style={{ flexGrow: 1 }}>
            <Field name={name} label={label} type={type} error={error(name)} />
          </div>
          <Button submit loading={busy}>
            {button}
          </Button>
        </InlineStack>
        <ResultBanner result={result} id={`${intent}-result`} />
      </BlockStack>
    </fetcher.Form>
  );
}

export function SmsSettingsCard({ sms }: { sms: ChannelSettingsView["sms"] }) {
  const { fetcher, result, busy, error } = useSettingsForm();
  const [senderType, setSenderType] = useState<SenderType | "">(sms.twilioSenderType);
  const [verified, setVerified] = useState(sms.twilioSenderVerified);
  const info = senderType ? SENDER_TYPE_INFO[senderType] : null;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          SMS (Twilio)
        </Text>
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="sms" />
          <FormLayout>
            <Field
              name="twilioAccountSid"
              label="Account SID"
              initial={sms.twilioAccountSid}
              error={error("twilioAccountSid")}
              placeholder="AC…"
            />
            <Field
              name="twilioAuthToken"
              label="Auth Token"
              type="password"
              error={error("twilioAuthToken")}
              helpText={secretHelp(sms.authTokenMask, "Auth Token")}
            />
            <FormLayout.Group>
              <Field
                name="twilioApiKeySid"
                label="API key SID (optional)"
                initial={sms.twilioApiKeySid}
                error={error("twilioApiKeySid")}
                placeholder="SK…"
                helpText="Send with an API key instead of the Auth Token."
              />
              <Field
                name="twilioApiKeySecret"
                label="API key secret"
                type="password"
                error={error("twilioApiKeySecret")}
                helpText={sms.apiKeySecretMask ? secretHelp(sms.apiKeySecretMask, "secret") : undefined}
              />
            </FormLayout.Group>
            <Select
              name="twilioSenderType"
              label="Sender type"
              value={senderType}
              onChange={(v) => setSenderType(v as SenderType)}
              error={error("twilioSenderType")}
              options={[{ label: "Choose…", value: "" }, ...SENDER_TYPES.map((t) => ({ label: SENDER_TYPE_INFO[t].label, value: t }))]}
              helpText={info?.allows}
            />
            <Field
              name="twilioSender"
              label="Sender (phone number, short code, Messaging Service SID or sender ID)"
              initial={sms.twilioSender}
              error={error("twilioSender")}
            />
            <Checkbox
              name="twilioSenderVerified"
              label={`Registration verified${info ? ` (${info.registration})` : ""}`}
              value="on"
              checked={verified}
              onChange={setVerified}
              helpText={
                verified ? undefined : "Carriers block marketing from unregistered senders; Flock sends nothing until this is checked."
              }
            />
            <Field
              name="smsPerSecond"
              label="Messages per second"
              type="number"
              initial={String(sms.smsPerSecond)}
              error={error("smsPerSecond")}
              helpText="Your sender's throughput (MPS) as Twilio granted it."
            />
            <Button submit variant="primary" loading={busy}>
              Save SMS settings
            </Button>
            <ResultBanner result={result} id="sms-result" />
          </FormLayout>
        </fetcher.Form>
        <TestMessage intent="test-sms" name="testPhone" label="Your phone" button="Send test SMS" type="tel" />
      </BlockStack>
    </Card>
  );
}

export function EmailSettingsCard({ email }: { email: ChannelSettingsView["email"] }) {
  const { fetcher, result, busy, error } = useSettingsForm();
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Email (SendGrid)
        </Text>
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="email" />
          <FormLayout>
            <Field
              name="sendgridApiKey"
              label="SendGrid API key"
              type="password"
              error={error("sendgridApiKey")}
              helpText={secretHelp(email.apiKeyMask, "API key")}
            />
            <FormLayout.Group>
              <Field name="emailFromName" label="From name" initial={email.emailFromName} error={error("emailFromName")} />
              <Field
                name="emailFromAddress"
                label="From address (a verified sender)"
                type="email"
                initial={email.emailFromAddress}
                error={error("emailFromAddress")}
              />
            </FormLayout.Group>
            <FormLayout.Group>
              <Field
                name="emailReplyTo"
                label="Reply-to (optional)"
                type="email"
                initial={email.emailReplyTo}
                error={error("emailReplyTo")}
              />
              <Field
                name="emailUnsubscribeGroupId"
                label="Unsubscribe group ID"
                type="number"
                initial={email.emailUnsubscribeGroupId}
                error={error("emailUnsubscribeGroupId")}
              />
            </FormLayout.Group>
            <Field
              name="postalAddress"
              label="Postal address (printed in every email, CAN-SPAM)"
              initial={email.postalAddress}
              error={error("postalAddress")}
              multiline={2}
            />
            <Field
              name="sendgridEventKey"
              label="Event Webhook verification key"
              initial={email.sendgridEventKey}
              error={error("sendgridEventKey")}
              helpText="SendGrid → Mail Settings → Event Webhook → Signature verification."
            />
            <Button submit variant="primary" loading={busy}>
              Save email settings
            </Button>
            <ResultBanner result={result} id="email-result" />
          </FormLayout>
        </fetcher.Form>
        <TestMessage intent="test-email" name="testEmail" label="Your email address" button="Send test email" type="email" />
      </BlockStack>
    </Card>
  );
}

export function BrandSettingsCard({ brand }: { brand: ChannelSettingsView["brand"] }) {
  const { fetcher, result, busy, error } = useSettingsForm();
  return (
    <Card>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="brand" />
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Brand
          </Text>
          <Field
            name="brandName"
            label="Brand name"
            initial={brand.brandName}
            error={error("brandName")}
            helpText="Starts every SMS, so people know who is texting."
          />
          <Field
            name="smsHelpText"
            label="HELP reply"
            initial={brand.smsHelpText}
            error={error("smsHelpText")}
            multiline={2}
            helpText="Sent when someone texts HELP. Name the brand and how to reach you; mention STOP."
          />
          <Button submit variant="primary" loading={busy}>
            Save brand
          </Button>
          <ResultBanner result={result} id="brand-result" />
        </FormLayout>
      </fetcher.Form>
    </Card>
  );
}
