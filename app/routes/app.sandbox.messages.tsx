// Sandbox only: what the Twilio and SendGrid stand-ins received — SMS threads as on a phone, with
// the customer's reply box (through the signed inbound webhook), and an inbox rendering each email.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { requireAdmin } from "~/auth.server";
import { env } from "~/env.server";
import { CustomerReply, loadSandboxMessages, sendCustomerReply, type InboxEmail, type SmsThread } from "~/sandbox/messages-page.server";
import { LinkedText } from "~/components/linked-text";
import { pageTitle } from "~/components/page-title";
import { AbandonCheckoutCard } from "~/components/automations/abandon-checkout-card";

export const meta: MetaFunction = () => [{ title: pageTitle("Messages", "Sandbox") }];

async function requireSandbox(request: Request): Promise<void> {
  const admin = await requireAdmin(request);
  if (!admin.sandbox) throw new Response("Not found", { status: 404 });
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requireSandbox(request);
  return loadSandboxMessages({ twilio: env().FLOCK_SANDBOX_TWILIO_CONTROL, sendgrid: env().FLOCK_SANDBOX_SENDGRID_CONTROL });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  await requireSandbox(request);
  const form = await request.formData();
  const parsed = CustomerReply.safeParse({
    accountSid: form.get("accountSid"),
    from: form.get("from"),
    to: form.get("to"),
    body: form.get("quick") || form.get("body"),
  });
  const control = env().FLOCK_SANDBOX_TWILIO_CONTROL;
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  if (!control) return { ok: false, message: "The Twilio stand-in is not running" };
  return sendCustomerReply(control, parsed.data);
};

function Phone({ thread }: { thread: SmsThread }) {
  const fetcher = useFetcher<typeof action>();
  const [text, setText] = useState("");
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {thread.number}
          </Text>
          {thread.optedOut ? <Badge tone="critical">Opted out</Badge> : <Badge tone="success">Subscribed</Badge>}
        </InlineStack>
        <div
          className="sandbox-phone"
          data-number={thread.number}
          style={{
            border: "8px solid #1a1a1a",
            borderRadius: 24,
            padding: 12,
            background: "#f4f4f5",
            display: "flex",
            flexDirection: "column",
            gap: 8,
            maxHeight: 420,
            overflowY: "auto",
          }}
        >
          {thread.messages.map((m) => (
            // From the customer's side: our messages arrive on the left, theirs go out on the right.
            <div key={m.sid} data-sid={m.sid} style={{ alignSelf: m.mine ? "flex-start" : "flex-end", maxWidth: "80%" }}>
              <div
                style={{
                  background: m.mine ? "#e4e4e7" : "#2563eb",
                  color: m.mine ? "#111" : "white",
                  borderRadius: 16,
                  padding: "8px 12px",
                  whiteSpace: "pre-wrap",
                }}
              >
                <LinkedText text={m.body} />
              </div>
              <Text as="p" variant="bodySm" tone="subdued">
                {m.mine ? `${m.status}` : "sent"} · {new Date(m.at).toISOString().slice(11, 19)} UTC
                {m.webhooks ? ` · webhooks: ${m.webhooks}` : ""}
              </Text>
            </div>
          ))}
        </div>
        <fetcher.Form method="post" onSubmit={() => setText("")}>
          <input type="hidden" name="accountSid" value={thread.accountSid} />
          <input type="hidden" name="from" value={thread.number} />
          <input type="hidden" name="to" value={thread.sender} />
          <BlockStack gap="200">
            <TextField label={`Reply as ${thread.number}`} name="body" value={text} onChange={setText} autoComplete="off" />
            <InlineStack gap="200">
              <Button submit variant="primary" loading={fetcher.state !== "idle"}>
                Send reply
              </Button>
              {["STOP", "HELP", "Y", "START"].map((word) => (
                <button
                  key={word}
                  type="submit"
                  name="quick"
                  value={word}
                  className="Polaris-Button"
                  style={{ padding: "4px 10px", borderRadius: 8, border: "1px solid #ccc", background: "white", cursor: "pointer" }}
                >
                  {word}
                </button>
              ))}
            </InlineStack>
            {fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null}
          </BlockStack>
        </fetcher.Form>
      </BlockStack>
    </Card>
  );
}

/** The email's links open in a new tab: the frame itself never navigates. */
function linksInNewTab(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`) : `${base}${html}`;
}

function Email({ email }: { email: InboxEmail }) {
  return (
    <Card>
      <BlockStack gap="300">
        <div className="sandbox-email" data-to={email.to}>
          <Text as="h3" variant="headingSm">
            {email.subject}
          </Text>
          <Text as="p" tone="subdued">
            To {email.to} · from {email.from} · {new Date(email.receivedAt).toISOString().replace("T", " ").slice(0, 19)} UTC
          </Text>
        </div>
        {email.html ? (
          // No scripts, no same-origin, no forms; links open in a new tab (popups), as in a mail client.
          <iframe
            title={`HTML of "${email.subject}" to ${email.to}`}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={linksInNewTab(email.html)}
            style={{ width: "100%", height: 260, border: "1px solid #ddd", borderRadius: 8, background: "white" }}
          />
        ) : null}
        {email.text ? (
          <BlockStack gap="100">
            <Text as="h4" variant="headingXs">
              Plain-text part
            </Text>
            <pre style={{ whiteSpace: "pre-wrap", margin: 0, padding: 8, background: "#f6f6f7", borderRadius: 8 }}>
              <LinkedText text={email.text} />
            </pre>
          </BlockStack>
        ) : null}
        <details>
          <summary>Headers and events</summary>
          <table style={{ fontSize: 13 }}>
            <tbody>
              {email.headers.map(([name, value], i) => (
                <tr key={`${name}-${i}`}>
                  <th style={{ textAlign: "left", paddingRight: 12, verticalAlign: "top" }}>{name}</th>
                  <td>{value}</td>
                </tr>
              ))}
              <tr>
                <th style={{ textAlign: "left", paddingRight: 12 }}>Event Webhook</th>
                <td>{email.events.join(", ") || "none yet"}</td>
              </tr>
            </tbody>
          </table>
        </details>
      </BlockStack>
    </Card>
  );
}

export default function SandboxMessages() {
  const { threads, emails, problem } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  return (
    <Page
      title="Sandbox messages"
      subtitle="What the Twilio and SendGrid stand-ins received"
      secondaryActions={[{ content: "Refresh", onAction: () => revalidator.revalidate(), loading: revalidator.state !== "idle" }]}
    >
      <Layout>
        {problem ? (
          <Layout.Section>
            <Banner tone="warning">{problem}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <AbandonCheckoutCard />
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <BlockStack gap="400">
            <Text as="h2" variant="headingMd">
              SMS
            </Text>
            {threads.length === 0 ? (
              <Text as="p" tone="subdued">
                No SMS yet.
              </Text>
            ) : (
              threads.map((thread) => <Phone key={thread.number} thread={thread} />)
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <BlockStack gap="400">
            <Text as="h2" variant="headingMd">
              Email inbox
            </Text>
            {emails.length === 0 ? (
              <Text as="p" tone="subdued">
                No email yet.
              </Text>
            ) : (
              emails.map((email) => <Email key={email.id} email={email} />)
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
