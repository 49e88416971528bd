// The abandoned-checkout sequence: on/off, the steps, the simulator and the stats.
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import {
  checkoutAutomationStats,
  loadCheckoutAutomation,
  saveCheckoutSequence,
  setCheckoutAutomationEnabled,
} from "~/automations/abandoned-cart/automation-store.server";
import { fromEditable, StepEditor, toEditable } from "~/components/automations/step-editor";
import { Simulator } from "~/components/automations/simulator";
import { StepResults } from "~/components/automations/step-results";
import { pageTitle } from "~/components/page-title";
import { db } from "~/db/db.server";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export const meta: MetaFunction = () => [{ title: pageTitle("Abandoned checkout", "Automations") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const automation = await loadCheckoutAutomation(db(), shop);
  const shopRow = await db().shop.findUnique({ where: { shop }, select: { ianaTimezone: true } });
  const stats = await checkoutAutomationStats(db(), shop, automation.config.steps.length);
  return { automation, stats, shopTimeZone: shopRow?.ianaTimezone ?? "UTC", now: new Date().toISOString() };
};

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("toggle"), enabled: z.enum(["true", "false"]) }),
  z.object({ intent: z.literal("save"), sequence: z.string() }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  if (parsed.data.intent === "toggle") {
    await setCheckoutAutomationEnabled(db(), shop, parsed.data.enabled === "true", new Date());
    return { ok: true as const, errors: [] };
  }
  let input: unknown;
  try {
    input = JSON.parse(parsed.data.sequence);
  } catch {
    return { ok: false as const, errors: ["sequence: not JSON"] };
  }
  const saved = await saveCheckoutSequence(db(), shop, input);
  return saved.ok ? { ok: true as const, errors: [] } : { ok: false as const, errors: saved.errors };
};

const CANCEL_TEXT: Record<string, string> = {
  purchased: "bought",
  checkout_completed: "completed the checkout",
  checkout_deleted: "checkout deleted",
  opted_out: "opted out",
  shop_uninstalled: "app uninstalled",
  shop_paused: "sending paused",
  automation_off: "automation switched off",
  reminders_declined: "declined cart reminders",
};

export default function AbandonedCheckoutAutomation() {
  const { automation, stats, shopTimeZone, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [sequence, setSequence] = useState(() => toEditable(automation.config));
  const busy = (intent: string) => navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  return (
    <Page title="Abandoned checkout" backAction={{ content: "Automations", url: "/app/automations" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <InlineStack align="space-between" blockAlign="center">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Recovery sequence
                  </Text>
                  {automation.enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
                </InlineStack>
                <Form method="post">
                  <input type="hidden" name="intent" value="toggle" />
                  <input type="hidden" name="enabled" value={String(!automation.enabled)} />
                  <Button submit variant={automation.enabled ? "secondary" : "primary"} loading={busy("toggle")}>
                    {automation.enabled ? "Turn off" : "Turn on"}
                  </Button>
                </Form>
              </InlineStack>
            </Card>
            <Form method="post">
              <input type="hidden" name="intent" value="save" />
              <input type="hidden" name="sequence" value={JSON.stringify(fromEditable(sequence))} />
              <StepEditor
                value={sequence}
                onChange={setSequence}
                errors={result && !result.ok ? result.errors : []}
                saving={busy("save")}
              />
            </Form>
            <Simulator config={fromEditable(sequence)} shopTimeZone={shopTimeZone} now={now} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Results
              </Text>
              <div id="automation-stats">
                <Text as="p">
                  {stats.runs} runs started · {stats.active} active · {stats.recovered} recovered
                </Text>
                {Object.entries(stats.cancelled).map(([reason, n]) => (
                  <Text as="p" tone="subdued" key={reason}>
                    {n} stopped: {CANCEL_TEXT[reason] ?? reason}
                  </Text>
                ))}
              </div>
              <StepResults steps={stats.steps} currency={stats.currency} />
              {stats.recent.length > 0 && (
                <Text as="h3" variant="headingSm">
                  Recent runs
                </Text>
              )}
              {stats.recent.map((r) => (
                <Text as="p" variant="bodySm" key={r.token}>
                  {r.token.slice(0, 8)}… {r.status}
                  {r.cancelReason ? ` (${CANCEL_TEXT[r.cancelReason] ?? r.cancelReason})` : ""}:{" "}
                  {(JSON.parse(r.log) as { step: number; outcome: string; channel: string | null; reason: string | null }[])
                    .map((e) => `step ${e.step + 1} ${e.outcome}${e.channel ? ` by ${e.channel}` : ""}${e.reason ? ` (${e.reason})` : ""}`)
                    .join(", ") || "waiting"}
                </Text>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
