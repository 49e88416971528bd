// A campaign's recipients against each database: keyset pages over outbox rows and holdout,
// filtered by status, with clicks and attributed orders; the table's route; another shop's
// campaign stays invisible.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSandboxApp, type SandboxApp } from "../../tests/setup/sandbox-app";
import type * as PageRoute from "../routes/app.campaigns.$id_.recipients";
import { createCampaign } from "./campaign-store.server";
import { recipientsPage, recipientsTablePage } from "./recipients.server";
import { createPeople, smsDraft } from "./test-support";

const SHOP = `recipients-${Date.now().toString(36)}.myshopify.com`;
const AT = new Date("2026-12-07T19:00:00Z");
let app: SandboxApp;
let route: typeof PageRoute;

beforeAll(async () => {
  app = await openSandboxApp(SHOP);
  route = await import("../routes/app.campaigns.$id_.recipients");
});
afterAll(async () => app?.close());

type Seed = { status: string; skipReason?: string; lastError?: string; sentAt?: Date } | "held_out";

/** A campaign with one customer per seed, in customer id order: an outbox row each, or a holdout row. */
async function givenCampaign(shop: string, seeds: readonly Seed[]) {
  const db = app.t.db;
  const people = await createPeople(db, shop, seeds.length);
  const id = await createCampaign(db, shop, smsDraft([]));
  await db.campaign.update({ where: { id }, data: { status: "SENDING", frozenAt: AT } });
  const messages = new Map<number, string>();
  for (const [i, seed] of seeds.entries()) {
    const customerId = people[i] as number;
    if (seed === "held_out") {
      await db.campaignHoldout.create({ data: { shop, campaignId: id, customerId } });
      continue;
    }
    const row = await db.outboxMessage.create({
      data: {
        shop,
        idempotencyKey: `campaign:${id}:${customerId}`,
        channel: "SMS",
        customerId,
        recipient: `+1212555${String(i).padStart(4, "0")}`,
        body: "x",
        notBefore: AT,
        campaignId: id,
        ...seed,
        status: seed.status as "QUEUED",
      },
      select: { id: true },
    });
    messages.set(customerId, row.id);
  }
  return { id, people, messages };
}

describe("recipientsPage", () => {
  it("pages through every recipient by customer id, holdout included, with status, reason, click and order", async () => {
    // GIVEN seven recipients of each kind, and a click and an order on the delivered one
    const { id, people, messages } = await givenCampaign(SHOP, [
      { status: "DELIVERED", sentAt: AT },
      "held_out",
      { status: "FAILED", lastError: "30003: Unreachable destination handset" },
      { status: "SKIPPED", skipReason: "no_consent" },
      { status: "QUEUED" },
      "held_out",
      { status: "SENT", sentAt: AT },
    ]);
    const delivered = messages.get(people[0] as number) ?? "";
    for (const [n, minutes] of [
      [1, 9],
      [2, 5],
    ] as const) {
      await app.t.db.messageEvent.create({
        data: {
          shop: SHOP,
          channel: "SMS",
          kind: "clicked",
          outboxMessageId: delivered,
          campaignId: id,
          at: new Date(AT.getTime() + minutes * 60_000),
          providerEventId: `c-${id}-${n}`,
        },
      });
    }
    const order = await app.t.db.order.create({
      data: {
        shop: SHOP,
        gid: `gid://shopify/Order/${id}`,
        name: "#1042",
        currency: "USD",
        totalPrice: 4200n,
        processedAt: AT,
        shopifyCreatedAt: AT,
        shopifyUpdatedAt: AT,
      },
      select: { id: true },
    });
    await app.t.db.orderAttribution.create({
      data: {
        shop: SHOP,
        orderId: order.id,
        customerId: people[0] as number,
        outboxMessageId: delivered,
        campaignId: id,
        channel: "SMS",
        touch: "clicked",
        touchAt: AT,
        orderAt: AT,
        revenue: 4200n,
        currency: "USD",
      },
    });

    // WHEN read three at a time from the start
    const seen = [];
    let after: number | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = await recipientsPage(app.t.db, SHOP, id, { status: "all", after }, 3);
      if (!page) throw new Error("campaign not found");
      seen.push(page.rows);
      after = page.rows.at(-1)?.customerId;
      if (!page.more) break;
    }

    // THEN three pages cover the seven in order, none twice
    expect(seen.map((rows) => rows.length)).toEqual([3, 3, 1]);
    const rows = seen.flat();
    expect(rows.map((r) => r.customerId)).toEqual(people);
    expect(rows.map((r) => [r.status, r.reason])).toEqual([
      ["delivered", null],
      ["held_out", null],
      ["failed", "30003: Unreachable destination handset"],
      ["skipped", "no_consent"],
      ["queued", null],
      ["held_out", null],
      ["sent", null],
    ]);
    // AND the delivered one shows its first click and its attributed order
    expect(rows[0]).toMatchObject({
      address: "+12125550000",
      sentAt: AT,
      clickedAt: new Date(AT.getTime() + 5 * 60_000),
      order: { name: "#1042", revenue: 4200n, currency: "USD" },
    });
    // AND a held-out customer shows their own phone and nothing sent
    expect(rows[1]).toMatchObject({
      firstName: expect.stringMatching(/^Pat/),
      address: expect.stringMatching(/^\+1212555/),
      sentAt: null,
      clickedAt: null,
      order: null,
    });
  });

  it.each([
    { filter: "held_out" as const, expected: [1, 5] },
    { filter: "failed" as const, expected: [2, 7] },
    { filter: "queued" as const, expected: [4, 6] },
    { filter: "delivered" as const, expected: [0] },
  ])("filters by $filter, paging within the filter", async ({ filter, expected }) => {
    const { id, people } = await givenCampaign(SHOP, [
      { status: "DELIVERED" },
      "held_out",
      { status: "FAILED", lastError: "x" },
      { status: "SKIPPED", skipReason: "capped" },
      { status: "QUEUED" },
      "held_out",
      { status: "SENDING" },
      { status: "UNDELIVERED", lastError: "y" },
    ]);
    const first = await recipientsPage(app.t.db, SHOP, id, { status: filter }, 1);
    const ids = first?.rows.map((r) => r.customerId) ?? [];
    if (first?.more) {
      const second = await recipientsPage(app.t.db, SHOP, id, { status: filter, after: ids.at(-1) }, 1);
      ids.push(...(second?.rows.map((r) => r.customerId) ?? []));
      expect(second?.more).toBe(false);
    }
    expect(ids).toEqual(expected.map((i) => people[i]));
  });

  it("another shop's campaign is not found, and its rows never appear", async () => {
    const other = `other-${Date.now().toString(36)}.myshopify.com`;
    await app.t.db.shop.create({ data: { shop: other, name: "Other" } });
    const theirs = await givenCampaign(other, [{ status: "DELIVERED" }]);
    expect(await recipientsPage(app.t.db, SHOP, theirs.id, { status: "all" })).toBeNull();
  });
});

describe("the table's route", () => {
  const load = (id: string, query: string) =>
    route.loader({ request: new Request(`http://127.0.0.1:3000/app/campaigns/${id}/recipients${query}`), params: { id }, context: {} });

  it("answers a page with addresses masked and the next cursor", async () => {
    const { id, people } = await givenCampaign(SHOP, [{ status: "DELIVERED", sentAt: AT }, { status: "SENT" }]);
    const answer = await load(id, "?status=all");
    expect(answer).toEqual(await recipientsTablePage(app.t.db, SHOP, id, { status: "all" }));
    if (!("rows" in answer)) throw new Error("no page");
    expect(answer.rows.map((r) => [r.customerId, r.address, r.status, r.sentAt])).toEqual([
      [people[0], "+•••••••0000", "delivered", AT.toISOString()],
      [people[1], "+•••••••0001", "sent", null],
    ]);
    expect(answer.next).toBeNull();
  });

  it("refuses an unknown status or a malformed cursor with 400 naming it, and a missing campaign with 404", async () => {
    const { id } = await givenCampaign(SHOP, [{ status: "SENT" }]);
    const bad = await load(id, "?status=bounced&after=x");
    expect("init" in bad ? [bad.init?.status, bad.data] : bad).toEqual([
      400,
      { error: expect.stringMatching(/^status: .*; after: The page cursor must be a customer id\.$/) },
    ]);
    const missing = await load("nope", "").then(
      () => null,
      (e: unknown) => e,
    );
    expect(missing instanceof Response ? missing.status : missing).toBe(404);
  });
});
