// The real `twilio` SDK against the Twilio stand-in through Prism (Twilio's published spec):
// what the adapter sends is accepted, what Twilio refuses is refused with Twilio's codes, and
// every failure comes back as the right SendResult.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxAccount, SANDBOX_TWILIO, startTwilioStandIn, type TwilioStandIn } from "~/sandbox/twilio/stand-in.server";
import { startWebhookRecorder } from "~/sandbox/webhook-recorder";
import { createTwilioChannel } from "./twilio.server";

const NOW = new Date("2026-11-20T15:00:00Z");
const API_KEY = { sid: `SK${"1".repeat(32)}`, secret: "an-api-key-secret-of-the-account" };
let standIn: TwilioStandIn;
let recorder: Awaited<ReturnType<typeof startWebhookRecorder>>;

beforeAll(async () => {
  [standIn, recorder] = await Promise.all([
    startTwilioStandIn({ now: () => NOW, stepDelayMs: 0, accounts: [{ ...sandboxAccount(), apiKeys: [API_KEY] }] }),
    startWebhookRecorder(),
  ]);
});
afterAll(async () => Promise.all([standIn?.close(), recorder?.close()]));

const auth = { accountSid: SANDBOX_TWILIO.accountSid, authToken: SANDBOX_TWILIO.authToken };
const channel = (overrides: Partial<Parameters<typeof createTwilioChannel>[0]> = {}) =>
  createTwilioChannel({ auth, sender: { from: SANDBOX_TWILIO.number }, origin: standIn.origin, ...overrides });

/** The bare SDK pointed at the stand-in, for requests our adapter would never build. */
function rawClient(origin = standIn.origin) {
  class Rewrite extends twilio.RequestClient {
    override request<T>(opts: RequestClient.RequestOptions<T>) {
      const url = new URL(opts.uri);
      opts.uri = `${origin}${url.pathname}${url.search}`;
      return super.request<T>(opts);
    }
  }
  return twilio(auth.accountSid, auth.authToken, { httpClient: new Rewrite() });
}

async function refusal(work: Promise<unknown>): Promise<{ status: number; code: number | undefined }> {
  const error: unknown = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof Error) || !("status" in error)) throw new Error(`expected a RestException, got ${String(error)}`);
  return { status: Number(error.status), code: "code" in error && typeof error.code === "number" ? error.code : undefined };
}

describe("Twilio adapter through Prism", () => {
  it("sends, then the message can be fetched and listed by To and DateSent", async () => {
    // WHEN the adapter sends an SMS
    const result = await channel().sendSms({ to: "+14155550123", body: "Your order shipped" });
    // THEN Twilio's SID comes back (SM + 32 hex digits)
    expect(result.kind).toBe("sent");
    const sid = result.kind === "sent" ? result.providerId : "";
    expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
    await standIn.fake.idle();
    const client = rawClient();
    const fetched = await client.messages(sid).fetch();
    expect(fetched).toMatchObject({ to: "+14155550123", body: "Your order shipped", status: "delivered" });
    // AND the list filters find it by To and sent date, and not for another day or number
    expect((await client.messages.list({ to: "+14155550123", dateSent: NOW })).map((m) => m.sid)).toContain(sid);
    expect(await client.messages.list({ to: "+14155550123", dateSent: new Date("2026-11-19T00:00:00Z") })).toEqual([]);
    expect(await client.messages.list({ to: "+14155550999" })).toEqual([]);
    expect(
      (await client.messages.list({ to: "+14155550123", dateSentAfter: new Date("2026-11-20T00:00:00Z") })).map((m) => m.sid),
    ).toContain(sid);
  });

  it("pages through a long list with the SDK's own next-page requests", async () => {
    for (let i = 0; i < 5; i++) await channel().sendSms({ to: "+14155550124", body: `n${i}` });
    const all = await rawClient().messages.list({ to: "+14155550124", pageSize: 2 });
    expect(all.map((m) => m.body).sort()).toEqual(["n0", "n1", "n2", "n3", "n4"]);
  });

  it("posts signed status callbacks queued → sent → delivered, and undelivered with its error code", async () => {
    standIn.fake.setOutcome("+14155550126", "undelivered");
    const url = `${recorder.origin}/webhooks/twilio/status?shop=test.myshopify.com`;
    const ok = await channel().sendSms({ to: "+14155550125", body: "a", statusCallback: url });
    const bad = await channel().sendSms({ to: "+14155550126", body: "b", statusCallback: url });
    await standIn.fake.idle();
    const callbacks = recorder.requests.map((r) => ({
      params: Object.fromEntries(new URLSearchParams(r.body)),
      signature: String(r.headers["x-twilio-signature"]),
      url: `${recorder.origin}${r.url}`,
    }));
    const statusesOf = (sid: string) => callbacks.filter((c) => c.params.MessageSid === sid).map((c) => c.params.MessageStatus);
    expect(statusesOf(ok.kind === "sent" ? ok.providerId : "")).toEqual(["queued", "sent", "delivered"]);
    expect(statusesOf(bad.kind === "sent" ? bad.providerId : "")).toEqual(["queued", "sent", "undelivered"]);
    expect(callbacks.find((c) => c.params.MessageStatus === "undelivered")?.params.ErrorCode).toBe("30003");
    // Every callback verifies with the SDK's validateRequest and the account's auth token, and not with another token.
    for (const c of callbacks) {
      expect(twilio.validateRequest(SANDBOX_TWILIO.authToken, c.signature, c.url, c.params)).toBe(true);
      expect(twilio.validateRequest("another-token", c.signature, c.url, c.params)).toBe(false);
    }
  });

  it.each([
    { description: "a malformed To", to: "+1415", code: "21211" },
    { description: "a To without the leading +", to: "14155550123", code: "21211" },
  ])("refuses $description with $code (permanent)", async ({ to, code }) => {
    expect(await channel().sendSms({ to, body: "hi" })).toMatchObject({ kind: "permanent", code });
  });

  it("refuses an empty body (21619), a wrong auth token (20003) and an opted-out number (21610) as permanent", async () => {
    expect(await channel().sendSms({ to: "+14155550127", body: "" })).toMatchObject({ kind: "permanent", code: "21619" });
    expect(await channel({ auth: { ...auth, authToken: "wrong" } }).sendSms({ to: "+14155550127", body: "hi" })).toMatchObject({
      kind: "permanent",
      code: "20003",
    });
    standIn.fake.optOut(SANDBOX_TWILIO.accountSid, "+14155550128");
    expect(await channel().sendSms({ to: "+14155550128", body: "hi" })).toMatchObject({ kind: "permanent", code: "21610" });
  });

  it("sends with an API key and secret instead of the Auth Token", async () => {
    const withKey = channel({ auth: { accountSid: SANDBOX_TWILIO.accountSid, apiKeySid: API_KEY.sid, apiKeySecret: API_KEY.secret } });
    expect((await withKey.sendSms({ to: "+14155550134", body: "hi" })).kind).toBe("sent");
    const wrongSecret = channel({
      auth: { accountSid: SANDBOX_TWILIO.accountSid, apiKeySid: API_KEY.sid, apiKeySecret: "not-the-secret-at-all" },
    });
    expect(await wrongSecret.sendSms({ to: "+14155550134", body: "hi" })).toMatchObject({ kind: "permanent", code: "20003" });
  });

  it("sends through a Messaging Service alone", async () => {
    const result = await channel({ sender: { messagingServiceSid: SANDBOX_TWILIO.messagingServiceSid } }).sendSms({
      to: "+14155550129",
      body: "hi",
    });
    expect(result.kind).toBe("sent");
  });

  it("refuses requests the adapter never builds: no sender, a From outside the Messaging Service, no Body, no To", async () => {
    const client = rawClient();
    expect(await refusal(client.messages.create({ to: "+14155550130", body: "hi" }))).toEqual({ status: 400, code: 21603 });
    expect(
      await refusal(
        client.messages.create({
          to: "+14155550130",
          body: "hi",
          from: "+14155550199",
          messagingServiceSid: SANDBOX_TWILIO.messagingServiceSid,
        }),
      ),
    ).toEqual({ status: 400, code: 21606 });
    expect(await refusal(client.messages.create({ to: "+14155550130", from: SANDBOX_TWILIO.number }))).toEqual({
      status: 400,
      code: 21619,
    });
    // No To at all: the SDK refuses locally; sent by hand, Prism refuses it on the spec (To is required).
    const response = await fetch(`${standIn.origin}/2010-04-01/Accounts/${auth.accountSid}/Messages.json`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${auth.accountSid}:${auth.authToken}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ From: SANDBOX_TWILIO.number, Body: "hi" }).toString(),
    });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain("To");
  });
});

describe("Twilio adapter under injected faults", () => {
  it("answers retryable with Retry-After for 429, retryable for 503", async () => {
    standIn.fake.injectFault({ kind: "rate-limit", retryAfterSeconds: 7 });
    expect(await channel().sendSms({ to: "+14155550131", body: "hi" })).toEqual({
      kind: "retryable",
      reason: "Twilio rate limit (429)",
      retryAfterSeconds: 7,
    });
    standIn.fake.injectFault({ kind: "server-error", status: 503 });
    expect(await channel().sendSms({ to: "+14155550131", body: "hi" })).toMatchObject({ kind: "retryable" });
  });

  // Straight at the fake: Prism would turn a dropped connection into its own answer.
  it("answers unknown when the connection drops before or after the message took effect, or the answer is too slow", async () => {
    const direct = channel({ origin: standIn.fakeOrigin, timeoutMs: 300 });
    const before = standIn.fake.messages.length;
    standIn.fake.injectFault({ kind: "accept-then-drop" });
    expect(await direct.sendSms({ to: "+14155550132", body: "took effect" })).toMatchObject({ kind: "unknown" });
    // The message exists although the caller never heard so: what reconciliation is for.
    expect(standIn.fake.messages.length).toBe(before + 1);
    standIn.fake.injectFault({ kind: "drop" });
    expect(await direct.sendSms({ to: "+14155550132", body: "lost" })).toMatchObject({ kind: "unknown" });
    standIn.fake.injectFault({ kind: "slow", delayMs: 1_000 });
    expect(await direct.sendSms({ to: "+14155550132", body: "slow" })).toMatchObject({ kind: "unknown" });
  });

  it("answers retryable when the connection is refused (nothing left)", async () => {
    const closed = channel({ origin: "http://127.0.0.1:9" });
    expect(await closed.sendSms({ to: "+14155550133", body: "hi" })).toMatchObject({ kind: "retryable" });
  });
});
