// Double opt-in end to end below the routes: a sign-up creates the customer in Shopify (the Admin
// stand-in's customerCreate) and queues "Reply Y to confirm"; only that phone's own YES within
// 24 hours subscribes it, in Flock with CONFIRMED_OPT_IN and in Shopify through the write-back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeBackConsentChange, type WritebackDeps } from "~/messaging/consent/writeback.server";
import { ACCOUNT, nextSid, twilioRequest, type RecordedJob } from "~/messaging/inbound/test-support";
import { receiveTwilioWebhook, type WebhookDeps } from "~/messaging/webhooks/receive.server";
import type { TestDb } from "../../tests/setup/test-db";
import type { AdminStandIn } from "~/sandbox/shopify-admin/server.server";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import { optInInboundDeps, recordSignup, startOptIn, type OptInDeps } from "./optin-store.server";
import { loadSignupPage } from "./signup-page.server";
import { startOptInWorld, type OptInWorld } from "./test-support";
import type { Signup } from "./validate";

const SHOP = "optin.myshopify.com";
const T0 = new Date("2026-11-20T15:00:00Z");
const HOUR = 3_600_000;
const PHONE = "+12135550142";
const TOKEN = "shpat_optin";
let t: TestDb;
let standIn: AdminStandIn;
let deps: WebhookDeps;
let jobs: RecordedJob[];
let optIn: OptInDeps;
let writeback: WritebackDeps;

const signup = (over: Partial<Signup> = {}): Signup => ({
  phone: PHONE,
  email: null,
  countryCode: "US",
  cartReminders: true,
  cartRemindersDeclined: false,
  consentText: "By signing up you agree to receive recurring automated marketing texts…",
  source: "block",
  locale: "en",
  ...over,
});

let world: OptInWorld | undefined;
beforeAll(async () => {
  world = await startOptInWorld({ shop: SHOP, token: TOKEN, seed: 5, now: T0 });
  ({ t, standIn, deps, jobs, optIn, writeback } = world);
  deps = { ...deps, ...optInInboundDeps(deps) };
});
afterAll(async () => world?.close());
beforeEach(async () => {
  for (const table of [
    "optInRequest",
    "outboxMessage",
    "consentChange",
    "suppression",
    "messageEvent",
    "customer",
    "optInSettings",
  ] as const) {
    await (t.db[table] as unknown as { deleteMany(args: object): Promise<unknown> }).deleteMany({});
  }
  jobs.length = 0;
});

async function reply(body: string, at: Date, from = PHONE): Promise<void> {
  const params = { MessageSid: nextSid(), AccountSid: ACCOUNT, From: from, To: "+14155550100", Body: body, NumMedia: "0" };
  expect((await receiveTwilioWebhook(deps, "inbound", twilioRequest(`/webhooks/twilio/inbound?shop=${SHOP}`, params), at)).status).toBe(
    200,
  );
}

async function signUp(over: Partial<Signup> = {}): Promise<string> {
  const id = await recordSignup(deps, SHOP, signup(over), { ip: "203.0.113.9", userAgent: "Mozilla/5.0 test" }, T0);
  await startOptIn(optIn, SHOP, id, T0);
  return id;
}

const request = (id: string) => t.db.optInRequest.findUniqueOrThrow({ where: { id } });
const customerOf = async (id: string) => t.db.customer.findUniqueOrThrow({ where: { id: (await request(id)).customerId ?? -1 } });

async function shopifySms(gid: string): Promise<{ state: string; optInLevel: string | null } | null> {
  const graphql = createFetchGraphql({ origin: standIn.origin, shop: SHOP, accessToken: TOKEN, apiVersion: "2026-10" });
  const response = await graphql(
    `
      query ($id: ID!) {
        customer(id: $id) {
          defaultPhoneNumber {
            phoneNumber
            smsMarketingConsent {
              state
              optInLevel
            }
          }
        }
      }
    `,
    { variables: { id: gid } },
  );
  const body = (await response.json()) as {
    data: { customer: { defaultPhoneNumber: { smsMarketingConsent: { state: string; optInLevel: string | null } } | null } | null };
  };
  return body.data.customer?.defaultPhoneNumber?.smsMarketingConsent ?? null;
}

describe("a storefront SMS sign-up", () => {
  it("records the audit facts, creates the customer in Shopify and queues the confirmation SMS", async () => {
    const id = await signUp();
    const stored = await request(id);
    expect(stored).toMatchObject({
      state: "PENDING",
      phone: PHONE,
      source: "block",
      ip: "203.0.113.9",
      userAgent: "Mozilla/5.0 test",
      cartReminders: true,
      createdAt: T0,
    });
    expect(stored.consentText).toMatch(/recurring automated marketing texts/);
    // The sign-up's start job, then the dispatcher woken for the confirmation.
    expect(jobs.map((j) => j.name)).toEqual(["optin.start", "messaging.dispatch"]);
    const customer = await customerOf(id);
    expect(customer).toMatchObject({ phone: PHONE, smsMarketingState: "NOT_SUBSCRIBED" });
    expect(customer.gid).toMatch(/^gid:\/\/shopify\/Customer\/\d+$/);
    expect(await shopifySms(customer.gid)).toMatchObject({ state: "NEVER_SUBSCRIBED" });
    const outbox = await t.db.outboxMessage.findMany({});
    expect(outbox.map((m) => [m.idempotencyKey, m.recipient, m.customerId])).toEqual([[`optin:${id}`, PHONE, customer.id]]);
    expect(outbox[0]?.body).toMatch(
      /^Paws & Whiskers: Reply Y to confirm .*Msg & data rates may apply\. Reply HELP for help, STOP to opt out\.$/,
    );
    // The job retried after success repeats nothing.
    await startOptIn(optIn, SHOP, id, T0);
    expect(await t.db.outboxMessage.count()).toBe(1);
    expect(await t.db.customer.count()).toBe(1);
  });

  it("YES from the phone subscribes it with CONFIRMED_OPT_IN, in Flock and, through the write-back, in Shopify", async () => {
    const id = await signUp();
    await reply("Y", new Date(T0.getTime() + HOUR));
    const customer = await customerOf(id);
    expect(customer).toMatchObject({ smsMarketingState: "SUBSCRIBED", smsMarketingOptIn: "CONFIRMED_OPT_IN" });
    expect(await request(id)).toMatchObject({ state: "CONFIRMED", confirmedAt: new Date(T0.getTime() + HOUR) });
    const change = await t.db.consentChange.findFirstOrThrow({});
    expect(change).toMatchObject({ channel: "SMS", toState: "SUBSCRIBED", source: "sms_confirm" });
    expect(await writeBackConsentChange(writeback, change.id)).toBe("written");
    expect(await shopifySms(customer.gid)).toEqual({ state: "SUBSCRIBED", optInLevel: "CONFIRMED_OPT_IN" });
    // A second YES changes nothing more.
    await reply("YES", new Date(T0.getTime() + 2 * HOUR));
    expect(await t.db.consentChange.count()).toBe(1);
  });

  it("YES from a different number subscribes nobody", async () => {
    const id = await signUp();
    await t.db.customer.create({
      data: { shop: SHOP, gid: "gid://shopify/Customer/77", phone: "+12135550199", shopifyCreatedAt: T0, shopifyUpdatedAt: T0 },
    });
    await reply("YES", new Date(T0.getTime() + HOUR), "+12135550199");
    expect(await t.db.customer.count({ where: { smsMarketingState: "SUBSCRIBED" } })).toBe(0);
    expect((await request(id)).state).toBe("PENDING");
  });

  it("a wrong reply leaves it pending; no reply leaves the customer unsubscribed", async () => {
    const id = await signUp();
    await reply("who is this?", new Date(T0.getTime() + HOUR));
    expect((await request(id)).state).toBe("PENDING");
    expect((await customerOf(id)).smsMarketingState).toBe("NOT_SUBSCRIBED");
  });

  it("STOP before confirming declines it at once, and the page's numbers count it declined; a later YES subscribes nothing", async () => {
    const id = await signUp();
    const other = await recordSignup(deps, SHOP, signup({ phone: "+12135550177" }), { ip: null, userAgent: null }, T0);
    await reply("STOP", new Date(T0.getTime() + HOUR));
    expect(await request(id)).toMatchObject({ state: "DECLINED", closedAt: new Date(T0.getTime() + HOUR) });
    // Another number's sign-up is not touched by this STOP.
    expect((await request(other)).state).toBe("PENDING");
    const page = await loadSignupPage(t.db, SHOP, new Date(T0.getTime() + 2 * HOUR));
    expect(page.stats).toMatchObject({ smsDecided: 1, smsDeclined: 1, smsConfirmed: 0, confirmationRate: 0 });
    await reply("YES", new Date(T0.getTime() + 2 * HOUR));
    expect((await customerOf(id)).smsMarketingState).toBe("UNSUBSCRIBED");
    expect((await request(id)).state).toBe("DECLINED");
  });

  it("YES after 24 hours expires it and subscribes nothing", async () => {
    const id = await signUp();
    await reply("YES", new Date(T0.getTime() + 24 * HOUR + 1));
    expect((await customerOf(id)).smsMarketingState).toBe("NOT_SUBSCRIBED");
    expect((await request(id)).state).toBe("EXPIRED");
  });

  it("after confirming, the welcome message with the merchant's code goes through the outbox", async () => {
    await t.db.optInSettings.create({
      data: { shop: SHOP, enabled: true, welcomeText: "Welcome! Here is 10% off: {{ discount_code }}.", discountCode: "HELLO10" },
    });
    const id = await signUp();
    await reply("Y", new Date(T0.getTime() + HOUR));
    const welcome = await t.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: `welcome:${id}` } });
    expect(welcome.body).toBe("Paws & Whiskers: Welcome! Here is 10% off: HELLO10. Reply STOP to opt out.");
  });

  it("a phone Flock already knows uses that customer (no customerCreate)", async () => {
    const known = await t.db.customer.create({
      data: { shop: SHOP, gid: "gid://shopify/Customer/42", phone: PHONE, shopifyCreatedAt: T0, shopifyUpdatedAt: T0 },
    });
    const id = await signUp();
    expect((await request(id)).customerId).toBe(known.id);
    expect(await t.db.customer.count()).toBe(1);
  });

  it("an email sign-up subscribes the address at once (single opt-in)", async () => {
    const id = await signUp({ phone: null, email: "ana@example.com" });
    const customer = await customerOf(id);
    expect(customer).toMatchObject({ email: "ana@example.com", emailMarketingState: "SUBSCRIBED" });
    expect(await request(id)).toMatchObject({ state: "CONFIRMED", confirmedAt: T0 });
    expect(await t.db.outboxMessage.count()).toBe(0);
  });
});
