// Settings → Sending rules (Polaris): a plain-language summary, the SMS and email calendars, the
// frequency cap and the attribution windows, in one form. Errors come back per field and
// nothing is saved until every field holds.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Layout, List, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { CAP_LIMITS, type FieldErrors } from "~/messaging/sending-rules/form";
import type { SendingRulesActionResult, SendingRulesPageData } from "~/messaging/sending-rules/page-data";
import { ChannelCalendarCard } from "./channel-calendar-card";

function NumberField({
  name,
  label,
  initial,
  errors,
  helpText,
  suffix,
}: {
  name: string;
  label: string;
  initial: string;
  errors: FieldErrors | undefined;
  helpText?: string;
  suffix?: string;
}) {
  const [value, setValue] = useState(initial);
  return (
    <TextField
      name={name}
      label={label}
      type="number"
      value={value}
      onChange={setValue}
      autoComplete="off"
      error={errors?.[name]}
      helpText={helpText}
      suffix={suffix}
    />
  );
}

export function SendingRulesPage({ data }: { data: SendingRulesPageData }) {
  const fetcher = useFetcher<SendingRulesActionResult>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors = result?.errors;
  const country = data.shopCountry ?? `${data.fallbackCountry} (Shopify has not told Flock your store's country yet)`;
  return (
    <Page title="Sending rules" backAction={{ content: "Settings", url: "/app/settings" }}>
      <fetcher.Form method="post">
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {data.corrupt ? (
                <Banner tone="critical" title="Your saved sending rules could not be read">
                  <p>
                    {data.corrupt}. The form shows the defaults where they could not be read. Nothing is sent until you save them again.
                  </p>
                </Banner>
              ) : null}
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    In short
                  </Text>
                  <div id="sending-summary">
                    <List>
                      {data.summary.map((line) => (
                        <List.Item key={line}>{line}</List.Item>
                      ))}
                    </List>
                  </div>
                  <Text as="p" tone="subdued">
                    Where nothing tells Flock where a person is, your store's time zone ({data.shopTimeZone}) and country ({country}) are
                    assumed.
                  </Text>
                </BlockStack>
              </Card>
              <ChannelCalendarCard
                channel="sms"
                title="Texts (SMS)"
                initial={data.values.sms}
                errors={errors}
                enabledLabel="Send texts only in these hours"
                enabledHelp="Off: texts go out whenever the law allows where each recipient is."
              >
                <Text as="p">
                  You can narrow the hours the law allows, never widen them: no window may start before 08:00 or end after 21:00 (21:30 on
                  weekdays, as Canada allows). Stricter state and country rules still apply to each recipient on top of these hours — for
                  example Connecticut 09:00–20:00, Texas not before noon on Sundays, no Sundays in Alabama, Louisiana, Mississippi or Rhode
                  Island, and France on weekdays only.
                </Text>
              </ChannelCalendarCard>
              <ChannelCalendarCard
                channel="email"
                title="Emails"
                initial={data.values.email}
                errors={errors}
                enabledLabel="Send emails only in these hours"
                enabledHelp="Off: emails go out at any hour (no law sets quiet hours for email)."
              />
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Frequency cap
                  </Text>
                  <Text as="p">
                    Marketing messages per person, texts and emails counted together. Order confirmations and HELP replies are not counted.
                    State limits always apply on top (Florida, Oklahoma and Maryland: at most 3 texts in 24 hours).
                  </Text>
                  <FormLayout>
                    <FormLayout.Group>
                      <NumberField
                        name="capPer24h"
                        label="At most per 24 hours"
                        initial={data.values.capPer24h}
                        errors={errors}
                        helpText={`${CAP_LIMITS.per24h.min} to ${CAP_LIMITS.per24h.max}`}
                        suffix="messages"
                      />
                      <NumberField
                        name="capPer7d"
                        label="At most per 7 days"
                        initial={data.values.capPer7d}
                        errors={errors}
                        helpText={`${CAP_LIMITS.per7d.min} to ${CAP_LIMITS.per7d.max}`}
                        suffix="messages"
                      />
                    </FormLayout.Group>
                  </FormLayout>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Attribution
                  </Text>
                  <Text as="p">
                    An order counts as brought by a message when it is placed within these windows (the latest such message wins; each order
                    counts once).
                  </Text>
                  <FormLayout>
                    <FormLayout.Group>
                      <NumberField
                        name="attributionClickHours"
                        label="After a click"
                        initial={data.values.attributionClickHours}
                        errors={errors}
                        helpText="1 hour to 30 days (720 hours)"
                        suffix="hours"
                      />
                      <NumberField
                        name="attributionDeliveryHours"
                        label="After a text is delivered or an email opened"
                        initial={data.values.attributionDeliveryHours}
                        errors={errors}
                        helpText="1 hour to 30 days (720 hours)"
                        suffix="hours"
                      />
                    </FormLayout.Group>
                  </FormLayout>
                </BlockStack>
              </Card>
              {result ? (
                <div id="sending-rules-result" role="status">
                  <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
                </div>
              ) : null}
              <InlineStack align="end">
                <Button submit variant="primary" loading={fetcher.state !== "idle"}>
                  Save sending rules
                </Button>
              </InlineStack>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </fetcher.Form>
    </Page>
  );
}
