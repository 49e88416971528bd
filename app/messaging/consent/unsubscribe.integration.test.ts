// The unsubscribe link through the route's handlers: RFC 8058 one-click POST answers 200 and
// unsubscribes, the page's GET changes nothing and its form POST confirms, and forged or tampered
// tokens get 403 and change nothing. Each consent change enqueues one Shopify write-back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { suppressionHash } from "~/privacy/suppression-hash";
import { unsubscribeAction, unsubscribeLoader } from "./unsubscribe-route.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { addCustomer, SECRET, setUpShop, type RecordedJob } from "../inbound/test-support";
import type { WebhookDeps } from "../webhooks/receive.server";
import { CONSENT_WRITEBACK_JOB } from "./consent-store.server";
import { unsubscribeToken, unsubscribeUrl } from "./unsubscribe-token";

const SHOP = "unsub.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");
let t: TestDb;
let deps: WebhookDeps;
let jobs: RecordedJob[];
let customerId: number;

beforeAll(async () => {
  t = await createTestDb();
  ({ deps, jobs } = await setUpShop(t.db, SHOP));
});
afterAll(async () => t?.drop());
beforeEach(async () => {
  await t.db.suppression.deleteMany({});
  await t.db.consentChange.deleteMany({});
  await t.db.customer.deleteMany({});
  jobs.length = 0;
  customerId = (
    await addCustomer(t.db, SHOP, {
      gid: "gid://shopify/Customer/1",
      email: "Pat@Example.com",
      phone: "+14155550123",
      email_state: "SUBSCRIBED",
      sms: "SUBSCRIBED",
    })
  ).id;
});

const post = (body: Record<string, string>) =>
  new Request("https://flock.test/unsubscribe/x", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
const ONE_CLICK = { "List-Unsubscribe": "One-Click" };
const emailToken = () => unsubscribeToken({ shop: SHOP, channel: "email", recipient: customerId }, SECRET);
const suppressed = async (channel: "SMS" | "EMAIL", address: string) =>
  (await t.db.suppression.count({ where: { shop: SHOP, channel, addressHash: suppressionHash(SECRET, SHOP, channel, address) } })) === 1;
const state = async () =>
  t.db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { emailMarketingState: true, smsMarketingState: true } });

async function status(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("one-click unsubscribe (RFC 8058)", () => {
  it("answers 200, suppresses the address and withdraws email consent, once", async () => {
    const response = await unsubscribeAction(deps, emailToken(), post(ONE_CLICK), NOW);
    expect(response instanceof Response && response.status).toBe(200);
    await unsubscribeAction(deps, emailToken(), post(ONE_CLICK), NOW);
    expect(await suppressed("EMAIL", "pat@example.com")).toBe(true);
    expect(await state()).toEqual({ emailMarketingState: "UNSUBSCRIBED", smsMarketingState: "SUBSCRIBED" });
    const changes = await t.db.consentChange.findMany({});
    expect(changes.map((c) => [c.channel, c.toState, c.source])).toEqual([["EMAIL", "UNSUBSCRIBED", "unsubscribe_link"]]);
    expect(jobs).toEqual([{ name: CONSENT_WRITEBACK_JOB, payload: { changeId: changes[0]?.id } }]);
  });

  it("accepts the multipart body mail clients also send", async () => {
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const request = new Request("https://flock.test/unsubscribe/x", { method: "POST", body: form });
    expect(await status(() => unsubscribeAction(deps, emailToken(), request, NOW))).toBe(200);
    expect((await state()).emailMarketingState).toBe("UNSUBSCRIBED");
  });

  it("unsubscribes an address token of someone who is no customer by suppression", async () => {
    const token = unsubscribeToken({ shop: SHOP, channel: "sms", recipient: "+14155550999" }, SECRET);
    expect(await status(() => unsubscribeAction(deps, token, post(ONE_CLICK), NOW))).toBe(200);
    expect(await suppressed("SMS", "+14155550999")).toBe(true);
    expect(jobs).toEqual([]);
  });
});

describe("the unsubscribe page", () => {
  it("GET shows the confirmation and changes nothing; the form POST confirms", async () => {
    expect(await unsubscribeLoader(deps, emailToken())).toEqual({ channel: "email", shopName: "Paws & Whiskers", done: false });
    expect(await suppressed("EMAIL", "pat@example.com")).toBe(false);
    expect(await unsubscribeAction(deps, emailToken(), post({ confirm: "yes" }), NOW)).toEqual({
      channel: "email",
      shopName: "Paws & Whiskers",
      done: true,
    });
    expect(await suppressed("EMAIL", "pat@example.com")).toBe(true);
    expect((await state()).emailMarketingState).toBe("UNSUBSCRIBED");
  });

  it("refuses a body that is neither one-click nor the confirmation (400)", async () => {
    expect(await status(() => unsubscribeAction(deps, emailToken(), post({ confirm: "no" }), NOW))).toBe(400);
    expect(await suppressed("EMAIL", "pat@example.com")).toBe(false);
  });

  it("unsubscribeUrl links to this route with a token it accepts", async () => {
    const url = unsubscribeUrl("https://flock.test", SHOP, "sms", customerId, SECRET);
    const token = decodeURIComponent(url.split("/unsubscribe/")[1] ?? "");
    expect(await status(() => unsubscribeAction(deps, token, post(ONE_CLICK), NOW))).toBe(200);
    expect((await state()).smsMarketingState).toBe("UNSUBSCRIBED");
  });
});

describe("forged and tampered tokens", () => {
  const forged = () => unsubscribeToken({ shop: SHOP, channel: "email", recipient: customerId }, Buffer.alloc(32, 1));
  const tampered = () => {
    const [, signature] = unsubscribeToken({ shop: SHOP, channel: "email", recipient: customerId + 1 }, SECRET).split(".");
    return `${emailToken().split(".")[0]}x.${signature}`;
  };
  it.each([
    ["forged (another secret)", forged],
    ["tampered", tampered],
    ["garbage", () => "nope"],
  ])("%s: 403 on GET and POST, nothing changes", async (_label, token) => {
    expect(await status(() => unsubscribeLoader(deps, token()))).toBe(403);
    expect(await status(() => unsubscribeAction(deps, token(), post(ONE_CLICK), NOW))).toBe(403);
    expect(await status(() => unsubscribeAction(deps, token(), post({ confirm: "yes" }), NOW))).toBe(403);
    expect(await t.db.suppression.count()).toBe(0);
    expect(await state()).toEqual({ emailMarketingState: "SUBSCRIBED", smsMarketingState: "SUBSCRIBED" });
    expect(jobs).toEqual([]);
  });
});
