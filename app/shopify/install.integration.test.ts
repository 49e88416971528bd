import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { uniqueShop } from "../../tests/factories/store";
import type { EnqueueOptions, JobPayload } from "~/jobs/queue";
import { IMPORT_JOB, onShopAuthenticated } from "./install.server";

/** A queue that records what was enqueued and honours unique keys like the real ones. */
function fakeQueue() {
  const jobs: { name: string; payload: JobPayload; options?: EnqueueOptions }[] = [];
  return {
    jobs,
    async enqueue(name: string, payload: JobPayload, options?: EnqueueOptions) {
      if (options?.uniqueKey && jobs.some((j) => j.options?.uniqueKey === options.uniqueKey)) return null;
      jobs.push({ name, payload, options });
      return String(jobs.length);
    },
  };
}

const NOW = new Date("2026-11-23T12:00:00Z");

describe("onShopAuthenticated", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  it("records a new shop and queues its first import once", async () => {
    const shop = uniqueShop();
    const queue = fakeQueue();
    expect(await onShopAuthenticated(t.db, queue, shop, NOW)).toEqual({ importQueued: true });
    expect(await onShopAuthenticated(t.db, queue, shop, NOW)).toEqual({ importQueued: false });
    expect(queue.jobs).toEqual([
      { name: IMPORT_JOB, payload: { shop }, options: expect.objectContaining({ uniqueKey: `${IMPORT_JOB}:${shop}` }) },
    ]);
    expect(await t.db.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({ shop, sendingPaused: false, installedAt: NOW });
    // The pages say "importing" from the moment the import is queued.
    expect((await t.db.shop.findUniqueOrThrow({ where: { shop } })).importingSince).toEqual(NOW);
  });

  it("queues the import again when an earlier one never finished", async () => {
    // GIVEN customers imported, then the import died before the orders and facts
    const shop = uniqueShop();
    await t.db.shop.create({ data: { shop, name: "Paws", importingSince: new Date("2026-11-22T00:00:00Z") } });
    await t.db.syncRun.create({
      data: { shop, resource: "customers", kind: "bulk", status: "completed", startedAt: new Date("2026-11-22T00:00:00Z") },
    });
    const queue = fakeQueue();
    // WHEN the merchant opens the app again THEN the import is queued to resume
    expect(await onShopAuthenticated(t.db, queue, shop, NOW)).toEqual({ importQueued: true });
    expect(queue.jobs).toEqual([
      { name: IMPORT_JOB, payload: { shop }, options: expect.objectContaining({ uniqueKey: `${IMPORT_JOB}:${shop}` }) },
    ]);
  });

  it("does not import again once a sync has completed", async () => {
    const shop = uniqueShop();
    await t.db.syncRun.create({ data: { shop, resource: "customers", kind: "bulk", status: "completed", startedAt: NOW } });
    const queue = fakeQueue();
    expect(await onShopAuthenticated(t.db, queue, shop, NOW)).toEqual({ importQueued: false });
    expect(queue.jobs).toEqual([]);
  });

  it("a reinstall lifts the sending pause and cancels the scheduled erasure", async () => {
    // GIVEN a shop that uninstalled: sending paused, erasure due in 48 hours
    const shop = uniqueShop();
    const uninstalledAt = new Date("2026-11-20T00:00:00Z");
    await t.db.shop.create({
      data: { shop, name: "Paws", sendingPaused: true, uninstalledAt, dataRemovalDueAt: new Date("2026-11-22T00:00:00Z") },
    });
    await t.db.syncRun.create({ data: { shop, resource: "customers", kind: "bulk", status: "completed", startedAt: uninstalledAt } });
    // WHEN the merchant installs again
    await onShopAuthenticated(t.db, fakeQueue(), shop, NOW);
    // THEN nothing stays paused or scheduled for erasure, and the shop keeps its name
    expect(await t.db.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({
      name: "Paws",
      sendingPaused: false,
      uninstalledAt: null,
      dataRemovalDueAt: null,
      installedAt: NOW,
    });
  });
});
