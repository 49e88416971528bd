// Email sign-ups with confirmed opt-in, through the route's loader and action: the sign-up queues a
// transactional confirmation email with a signed 7-day link and subscribes nothing; the link's GET
// only asks; its POST subscribes the address in Flock (CONFIRMED_OPT_IN) and, through the write-back,
// in Shopify; forged, expired and used links change nothing. Single opt-in still subscribes at once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONSENT_WRITEBACK_JOB } from "~/messaging/consent/consent-store.server";
import { writeBackConsentChange, type WritebackDeps } from "~/messaging/consent/writeback.server";
import type { RecordedJob } from "~/messaging/inbound/test-support";
import type { WebhookDeps } from "~/messaging/webhooks/receive.server";
import type { TestDb } from "../../tests/setup/test-db";
import type { AdminStandIn } from "~/sandbox/shopify-admin/server.server";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import { emailConfirmAction, emailConfirmLoader } from "./email-confirm-route.server";
import { emailConfirmToken, EMAIL_CONFIRM_TTL_MS } from "./email-token";
import { recordSignup, startOptIn, type OptInDeps } from "./optin-store.server";
import { startOptInWorld, type OptInWorld } from "./test-support";
import type { Signup } from "./validate";

const SHOP = "optin-email.myshopify.com";
const T0 = new Date("2026-11-20T15:00:00Z");
const HOUR = 3_600_000;
const EMAIL = "ana@example.com";
const TOKEN = "shpat_optin_email";
let t: TestDb;
let standIn: AdminStandIn;
let deps: WebhookDeps;
let jobs: RecordedJob[];
let optIn: OptInDeps;
let writeback: WritebackDeps;

const signup = (over: Partial<Signup> = {}): Signup => ({
  phone: null,
  email: EMAIL,
  countryCode: null,
  cartReminders: false,
  cartRemindersDeclined: false,
  consentText: "Sign up for emails with our latest offers.",
  source: "embed",
  locale: "en",
  ...over,
});

let world: OptInWorld | undefined;
beforeAll(async () => {
  world = await startOptInWorld({ shop: SHOP, token: TOKEN, seed: 6, now: T0 });
  ({ t, standIn, deps, jobs, optIn, writeback } = world);
});
afterAll(async () => world?.close());
beforeEach(async () => {
  for (const table of ["optInRequest", "outboxMessage", "consentChange", "customer"] as const) {
    await (t.db[table] as unknown as { deleteMany(args: object): Promise<unknown> }).deleteMany({});
  }
  jobs.length = 0;
});

async function signUp(level: "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN", over: Partial<Signup> = {}): Promise<string> {
  const id = await recordSignup(deps, SHOP, signup(over), { ip: "203.0.113.9", userAgent: "Mozilla/5.0 test", emailOptInLevel: level }, T0);
  await startOptIn(optIn, SHOP, id, T0);
  return id;
}

const request = (id: string) => t.db.optInRequest.findUniqueOrThrow({ where: { id } });
const customerByEmail = () => t.db.customer.findFirstOrThrow({ where: { shop: SHOP, email: EMAIL } });
/** The token from the link in the confirmation email the outbox holds. */
async function tokenFromEmail(id: string): Promise<string> {
  const email = await t.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: `optin:${id}:email` } });
  const token = /https:\/\/flock\.test\/optin\/email\/([A-Za-z0-9_.-]+)/.exec(email.body)?.[1];
  if (!token) throw new Error(`no confirmation link in: ${email.body}`);
  return token;
}
const confirmPost = (body: Record<string, string> = { confirm: "yes" }) =>
  new Request("https://flock.test/optin/email/x", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "198.51.100.4", "user-agent": "Mail reader" },
    body: new URLSearchParams(body).toString(),
  });

/** The page's outcome and HTTP status, as the route answers them. */
function page(answer: { data: { outcome: string; shopName: string | null }; init: ResponseInit | null }) {
  return { outcome: answer.data.outcome, status: answer.init?.status ?? 200, shopName: answer.data.shopName };
}

async function shopifyEmail(gid: string): Promise<{ marketingState: string; marketingOptInLevel: string | null } | null> {
  const graphql = createFetchGraphql({ origin: standIn.origin, shop: SHOP, accessToken: TOKEN, apiVersion: "2026-10" });
  const response = await graphql(
    `
      query ($id: ID!) {
        customer(id: $id) {
          defaultEmailAddress {
            emailAddress
            marketingState
            marketingOptInLevel
          }
        }
      }
    `,
    { variables: { id: gid } },
  );
  const body = (await response.json()) as {
    data: { customer: { defaultEmailAddress: { marketingState: string; marketingOptInLevel: string | null } | null } | null };
  };
  return body.data.customer?.defaultEmailAddress ?? null;
}

describe("an email sign-up with confirmed opt-in", () => {
  it("sends the confirmation email through the outbox and subscribes nothing yet", async () => {
    // GIVEN / WHEN a shopper signs up with an email while the shop wants confirmed opt-in
    const id = await signUp("CONFIRMED_OPT_IN");
    // THEN the request waits for the link, with the audit facts of the sign-up
    expect(await request(id)).toMatchObject({
      state: "PENDING",
      emailState: "PENDING",
      emailOptInLevel: "CONFIRMED_OPT_IN",
      ip: "203.0.113.9",
      source: "embed",
      emailConfirmedAt: null,
    });
    const customer = await customerByEmail();
    expect(customer.emailMarketingState).toBe("NOT_SUBSCRIBED");
    expect(await shopifyEmail(customer.gid)).toMatchObject({ marketingState: "NOT_SUBSCRIBED" });
    // AND one transactional email with the shop's name, the link and its expiry is queued
    const [email, ...others] = await t.db.outboxMessage.findMany({});
    expect(others).toEqual([]);
    expect(email).toMatchObject({
      idempotencyKey: `optin:${id}:email`,
      channel: "EMAIL",
      recipient: EMAIL,
      customerId: customer.id,
      subject: "Confirm your subscription to Paws & Whiskers",
    });
    expect(email?.deadline).toEqual(new Date(T0.getTime() + EMAIL_CONFIRM_TTL_MS));
    expect(email?.body).toContain("The link works until November 27, 2026 at 3:00 PM UTC.");
    expect(await t.db.consentChange.count()).toBe(0);
    // AND the job retried sends no second email
    await startOptIn(optIn, SHOP, id, T0);
    expect(await t.db.outboxMessage.count()).toBe(1);
  });

  it("the link's GET only asks; the POST subscribes with CONFIRMED_OPT_IN in Flock and in Shopify, and records the confirmation", async () => {
    const id = await signUp("CONFIRMED_OPT_IN");
    const token = await tokenFromEmail(id);
    const at = new Date(T0.getTime() + 2 * HOUR);
    // WHEN a mail scanner (or the shopper) opens the link, twice
    expect(page(await emailConfirmLoader(deps, token, at))).toEqual({ outcome: "ask", status: 200, shopName: "Paws & Whiskers" });
    await emailConfirmLoader(deps, token, at);
    // THEN nothing changed
    expect((await customerByEmail()).emailMarketingState).toBe("NOT_SUBSCRIBED");
    expect((await request(id)).emailState).toBe("PENDING");
    // WHEN the shopper presses Confirm
    expect(page(await emailConfirmAction(deps, token, confirmPost(), at))).toMatchObject({ outcome: "confirmed", status: 200 });
    // THEN the address is subscribed with a confirmed opt-in, and the request says when and from where
    const customer = await customerByEmail();
    expect(customer).toMatchObject({ emailMarketingState: "SUBSCRIBED", emailMarketingOptIn: "CONFIRMED_OPT_IN" });
    expect(await request(id)).toMatchObject({
      state: "CONFIRMED",
      emailState: "CONFIRMED",
      emailConfirmedAt: at,
      emailConfirmIp: "198.51.100.4",
      emailConfirmUserAgent: "Mail reader",
      customerId: customer.id,
    });
    const change = await t.db.consentChange.findFirstOrThrow({});
    expect(change).toMatchObject({ channel: "EMAIL", toState: "SUBSCRIBED", source: "email_confirm" });
    expect(jobs.filter((j) => j.name === CONSENT_WRITEBACK_JOB)).toEqual([
      { name: CONSENT_WRITEBACK_JOB, payload: { changeId: change.id } },
    ]);
    expect(await writeBackConsentChange(writeback, change.id)).toBe("written");
    expect(await shopifyEmail(customer.gid)).toMatchObject({ marketingState: "SUBSCRIBED", marketingOptInLevel: "CONFIRMED_OPT_IN" });
  });

  it("pressing Confirm twice subscribes once; the second press says it was already confirmed", async () => {
    const id = await signUp("CONFIRMED_OPT_IN");
    const token = await tokenFromEmail(id);
    await emailConfirmAction(deps, token, confirmPost(), new Date(T0.getTime() + HOUR));
    const second = page(await emailConfirmAction(deps, token, confirmPost(), new Date(T0.getTime() + 3 * HOUR)));
    expect(second).toMatchObject({ outcome: "already_confirmed", status: 200 });
    expect(await t.db.consentChange.count()).toBe(1);
    expect((await request(id)).emailConfirmedAt).toEqual(new Date(T0.getTime() + HOUR));
  });

  it("an expired link gets its page and changes nothing", async () => {
    const id = await signUp("CONFIRMED_OPT_IN");
    const token = await tokenFromEmail(id);
    const late = new Date(T0.getTime() + EMAIL_CONFIRM_TTL_MS);
    expect(page(await emailConfirmLoader(deps, token, late))).toEqual({ outcome: "expired", status: 410, shopName: "Paws & Whiskers" });
    expect(page(await emailConfirmAction(deps, token, confirmPost(), late))).toMatchObject({ outcome: "expired", status: 410 });
    expect((await customerByEmail()).emailMarketingState).toBe("NOT_SUBSCRIBED");
    expect((await request(id)).emailState).toBe("PENDING");
    expect(await t.db.consentChange.count()).toBe(0);
  });

  it("a forged or tampered link gets 403 and changes nothing", async () => {
    const id = await signUp("CONFIRMED_OPT_IN");
    const token = await tokenFromEmail(id);
    const expiresAt = Math.floor((T0.getTime() + 30 * 24 * HOUR) / 1000);
    const forged = [
      emailConfirmToken({ shop: SHOP, requestId: id, expiresAt }, Buffer.alloc(32, 9)), // another key
      `${emailConfirmToken({ shop: SHOP, requestId: id, expiresAt }, deps.key).split(".")[0]}.${token.split(".")[1]}`, // later expiry, old signature
      token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA"),
      "not-a-token",
    ];
    for (const bad of forged) {
      expect(page(await emailConfirmLoader(deps, bad, T0)), bad).toEqual({ outcome: "invalid", status: 403, shopName: null });
      expect(page(await emailConfirmAction(deps, bad, confirmPost(), T0)).status, bad).toBe(403);
    }
    // A genuine token for a sign-up of another shop, or one that is gone, does nothing either.
    const elsewhere = emailConfirmToken({ shop: "other.myshopify.com", requestId: id, expiresAt }, deps.key);
    expect(page(await emailConfirmAction(deps, elsewhere, confirmPost(), T0)).status).toBe(403);
    expect((await customerByEmail()).emailMarketingState).toBe("NOT_SUBSCRIBED");
    expect(await t.db.consentChange.count()).toBe(0);
  });

  it("a POST without confirm=yes is refused with 400", async () => {
    const id = await signUp("CONFIRMED_OPT_IN");
    const token = await tokenFromEmail(id);
    await expect(emailConfirmAction(deps, token, confirmPost({ other: "1" }), T0)).rejects.toMatchObject({ status: 400 });
    expect((await customerByEmail()).emailMarketingState).toBe("NOT_SUBSCRIBED");
  });

  it("an address already subscribed gets no confirmation email", async () => {
    await t.db.customer.create({
      data: {
        shop: SHOP,
        gid: "gid://shopify/Customer/991",
        email: EMAIL,
        emailMarketingState: "SUBSCRIBED",
        shopifyCreatedAt: T0,
        shopifyUpdatedAt: T0,
      },
    });
    const id = await signUp("CONFIRMED_OPT_IN");
    expect(await t.db.outboxMessage.count()).toBe(0);
    expect(await request(id)).toMatchObject({ state: "CONFIRMED", emailState: "CONFIRMED", emailConfirmedAt: null });
  });
});

describe("an email sign-up with single opt-in", () => {
  it("subscribes the address at once with SINGLE_OPT_IN and sends no email", async () => {
    const id = await signUp("SINGLE_OPT_IN");
    const customer = await customerByEmail();
    expect(customer).toMatchObject({ emailMarketingState: "SUBSCRIBED", emailMarketingOptIn: "SINGLE_OPT_IN" });
    expect(await request(id)).toMatchObject({
      state: "CONFIRMED",
      emailState: "CONFIRMED",
      confirmedAt: T0,
      emailOptInLevel: "SINGLE_OPT_IN",
    });
    expect(await t.db.outboxMessage.count()).toBe(0);
    const change = await t.db.consentChange.findFirstOrThrow({});
    expect(await writeBackConsentChange(writeback, change.id)).toBe("written");
    expect(await shopifyEmail(customer.gid)).toMatchObject({ marketingState: "SUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN" });
  });
});
