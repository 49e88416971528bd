// The real @sendgrid/mail on a @sendgrid/client Client against the SendGrid stand-in through
// Prism (SendGrid's Mail v3 spec with the custom_args overlay): accepted sends, SendGrid's
// refusals, 1,000-recipient requests, signed Event Webhook batches, and faults.
import { Client } from "@sendgrid/client";
import { MailService } from "@sendgrid/mail";
import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_SENDGRID, startSendGridStandIn, type SendGridStandIn } from "~/sandbox/sendgrid/stand-in.server";
import { startWebhookRecorder } from "~/sandbox/webhook-recorder";
import type { EmailMessage } from "../channel";
import { createSendGridChannel } from "./sendgrid.server";

const NOW = new Date("2026-11-20T15:00:00Z");
let standIn: SendGridStandIn;
let recorder: Awaited<ReturnType<typeof startWebhookRecorder>>;

beforeAll(async () => {
  recorder = await startWebhookRecorder();
  standIn = await startSendGridStandIn({
    now: () => NOW,
    stepDelayMs: 0,
    eventWebhookUrl: `${recorder.origin}/webhooks/sendgrid/events?shop=test.myshopify.com`,
  });
});
afterAll(async () => Promise.all([standIn?.close(), recorder?.close()]));

const channel = (overrides: { apiKey?: string; origin?: string; timeoutMs?: number } = {}) =>
  createSendGridChannel({ apiKey: SANDBOX_SENDGRID.apiKey, origin: standIn.origin, ...overrides });

const message = (overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  from: { email: SANDBOX_SENDGRID.fromEmail, name: "Paws & Whiskers" },
  replyTo: { email: "help@pawsandwhiskers.example" },
  subject: "Your cart is waiting",
  text: "Come back",
  html: "<p>Come back</p>",
  recipients: [{ email: "ann@example.com", customArgs: { outbox: "o1" } }],
  categories: ["abandoned-checkout"],
  headers: { "X-Flock-Test": "1" },
  unsubscribeGroupId: SANDBOX_SENDGRID.unsubscribeGroupId,
  ...overrides,
});

/** The bare SDK at the stand-in, for requests our adapter never builds. */
function rawMail(): MailService {
  const client = new Client();
  client.setApiKey(SANDBOX_SENDGRID.apiKey);
  client.setDefaultRequest("baseUrl", standIn.origin);
  const mail = new MailService();
  mail.setClient(client);
  return mail;
}

async function refusedStatus(work: Promise<unknown>): Promise<number> {
  const error: unknown = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "number")
    throw new Error(`expected a ResponseError, got ${String(error)}`);
  return error.code;
}

describe("SendGrid adapter through Prism", () => {
  it("sends with custom_args, asm, headers and categories: 202 and X-Message-Id", async () => {
    const [batch] = await channel().sendEmail(message());
    expect(batch?.result.kind).toBe("sent");
    const id = batch?.result.kind === "sent" ? batch.result.providerId : "";
    const stored = standIn.fake.mails.find((m) => m.messageId === id);
    expect(stored?.body).toMatchObject({
      personalizations: [{ to: [{ email: "ann@example.com" }], custom_args: { outbox: "o1" } }],
      asm: { group_id: SANDBOX_SENDGRID.unsubscribeGroupId },
      categories: ["abandoned-checkout"],
      headers: { "X-Flock-Test": "1" },
      reply_to: { email: "help@pawsandwhiskers.example" },
      // Flock tracks clicks with its own short links and unsubscribes through its own link.
      tracking_settings: { click_tracking: { enable: false, enable_text: false }, subscription_tracking: { enable: false } },
    });
  });

  it("splits 2,500 recipients into requests of 1,000, 1,000 and 500", async () => {
    const recipients = Array.from({ length: 2500 }, (_, i) => ({ email: `r${i}@example.com` }));
    const batches = await channel().sendEmail(message({ recipients }));
    expect(batches.map((b) => b.recipients.length)).toEqual([1000, 1000, 500]);
    expect(batches.every((b) => b.result.kind === "sent")).toBe(true);
  });

  it("posts signed Event Webhook batches: processed then delivered, bounce and dropped, with custom args", async () => {
    recorder.requests.length = 0;
    await channel().sendEmail(
      message({
        recipients: [
          { email: "bob@example.com", customArgs: { outbox: "o2" } },
          { email: "carl+bounce@example.com" },
          { email: "dan+dropped@example.com" },
        ],
      }),
    );
    await standIn.fake.idle();
    const key = createPublicKey({ key: Buffer.from(standIn.fake.keys.publicKey, "base64"), format: "der", type: "spki" });
    const events = recorder.requests.flatMap((r) => {
      const timestamp = String(r.headers["x-twilio-email-event-webhook-timestamp"]);
      const signature = Buffer.from(String(r.headers["x-twilio-email-event-webhook-signature"]), "base64");
      expect(r.body.endsWith("\r\n")).toBe(true);
      expect(verify("sha256", Buffer.from(timestamp + r.body), key, signature)).toBe(true);
      expect(verify("sha256", Buffer.from(timestamp + r.body.replace('"event"', '"Event"')), key, signature)).toBe(false);
      return JSON.parse(r.body) as { email: string; event: string; outbox?: string }[];
    });
    expect(events.filter((e) => e.email === "bob@example.com").map((e) => [e.event, e.outbox])).toEqual([
      ["processed", "o2"],
      ["delivered", "o2"],
    ]);
    expect(events.filter((e) => e.email === "carl+bounce@example.com").map((e) => e.event)).toEqual(["processed", "bounce"]);
    expect(events.filter((e) => e.email === "dan+dropped@example.com").map((e) => e.event)).toEqual(["dropped"]);
  });

  it("posts the engagement events on request, signed, for the recipient of a stored mail", async () => {
    const [batch] = await channel().sendEmail(message({ recipients: [{ email: "eve@example.com", customArgs: { outbox: "o3" } }] }));
    const id = batch?.result.kind === "sent" ? batch.result.providerId : "";
    await standIn.fake.idle();
    recorder.requests.length = 0;
    const kinds = ["open", "click", "spamreport", "unsubscribe", "group_unsubscribe"] as const;
    for (const kind of kinds)
      expect(await standIn.fake.emit(id, "eve@example.com", kind, kind === "click" ? { url: "https://shop.example/cart" } : {})).toBe(200);
    const events = recorder.requests.map((r) => (JSON.parse(r.body) as Record<string, unknown>[])[0]);
    expect(events.map((e) => [e?.event, e?.outbox, e?.sg_message_id])).toEqual(
      kinds.map((k) => [k, "o3", `${id}.filterdrecv-sandbox-1-0.0`]),
    );
    expect(events[1]?.url).toBe("https://shop.example/cart");
    expect(events[4]?.asm_group_id).toBe(SANDBOX_SENDGRID.unsubscribeGroupId);
  });

  it("refuses an unverified sender (403) and a wrong API key (401) as permanent", async () => {
    const [unverified] = await channel().sendEmail(message({ from: { email: "someone@else.example" } }));
    expect(unverified?.result).toMatchObject({ kind: "permanent", code: "403" });
    const [wrongKey] = await channel({ apiKey: "SG.wrong" }).sendEmail(message());
    expect(wrongKey?.result).toMatchObject({ kind: "permanent", code: "401" });
  });

  it("refuses what SendGrid refuses: no content, non-string custom_args, 1,001 personalizations", async () => {
    const mail = rawMail();
    const base = { from: SANDBOX_SENDGRID.fromEmail, subject: "s" };
    // No content and no template: the spec allows it, SendGrid answers 400 naming the field.
    const client = new Client();
    client.setApiKey(SANDBOX_SENDGRID.apiKey);
    client.setDefaultRequest("baseUrl", standIn.origin);
    const noContent = await client
      .request({
        method: "POST",
        url: "/v3/mail/send",
        body: { personalizations: [{ to: [{ email: "a@example.com" }] }], from: { email: SANDBOX_SENDGRID.fromEmail }, subject: "s" },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(noContent).toMatchObject({ code: 400, response: { body: { errors: [{ field: "content" }] } } });
    // Prism refuses these on the (patched) spec, before the fake sees them.
    const customArgs: Record<string, string> = JSON.parse('{"n": 1}') as Record<string, string>;
    expect(await refusedStatus(mail.send({ ...base, to: "a@example.com", text: "x", customArgs }))).toBe(422);
    const personalizations = Array.from({ length: 1001 }, (_, i) => ({ to: [{ email: `p${i}@example.com` }] }));
    expect(await refusedStatus(mail.send({ ...base, personalizations, text: "x" }))).toBe(422);
  });
});

describe("SendGrid adapter under injected faults", () => {
  it("answers retryable with Retry-After for 429 and retryable for 500", async () => {
    standIn.fake.injectFault({ kind: "rate-limit", retryAfterSeconds: 30 });
    expect((await channel().sendEmail(message()))[0]?.result).toEqual({
      kind: "retryable",
      reason: "SendGrid rate limit (429)",
      retryAfterSeconds: 30,
    });
    standIn.fake.injectFault({ kind: "server-error", status: 500 });
    expect((await channel().sendEmail(message()))[0]?.result).toMatchObject({ kind: "retryable" });
  });

  it("answers unknown for a dropped connection, an accepted-then-dropped request and a slow answer", async () => {
    const direct = channel({ origin: standIn.fakeOrigin, timeoutMs: 300 });
    const before = standIn.fake.mails.length;
    standIn.fake.injectFault({ kind: "accept-then-drop" });
    expect((await direct.sendEmail(message()))[0]?.result).toMatchObject({ kind: "unknown" });
    expect(standIn.fake.mails.length).toBe(before + 1);
    standIn.fake.injectFault({ kind: "drop" });
    expect((await direct.sendEmail(message()))[0]?.result).toMatchObject({ kind: "unknown" });
    standIn.fake.injectFault({ kind: "slow", delayMs: 1_000 });
    expect((await direct.sendEmail(message()))[0]?.result).toMatchObject({ kind: "unknown" });
  });
});
