// Sign-up form: turn the storefront form on, edit its copy and the welcome text, preview it as
// shoppers see it (the extension's .liquid rendered), and read sign-ups per day and the
// confirmation rate. Domain code in app/optin/signup-page.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  DataTable,
  FormLayout,
  InlineGrid,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { requireAdmin } from "~/auth.server";
import { pageTitle } from "~/components/page-title";
import { db } from "~/db/db.server";
import { loadSignupPage, saveSignupSettings, type SaveResult } from "~/optin/signup-page.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Sign-up form") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return loadSignupPage(db(), shop, new Date());
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const fields = Object.fromEntries([...(await request.formData())].map(([name, value]) => [name, String(value)]));
  return saveSignupSettings(db(), shop, fields);
};

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);

export default function SignupForm() {
  const { settings, stats, previews } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<SaveResult>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const error = (name: string) => (result && !result.ok ? result.errors[name] : undefined);
  const [enabled, setEnabled] = useState(settings.enabled);
  const [emailLevel, setEmailLevel] = useState(settings.emailOptInLevel);
  const [values, setValues] = useState({
    programName: settings.programName,
    frequencyText: settings.frequencyText,
    termsUrl: settings.termsUrl,
    privacyUrl: settings.privacyUrl,
    welcomeText: settings.welcomeText,
    discountCode: settings.discountCode,
  });
  const field = (name: keyof typeof values, label: string, helpText?: string, multiline?: number) => (
    <TextField
      name={name}
      label={label}
      value={values[name]}
      onChange={(v) => setValues((all) => ({ ...all, [name]: v }))}
      autoComplete="off"
      error={error(name)}
      helpText={helpText}
      multiline={multiline}
    />
  );
  const totalSignups = stats.days.reduce((sum, d) => sum + d.signups, 0);
  return (
    <Page title="Sign-up form">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <fetcher.Form method="post">
                <input type="hidden" name="enabled" value={enabled ? "on" : "off"} />
                <input type="hidden" name="emailOptInLevel" value={emailLevel} />
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Storefront form
                  </Text>
                  <Checkbox
                    label="Accept sign-ups from the storefront form"
                    checked={enabled}
                    onChange={setEnabled}
                    helpText="Add the “Flock sign-up form” block or turn on the “Flock sign-up pop-up” embed in the theme editor."
                  />
                  <FormLayout>
                    {field(
                      "programName",
                      "SMS program name",
                      "Starts the confirmation text and the consent wording; empty: your brand name.",
                    )}
                    {field("frequencyText", "Message frequency", "Carriers require it in the consent wording, e.g. “Up to 6 msgs/month.”")}
                    {field("termsUrl", "SMS terms page", "A page of your store (/pages/sms-terms) or an https:// address.")}
                    {field("privacyUrl", "Privacy policy page")}
                    {field(
                      "welcomeText",
                      "Welcome text after a confirmed sign-up",
                      "Empty: no welcome text. {{ discount_code }} is replaced by the code below.",
                      3,
                    )}
                    {field("discountCode", "Discount code in the welcome text", "An existing code from Shopify Discounts.")}
                    <ChoiceList
                      title="Email sign-ups"
                      choices={[
                        {
                          label: "Single opt-in",
                          value: "SINGLE_OPT_IN",
                          helpText: "The address is subscribed as soon as the shopper signs up.",
                        },
                        {
                          label: "Confirmed opt-in (send a confirmation email)",
                          value: "CONFIRMED_OPT_IN",
                          helpText:
                            "The address is subscribed only after the shopper confirms through the link in the email (valid 7 days).",
                        },
                      ]}
                      selected={[emailLevel]}
                      onChange={(selected) => setEmailLevel(selected[0] === "CONFIRMED_OPT_IN" ? "CONFIRMED_OPT_IN" : "SINGLE_OPT_IN")}
                      error={error("emailOptInLevel")}
                    />
                  </FormLayout>
                  {result ? (
                    <div id="signup-result" role="status">
                      <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
                    </div>
                  ) : null}
                  <Button submit variant="primary" loading={fetcher.state !== "idle"}>
                    Save sign-up form
                  </Button>
                </BlockStack>
              </fetcher.Form>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Preview
                </Text>
                <Text as="p" tone="subdued">
                  The form as shoppers see it, rendered from the theme extension with the copy above (save to refresh).
                </Text>
                {previews.length === 0 ? (
                  <Text as="p">
                    The preview is unavailable: the theme extension’s files (extensions/flock-signup) are not deployed with the app.
                  </Text>
                ) : null}
                <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
                  {previews.map((preview) => (
                    <iframe
                      key={preview.locale}
                      title={`Sign-up form preview (${preview.locale === "es" ? "Spanish" : "English"})`}
                      srcDoc={preview.html}
                      sandbox=""
                      style={{ width: "100%", height: 640, border: "1px solid #e1e3e5", borderRadius: 8, background: "#fff" }}
                    />
                  ))}
                </InlineGrid>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Last 14 days
              </Text>
              <Text as="p" id="signup-confirmation-rate">
                Confirmation rate: <b>{percent(stats.confirmationRate)}</b> ({stats.smsConfirmed} of {stats.smsDecided} SMS sign-ups
                confirmed with Y)
              </Text>
              <Text as="p" id="signup-declined">
                {stats.smsDeclined} declined (STOP before confirming)
              </Text>
              <Text as="p">{totalSignups} sign-ups</Text>
              <DataTable
                columnContentTypes={["text", "numeric", "numeric"]}
                headings={["Day", "Sign-ups", "Confirmed"]}
                rows={stats.days
                  .slice()
                  .reverse()
                  .map((d) => [d.day, d.signups, d.confirmed])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
