// Tenant isolation: through a client scoped to shop A, no query can read or change shop B's
// rows, in any table that holds store data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { buildCustomer, createStoreRows, uniqueShop } from "../../tests/factories/store";
import type { Db } from "~/db/db.server";
import { CrossShopWriteError, forShop, SHOP_SCOPED_MODELS } from "./shop-scope.server";

type Delegate = {
  findMany(args?: object): Promise<unknown[]>;
  count(args?: object): Promise<number>;
  updateMany(args: object): Promise<{ count: number }>;
  deleteMany(args?: object): Promise<{ count: number }>;
};

const delegate = (db: Db, model: string): Delegate =>
  (db as unknown as Record<string, Delegate>)[model[0]?.toLowerCase() + model.slice(1)] as Delegate;

// A harmless update per model: a column every model has besides `shop`.
const touch: Record<string, object> = {
  Session: { state: "x" },
  Shop: { name: "x" },
  ProviderCredential: { provider: "x" },
  Customer: { note: "x" },
  Order: { name: "x" },
  LineItem: { title: "x" },
  Product: { title: "x" },
  Collection: { title: "x" },
  CollectionProduct: { shop: undefined },
  AbandonedCheckout: { email: "x" },
  CustomerFacts: { orderCount: 99 },
  Segment: { name: "x" },
  SegmentMembership: { enteredAt: new Date(0) },
  SegmentMembershipEvent: { at: new Date(0) },
  Campaign: { name: "x" },
  CampaignHoldout: { customerId: 7 },
  Automation: { steps: "x" },
  AutomationRun: { status: "x" },
  OutboxMessage: { body: "x" },
  MessageEvent: { kind: "x" },
  Suppression: { reason: "x" },
  ConsentChange: { source: "x" },
  ShortLink: { url: "x" },
  WebhookInbox: { topic: "x" },
  SyncRun: { status: "x" },
  DataRequest: { customerGid: "x" },
  ChannelSettings: { brandName: "x" },
  SendRateSlot: { nextSlotMs: 1 },
  SendingRules: { attributionClickHours: 1 },
  OrderAttribution: { touch: "x" },
  AttributionCursor: { lastOrderId: 9 },
  SegmentRefreshPending: { generation: 9 },
  ShopDrainLease: { holder: "x" },
  OptInRequest: { source: "x" },
  OptInRateCount: { count: 9 },
  OptInSettings: { programName: "x" },
};

describe("tenant isolation", () => {
  let t: TestDb;
  const shopA = uniqueShop();
  const shopB = uniqueShop();
  let before: Record<string, unknown[]>;

  beforeAll(async () => {
    t = await createTestDb();
    await createStoreRows(t.db, shopA);
    await createStoreRows(t.db, shopB);
    before = Object.fromEntries(
      await Promise.all(SHOP_SCOPED_MODELS.map(async (m) => [m, await delegate(t.db, m).findMany({ where: { shop: shopB } })])),
    );
  });
  afterAll(async () => t?.drop());

  it("covers every table that carries a shop column", () => {
    expect(SHOP_SCOPED_MODELS.length).toBeGreaterThanOrEqual(24);
    for (const model of SHOP_SCOPED_MODELS) expect(Object.keys(touch)).toContain(model);
    for (const model of SHOP_SCOPED_MODELS) expect(before[model], model).toHaveLength(1);
  });

  it("reads only the scoped shop's rows, even when asked for the other shop", async () => {
    const a = forShop(t.db, shopA);
    for (const model of SHOP_SCOPED_MODELS) {
      const rows = (await delegate(a, model).findMany()) as { shop: string }[];
      expect(rows.length, model).toBe(1);
      expect(
        rows.every((r) => r.shop === shopA),
        model,
      ).toBe(true);
      expect(await delegate(a, model).count({ where: { shop: shopB } }), model).toBe(0);
    }
  });

  it("cannot create rows for another shop", async () => {
    const a = forShop(t.db, shopA);
    await expect(a.suppression.create({ data: { shop: shopB, channel: "EMAIL", addressHash: "h", reason: "STOP" } })).rejects.toThrow(
      CrossShopWriteError,
    );
    const stamped = await a.suppression.create({ data: { shop: shopA, channel: "EMAIL", addressHash: "h2", reason: "STOP" } });
    expect(stamped.shop).toBe(shopA);
  });

  it("cannot move its own rows to another shop", async () => {
    const a = forShop(t.db, shopA);
    const own = await a.customer.findFirstOrThrow();
    await expect(a.customer.update({ where: { id: own.id }, data: { shop: shopB } })).rejects.toThrow(CrossShopWriteError);
    await expect(a.customer.updateMany({ data: { shop: shopB } })).rejects.toThrow(CrossShopWriteError);
    await expect(a.customer.upsert({ where: { id: own.id }, create: buildCustomer(shopA), update: { shop: shopB } })).rejects.toThrow(
      CrossShopWriteError,
    );
    expect((await t.db.customer.findUniqueOrThrow({ where: { id: own.id } })).shop).toBe(shopA);
  });

  it("cannot reach another shop's row by its unique id", async () => {
    const a = forShop(t.db, shopA);
    const bCustomer = await t.db.customer.findFirstOrThrow({ where: { shop: shopB } });
    expect(await a.customer.findUnique({ where: { id: bCustomer.id } })).toBeNull();
    await expect(a.customer.update({ where: { id: bCustomer.id }, data: { note: "hijacked" } })).rejects.toThrow();
    await expect(a.customer.delete({ where: { id: bCustomer.id } })).rejects.toThrow();
  });

  it("bulk updates and deletes leave the other shop's rows exactly as they were", async () => {
    const a = forShop(t.db, shopA);
    for (const model of SHOP_SCOPED_MODELS) {
      const data = Object.fromEntries(Object.entries(touch[model] ?? {}).filter(([, v]) => v !== undefined));
      if (Object.keys(data).length > 0) await delegate(a, model).updateMany({ data });
    }
    // Children before parents so no foreign key blocks the sweep.
    for (const model of [...SHOP_SCOPED_MODELS].reverse()) await delegate(a, model).deleteMany({ where: { shop: shopB } });
    for (const model of [...SHOP_SCOPED_MODELS].reverse()) await delegate(a, model).deleteMany();
    for (const model of SHOP_SCOPED_MODELS) {
      expect(await delegate(t.db, model).count({ where: { shop: shopA } }), `${model} of A deleted`).toBe(0);
      expect(await delegate(t.db, model).findMany({ where: { shop: shopB } }), `${model} of B untouched`).toEqual(before[model]);
    }
  });
});
