import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "~/env.server";
import { eraseShop } from "~/privacy/erase-shop.server";
import { REDACTED_UPDATED_AT } from "~/privacy/redact-customer.server";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { FactsIndexCache } from "./facts-index.server";
import { IndexSnapshots } from "./index-snapshot.server";
import type { ShopIndex } from "../engine/shop-index";
import { queryTree } from "../test-support/test-records";

const NOW = new Date("2026-11-23T15:00:00Z");
const BIG = queryTree("amount_spent > 100");
let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "flock-snapshots-"));
  return () => rmSync(dir, { recursive: true, force: true });
});

/** A fresh process's cache: nothing in memory, the shared snapshot directory. */
const freshCache = (url = true) => new FactsIndexCache(t.db, { ...(url ? { url: t.url } : {}), snapshots: new IndexSnapshots(dir, t.url) });
const files = () => readdirSync(dir).filter((f) => f.endsWith(".snapshot"));
const members = (index: ShopIndex) =>
  index
    .evaluate(BIG, NOW)
    .toArray()
    .map((p) => index.customerIdAt(p))
    .sort((a, b) => a - b);
/** Loaded from a snapshot: the base columns are views over the one buffer read from the file. */
const fromSnapshot = (index: ShopIndex) => index.base.customerIds.buffer.byteLength === statSync(join(dir, files()[0] ?? "")).size;

async function installedShop(amounts: number[]): Promise<{ shop: string; ids: number[] }> {
  const shop = uniqueShop();
  await t.db.shop.create({ data: { shop, name: shop, installedAt: new Date("2026-01-01T00:00:00Z") } });
  const ids: number[] = [];
  for (const amount of amounts) {
    const c = await t.db.customer.create({
      data: buildCustomer(shop, { shopifyUpdatedAt: new Date("2026-06-01T00:00:00Z") }),
      select: { id: true },
    });
    await t.db.customerFacts.create({ data: { customerId: c.id, shop, amountSpent: BigInt(amount * 100), orderCount: 1, version: 1n } });
    ids.push(c.id);
  }
  return { shop, ids };
}

describe("index snapshots", () => {
  it.each([{ url: true }, { url: false }])(
    "a fresh process loads the snapshot of a build and catches it up (driver build: $url)",
    async ({ url }) => {
      // GIVEN a process that built the shop's index
      const { shop, ids } = await installedShop([500, 20, 900]);
      expect(members(await freshCache(url).get(shop))).toEqual([ids[0], ids[2]]);
      expect(files()).toHaveLength(1);
      // WHEN a customer's facts change afterwards and a fresh process asks
      await t.db.customerFacts.update({ where: { customerId: ids[1] }, data: { amountSpent: 500_000n, version: 2n } });
      const index = await freshCache(url).get(shop);
      // THEN it answered from the snapshot, caught up with the change
      expect(fromSnapshot(index)).toBe(true);
      expect(members(index)).toEqual(ids);
    },
  );

  it("a write removes the temporaries a killed writer left, but not one being written now", async () => {
    // GIVEN a built snapshot, a temporary abandoned an hour ago and one another process is writing
    const { shop } = await installedShop([500]);
    await freshCache().get(shop);
    const [snapshot] = files();
    const abandoned = join(dir, `${snapshot}.4242-deadbeef.tmp`);
    const writing = join(dir, `${snapshot}.4343-cafef00d.tmp`);
    writeFileSync(abandoned, "partial");
    writeFileSync(writing, "partial");
    const hourAgo = new Date(statSync(writing).mtimeMs - 3_600_000);
    utimesSync(abandoned, hourAgo, hourAgo);
    // WHEN the snapshot is written again (a rebuild)
    rmSync(join(dir, snapshot!));
    await freshCache().get(shop);
    // THEN the abandoned one is gone and the fresh one is left to its writer
    expect(readdirSync(dir).sort()).toEqual([snapshot, `${snapshot}.4343-cafef00d.tmp`].sort());
  });

  it("rebuilds from the database over a corrupt snapshot, and replaces it", async () => {
    // GIVEN a snapshot with one byte of its columns changed
    const { shop, ids } = await installedShop([500, 20]);
    await freshCache().get(shop);
    const file = join(dir, files()[0] ?? "");
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    writeFileSync(file, bytes);
    // WHEN a fresh process asks
    const index = await freshCache().get(shop);
    // THEN the answer is the database's and the file is a good snapshot again
    expect(fromSnapshot(index)).toBe(false);
    expect(members(index)).toEqual([ids[0]]);
    expect(fromSnapshot(await freshCache().get(shop))).toBe(true);
  });

  it("does not trust a snapshot whose watermark is ahead of the database (a restored database)", async () => {
    // GIVEN a snapshot, then the facts go back to an older version
    const { shop, ids } = await installedShop([500, 20]);
    await t.db.customerFacts.update({ where: { customerId: ids[1] }, data: { amountSpent: 700_000n, version: 5n } });
    await freshCache().get(shop);
    await t.db.customerFacts.update({ where: { customerId: ids[1] }, data: { amountSpent: 2_000n, version: 1n } });
    // WHEN a fresh process asks THEN it rebuilt
    const index = await freshCache().get(shop);
    expect(fromSnapshot(index)).toBe(false);
    expect(members(index)).toEqual([ids[0]]);
  });

  it("rebuilds after a catalog change (collection rules read the catalog as of the build)", async () => {
    const { shop } = await installedShop([500]);
    await freshCache().get(shop);
    await t.db.product.create({
      data: { shop, gid: "gid://shopify/Product/77", title: "Dog treats", handle: "dog-treats", shopifyUpdatedAt: NOW },
    });
    expect(fromSnapshot(await freshCache().get(shop))).toBe(false);
  });

  it("a redaction deletes the snapshot at the catch-up of a process holding the index", async () => {
    // GIVEN a snapshot and a process holding the index
    const { shop, ids } = await installedShop([500, 900]);
    const cache = freshCache();
    await cache.get(shop);
    expect(files()).toHaveLength(1);
    // WHEN the customer is redacted (as app/privacy/redact-customer.server.ts leaves the row)
    await redact(ids[0] as number);
    const index = await cache.get(shop);
    // THEN the snapshot holding their facts is gone, and they are out of the index
    expect(files()).toHaveLength(0);
    expect(members(index)).toEqual([ids[1]]);
  });

  it("a redaction since the snapshot makes a fresh process delete it and rebuild", async () => {
    // GIVEN a snapshot, then a redaction no process saw
    const { shop, ids } = await installedShop([500, 900]);
    await freshCache().get(shop);
    await redact(ids[1] as number);
    // WHEN a fresh process asks
    const index = await freshCache().get(shop);
    // THEN it rebuilt without the redacted customer, and the new snapshot counts the redaction
    expect(members(index)).toEqual([ids[0]]);
    expect(index.base.customerIds.buffer.byteLength).not.toBe(statSync(join(dir, files()[0] ?? "")).size);
    expect(fromSnapshot(await freshCache().get(shop))).toBe(true);
  });

  it("keeps no snapshot of a shop that uninstalled the app", async () => {
    // GIVEN an installed shop with a snapshot
    const { shop } = await installedShop([500]);
    await freshCache().get(shop);
    expect(files()).toHaveLength(1);
    // WHEN it uninstalls THEN a fresh process neither trusts nor keeps its snapshot, nor writes one
    await t.db.shop.update({ where: { shop }, data: { uninstalledAt: NOW } });
    expect(fromSnapshot(await freshCache().get(shop))).toBe(false);
    expect(files()).toHaveLength(0);
    await freshCache().get(shop);
    expect(files()).toHaveLength(0);
  });
});

describe("shop/redact", () => {
  it("deletes the shop's snapshots with its data", async () => {
    // GIVEN snapshots of two shops, then the first uninstalls
    const erased = await installedShop([500]);
    const kept = await installedShop([700]);
    await freshCache().get(erased.shop);
    await freshCache().get(kept.shop);
    expect(files()).toHaveLength(2);
    await t.db.shop.update({ where: { shop: erased.shop }, data: { uninstalledAt: NOW } });
    // WHEN its data is erased (FLOCK_INDEX_SNAPSHOT_DIR names the directory)
    process.env.FLOCK_INDEX_SNAPSHOT_DIR = dir;
    resetEnvCache();
    try {
      await t.db.$transaction((tx) => eraseShop(tx, erased.shop));
    } finally {
      delete process.env.FLOCK_INDEX_SNAPSHOT_DIR;
      resetEnvCache();
    }
    // THEN only the other shop's snapshot is left
    expect(files()).toHaveLength(1);
    expect(fromSnapshot(await freshCache().get(kept.shop))).toBe(true);
  });
});

async function redact(customerId: number): Promise<void> {
  await t.db.customer.update({
    where: { id: customerId },
    data: { email: null, tags: "", redactedAt: NOW, shopifyUpdatedAt: REDACTED_UPDATED_AT },
  });
  await t.db.customerFacts.update({ where: { customerId }, data: { amountSpent: 0n, orderCount: 0, version: 9n } });
}
