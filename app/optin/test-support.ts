// The opt-in integration tests' world: a test database with a messaging-ready shop, the Admin
// stand-in over a small generated store, and the opt-in and write-back dependencies against it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WritebackDeps } from "~/messaging/consent/writeback.server";
import { setUpShop, type RecordedJob } from "~/messaging/inbound/test-support";
import type { WebhookDeps } from "~/messaging/webhooks/receive.server";
import { createGeneratedStoreSource } from "~/sandbox/shopify-admin/store-source";
import { startAdminStandIn, type AdminStandIn } from "~/sandbox/shopify-admin/server.server";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import type { OptInDeps } from "./optin-store.server";

export interface OptInWorld {
  t: TestDb;
  standIn: AdminStandIn;
  deps: WebhookDeps;
  jobs: RecordedJob[];
  optIn: OptInDeps;
  writeback: WritebackDeps;
  close(): Promise<void>;
}

export async function startOptInWorld(options: { shop: string; token: string; seed: number; now: Date }): Promise<OptInWorld> {
  const { shop, token: accessToken, seed, now } = options;
  const t = await createTestDb();
  const { deps, jobs } = await setUpShop(t.db, shop);
  const dataDir = mkdtempSync(join(tmpdir(), "flock-optin-"));
  const standIn = await startAdminStandIn({
    source: createGeneratedStoreSource({ seed, customers: 20, now, shop }),
    accessToken,
    dataDir,
    now: () => now,
  });
  const graphqlFor = async (forShop: string) =>
    createFetchGraphql({ origin: standIn.origin, shop: forShop, accessToken, apiVersion: "2026-10" });
  return {
    t,
    standIn,
    deps,
    jobs,
    optIn: { db: t.db, key: deps.key, appUrl: "https://flock.test", enqueue: deps.enqueue, graphqlFor, client: { maxAttempts: 1 } },
    writeback: { db: t.db, graphqlFor, now: () => now, client: { maxAttempts: 1 } },
    async close() {
      await standIn.close();
      await t.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
