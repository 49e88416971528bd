// Property: for random store histories delivered with duplicates, reorderings and a late
// batch, the incrementally maintained facts equal (a) the facts of in-order delivery and
// (b) facts recomputed from scratch by the import's set-based SQL.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeShopFacts } from "~/shopify/sync/facts.server";
import { prismaRunner } from "~/db/sql-runner.server";
import { deliveryOf, historyOf, storePlan } from "~/shopify/webhooks/test-support/history";
import { factsSnapshot, storeEvents, storeSnapshot } from "~/shopify/webhooks/test-support/snapshot";
import { openWebhookTestEnv, type WebhookTestEnv } from "~/shopify/webhooks/test-support/webhook-env";
import { uniqueShop } from "../../tests/factories/store";

let env: WebhookTestEnv;
beforeAll(async () => {
  env = await openWebhookTestEnv();
});
afterAll(async () => env?.close());

describe("incremental customer facts", () => {
  it("equal in-order delivery and a from-scratch recompute under any delivery", async () => {
    const { db, dialect } = env.deps;
    await fc.assert(
      fc.asyncProperty(
        storePlan,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 0, max: 40 }),
        async (plan, keys, dups, split) => {
          const history = historyOf(plan);
          const inOrder = uniqueShop();
          await storeEvents(db, dialect, inOrder, history);
          await env.drain(inOrder);

          const shuffled = uniqueShop();
          const delivery = deliveryOf(history, keys, dups);
          const cut = Math.min(split, delivery.length);
          await storeEvents(db, dialect, shuffled, delivery.slice(0, cut));
          await env.drain(shuffled);
          // The rest arrives a day late, after the first part was applied.
          await storeEvents(db, dialect, shuffled, delivery.slice(cut));
          await env.drain(shuffled);

          const incremental = await storeSnapshot(db, shuffled);
          expect(incremental).toEqual(await storeSnapshot(db, inOrder));
          await recomputeShopFacts(await prismaRunner(db), shuffled, new Date());
          expect(await factsSnapshot(db, shuffled)).toEqual(incremental.facts);
        },
      ),
      { numRuns: 12, seed: 20261123 },
    );
  }, 180_000);
});
