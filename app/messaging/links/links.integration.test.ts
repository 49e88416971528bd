// Tracked links end to end on the database: enqueue → outbox body rewritten and ShortLink rows
// written with it → GET /l/<code> (the route's loader) → 302 to the destination with UTM → one
// `clicked` MessageEvent after two clicks, none for HEAD or a preview fetcher → a segment
// `messages MATCHES (event = 'clicked')` counts the customer through the real count path and the
// per-customer explanation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/db.server";
import type { NewOutboxMessage } from "~/messaging/outbox/outbox-store.server";
import { FactsIndexCache } from "~/segments/facts-index/facts-index.server";
import { countQuery, explainCustomer, type SegmentDeps } from "~/segments/segment-service.server";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { isLinkCode } from "./code";
import { enqueueTrackedMessages } from "./enqueue-tracked.server";
import { shortLinkLoader } from "./link-route.server";

const APP = "https://flock.test";
const KEY = Buffer.alloc(32, 9);
const OPTIONS = { appUrl: APP, key: KEY };
const NOW = new Date("2026-11-20T15:00:00Z");
const LATER = new Date("2026-11-20T15:05:00Z");
const PHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const PREVIEW_UA = "facebookexternalhit/1.1 Facebot Twitterbot/1.0";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

async function customer(db: Db, shop: string): Promise<number> {
  const c = await db.customer.create({ data: buildCustomer(shop), select: { id: true } });
  await db.customerFacts.create({ data: { shop, customerId: c.id, amountSpent: 0n, orderCount: 0, version: 1n } });
  return c.id;
}

function smsRow(shop: string, customerId: number, body: string, campaignId = "cmp_1"): NewOutboxMessage {
  return {
    shop,
    idempotencyKey: `campaign:${campaignId}:${customerId}`,
    channel: "SMS",
    customerId,
    recipient: "+14155550123",
    body,
    notBefore: NOW,
    campaignId,
  };
}

function request(path: string, method = "GET", userAgent: string | null = PHONE_UA): Request {
  return new Request(`${APP}${path}`, { method, headers: userAgent === null ? {} : { "user-agent": userAgent } });
}

/** Shops whose attribution a first click woke, in order. */
const kicked: string[] = [];

async function follow(code: string, method = "GET", userAgent: string | null = PHONE_UA, now = LATER): Promise<Response> {
  const result = await shortLinkLoader(t.db, code, request(`/l/${code}`, method, userAgent), now, async (shop) => void kicked.push(shop));
  if (result instanceof Response) return result;
  // Remix's `data()` wrapper: the 404 page's data with its status.
  const wrapped = result as unknown as { data: unknown; init: ResponseInit | null };
  return new Response(JSON.stringify(wrapped.data), { status: wrapped.init?.status ?? 200 });
}

async function setup() {
  const shop = uniqueShop();
  await t.db.shop.create({ data: { shop, name: "Paws", ianaTimezone: "America/New_York" } });
  const alice = await customer(t.db, shop);
  const bob = await customer(t.db, shop);
  return { shop, alice, bob };
}

const codesIn = (body: string) => [...body.matchAll(/https:\/\/flock\.test\/l\/([0-9A-Za-z]+)/g)].map((m) => m[1] ?? "");

describe("enqueueTrackedMessages", () => {
  it("rewrites each recipient's links and stores them with the outbox row, in one go", async () => {
    // GIVEN two recipients of a text with two links and an unsubscribe link, and an email
    const { shop, alice, bob } = await setup();
    const body = `Sale! https://paws.example.com/sale?utm_campaign=fall, new in https://paws.example.com/new. Stop: ${APP}/unsubscribe/tok.sig`;
    const email: NewOutboxMessage = {
      shop,
      idempotencyKey: "checkout:tok1:2",
      channel: "EMAIL",
      customerId: bob,
      recipient: "bob@example.com",
      subject: "Your cart",
      body: "Finish here (https://paws.example.com/cart)",
      notBefore: NOW,
      automationRunId: "run_1",
    };

    // WHEN they are enqueued
    const inserted = await enqueueTrackedMessages(t.db, [smsRow(shop, alice, body), smsRow(shop, bob, body), email], NOW, OPTIONS);

    // THEN each body has its own codes, the unsubscribe link untouched
    expect(inserted).toBe(3);
    const rows = await t.db.outboxMessage.findMany({ where: { shop }, select: { id: true, idempotencyKey: true, body: true } });
    const byKey = new Map(rows.map((r) => [r.idempotencyKey, r]));
    const aliceRow = byKey.get(`campaign:cmp_1:${alice}`);
    const bobRow = byKey.get(`campaign:cmp_1:${bob}`);
    const emailRow = byKey.get("checkout:tok1:2");
    const aliceCodes = codesIn(aliceRow?.body ?? "");
    const bobCodes = codesIn(bobRow?.body ?? "");
    expect(aliceCodes).toHaveLength(2);
    expect(aliceCodes.every(isLinkCode)).toBe(true);
    expect(new Set([...aliceCodes, ...bobCodes]).size).toBe(4);
    expect(aliceRow?.body).toBe(`Sale! ${APP}/l/${aliceCodes[0]}, new in ${APP}/l/${aliceCodes[1]}. Stop: ${APP}/unsubscribe/tok.sig`);
    expect(emailRow?.body).toMatch(/^Finish here \(https:\/\/flock\.test\/l\/[0-9A-Za-z]{12}\)$/);

    // AND each short link row names its message, customer, campaign and channel
    const links = await t.db.shortLink.findMany({ where: { shop }, orderBy: { url: "asc" } });
    expect(links).toHaveLength(5);
    const alices = links.filter((l) => l.outboxMessageId === aliceRow?.id);
    expect(alices.map((l) => [l.code, l.url, l.customerId, l.campaignId, l.channel, l.clicks])).toEqual([
      [aliceCodes[1], "https://paws.example.com/new?utm_source=flock&utm_medium=sms&utm_campaign=cmp_1", alice, "cmp_1", "SMS", 0],
      [aliceCodes[0], "https://paws.example.com/sale?utm_campaign=fall&utm_source=flock&utm_medium=sms", alice, "cmp_1", "SMS", 0],
    ]);
    const emailLink = links.find((l) => l.outboxMessageId === emailRow?.id);
    expect(emailLink).toMatchObject({
      url: "https://paws.example.com/cart?utm_source=flock&utm_medium=email&utm_campaign=abandoned-checkout",
      channel: "EMAIL",
      automationRunId: "run_1",
      customerId: bob,
    });
  });

  it("gives a key already in the outbox no new links, and a retry makes the same codes", async () => {
    const { shop, alice, bob } = await setup();
    await enqueueTrackedMessages(t.db, [smsRow(shop, alice, "A https://paws.example.com/a")], NOW, OPTIONS);
    const first = await t.db.outboxMessage.findFirstOrThrow({ where: { shop }, select: { body: true } });

    // WHEN the same key comes again (a retried job, even with another text), plus a new one twice
    const again = await enqueueTrackedMessages(
      t.db,
      [
        smsRow(shop, alice, "B https://paws.example.com/b"),
        smsRow(shop, bob, "C https://paws.example.com/c"),
        smsRow(shop, bob, "D https://paws.example.com/d"),
      ],
      LATER,
      OPTIONS,
    );

    // THEN only the new key is written, once, with one link; the first row and its link stand
    expect(again).toBe(1);
    expect((await t.db.outboxMessage.findFirstOrThrow({ where: { shop, customerId: alice }, select: { body: true } })).body).toBe(
      first.body,
    );
    const links = await t.db.shortLink.findMany({ where: { shop }, select: { url: true, customerId: true } });
    expect(links.map((l) => l.url).sort()).toEqual([
      "https://paws.example.com/a?utm_source=flock&utm_medium=sms&utm_campaign=cmp_1",
      "https://paws.example.com/c?utm_source=flock&utm_medium=sms&utm_campaign=cmp_1",
    ]);

    // AND the codes are a function of (shop, key, link): a fresh database would get the same ones
    await t.db.shortLink.deleteMany({ where: { shop } });
    await t.db.outboxMessage.deleteMany({ where: { shop } });
    await enqueueTrackedMessages(t.db, [smsRow(shop, alice, "A https://paws.example.com/a")], NOW, OPTIONS);
    expect((await t.db.outboxMessage.findFirstOrThrow({ where: { shop }, select: { body: true } })).body).toBe(first.body);
  });

  it("writes rows without links as plain outbox rows", async () => {
    const { shop, alice } = await setup();
    expect(await enqueueTrackedMessages(t.db, [smsRow(shop, alice, "No links here. Reply STOP to opt out")], NOW, OPTIONS)).toBe(1);
    expect(await t.db.shortLink.count({ where: { shop } })).toBe(0);
    expect(await enqueueTrackedMessages(t.db, [], NOW, OPTIONS)).toBe(0);
  });
});

describe("GET /l/<code>", () => {
  it("redirects to the destination with UTM, records the first click once, and the segment counts the customer", async () => {
    // GIVEN a text with a link to Alice, and Bob who got one too but never clicks
    const { shop, alice, bob } = await setup();
    await enqueueTrackedMessages(
      t.db,
      [smsRow(shop, alice, "Hi https://paws.example.com/sale"), smsRow(shop, bob, "Hi https://paws.example.com/sale")],
      NOW,
      OPTIONS,
    );
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { shop, customerId: alice }, select: { id: true, body: true } });
    const [code = ""] = codesIn(row.body);
    const deps: SegmentDeps = { db: t.db, index: new FactsIndexCache(t.db, { url: t.url }) };
    const query = "messages MATCHES (event = 'clicked')";
    expect(await countQuery(deps, shop, query, LATER)).toEqual({ ok: true, count: 0 });

    // WHEN Alice follows it twice
    const first = await follow(code);
    const second = await follow(code, "GET", PHONE_UA, new Date(LATER.getTime() + 60_000));

    // THEN both are 302 to the stored destination, never cached
    for (const response of [first, second]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("https://paws.example.com/sale?utm_source=flock&utm_medium=sms&utm_campaign=cmp_1");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
    }
    // AND one clicked event names her, the message, the campaign and the channel; the link counts two clicks
    const events = await t.db.messageEvent.findMany({ where: { shop } });
    expect(
      events.map((e) => [e.kind, e.customerId, e.outboxMessageId, e.campaignId, e.channel, e.providerEventId, e.at.toISOString()]),
    ).toEqual([["clicked", alice, row.id, "cmp_1", "SMS", `click:${code}`, LATER.toISOString()]]);
    expect(
      await t.db.shortLink.findUniqueOrThrow({ where: { code }, select: { clicks: true, firstClickedAt: true, lastClickedAt: true } }),
    ).toEqual({
      clicks: 2,
      firstClickedAt: LATER,
      lastClickedAt: new Date(LATER.getTime() + 60_000),
    });
    // AND the first click (only) woke order attribution for her shop
    expect(kicked.filter((s) => s === shop)).toEqual([shop]);

    // AND the segment finds her (columnar count) and only her, and explains it per customer
    expect(await countQuery(deps, shop, query, LATER)).toEqual({ ok: true, count: 1 });
    expect(await countQuery(deps, shop, "messages MATCHES (event = 'clicked', channel = 'sms', campaign_id = 'cmp_1')", LATER)).toEqual({
      ok: true,
      count: 1,
    });
    expect(await countQuery(deps, shop, "messages MATCHES (event = 'clicked', channel = 'email')", LATER)).toEqual({ ok: true, count: 0 });
    const inAlice = await explainCustomer(deps, shop, alice, query, LATER);
    const inBob = await explainCustomer(deps, shop, bob, query, LATER);
    expect(inAlice.ok && inAlice.trace.result).toBe(true);
    expect(inBob.ok && inBob.trace.result).toBe(false);
  });

  it("redirects HEAD requests and link-preview fetchers without counting them", async () => {
    const { shop, alice } = await setup();
    await enqueueTrackedMessages(t.db, [smsRow(shop, alice, "Hi https://paws.example.com/x")], NOW, OPTIONS);
    const [code = ""] = codesIn((await t.db.outboxMessage.findFirstOrThrow({ where: { shop } })).body);

    const answers = [
      await follow(code, "HEAD"),
      await follow(code, "GET", PREVIEW_UA),
      await follow(code, "GET", "Slackbot-LinkExpanding 1.0"),
      await follow(code, "GET", null),
    ];

    expect(answers.map((r) => [r.status, r.headers.get("location")])).toEqual(
      answers.map(() => [302, "https://paws.example.com/x?utm_source=flock&utm_medium=sms&utm_campaign=cmp_1"]),
    );
    expect(await t.db.messageEvent.count({ where: { shop } })).toBe(0);
    expect(await t.db.shortLink.findUniqueOrThrow({ where: { code }, select: { clicks: true, firstClickedAt: true } })).toEqual({
      clicks: 0,
      firstClickedAt: null,
    });
    expect(kicked).not.toContain(shop);

    // AND the person's click after the preview is the first click
    await follow(code);
    expect(await t.db.messageEvent.count({ where: { shop, kind: "clicked" } })).toBe(1);
  });

  it.each([
    { description: "an unknown code", code: "AAAAAAAAAAAA" },
    { description: "a malformed code", code: "not-a-code" },
    { description: "an export token's row", code: "export:nonce" },
  ])("answers 404 for $description", async ({ code }) => {
    const { shop } = await setup();
    await t.db.shortLink.create({ data: { code: "export:nonce", shop, url: "/app/segments/x/export.csv" } }).catch(() => undefined);
    const response = await follow(code);
    expect(response.status).toBe(404);
    expect(response.headers.get("location")).toBeNull();
  });

  it("only ever redirects to the web (a stored non-http destination is a 404)", async () => {
    const { shop } = await setup();
    await t.db.shortLink.create({ data: { code: "BBBBBBBBBBBB", shop, url: "javascript:alert(1)", channel: "SMS" } });
    expect((await follow("BBBBBBBBBBBB")).status).toBe(404);
    expect(await t.db.messageEvent.count({ where: { shop } })).toBe(0);
  });
});
