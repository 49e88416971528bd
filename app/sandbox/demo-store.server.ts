// The demo shop lives in the Admin stand-in and reaches Flock the way a real store does: through
// bulk operations (importStoreFromAdmin). The generated store is anchored to the moment it was
// first imported (kept in a small file), so a restarted demo serves the same store and a Resync
// finds the same records rather than a store shifted in time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Db } from "~/db/db.server";
import type { ConsentWebhookTarget } from "~/sandbox/shopify-admin/consent-mutations";
import { startAdminStandIn, type AdminStandIn } from "~/sandbox/shopify-admin/server.server";
import { createGeneratedStoreSource } from "~/sandbox/shopify-admin/store-source";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import type { ApplyProgress } from "~/shopify/sync/apply-jsonl.server";
import { importStoreFromAdmin, resultFile } from "~/shopify/sync/import.server";
import { importingSince } from "~/shopify/sync/import-state.server";
import type { SyncResource } from "~/shopify/sync/resources";
import { openSqliteRunner, prismaRunner } from "~/db/sql-runner.server";
import { abandonRemoteRuns } from "~/shopify/sync/sync-runs.server";

export const DEMO_SEED = 42;
/** Only ever accepted by the loopback stand-in. */
export const SANDBOX_ADMIN_TOKEN = "shpat_sandbox_demo_token";

interface Anchor {
  seed: number;
  customers: number;
  now: string;
}

export interface DemoStoreOptions {
  db: Db;
  databaseUrl: string;
  shop: string;
  customers: number;
  reset: boolean;
  now: Date;
  /** Where the anchor file and bulk result files go. */
  dataDir: string;
  /** Passed to the import (the crash test slows it down and watches its batches). */
  batchSize?: number;
  onBatch?: (resource: SyncResource, progress: ApplyProgress) => void;
  /** Where the stand-in sends the consent webhooks its consent mutations cause (the app). */
  consentWebhooks?: ConsentWebhookTarget;
}

export interface DemoStore {
  standIn: AdminStandIn;
  imported: boolean;
  /** The import continued one that an earlier run of the demo left unfinished. */
  resumed: boolean;
  customers: number;
  orders: number;
}

/** Starts the stand-in for the demo shop and imports it through bulk operations when needed. */
export async function startDemoStore(options: DemoStoreOptions): Promise<DemoStore> {
  const { db, shop } = options;
  const anchorFile = join(options.dataDir, "demo-anchor.json");
  const existing = await db.customer.count({ where: { shop } });
  let anchor = readAnchor(anchorFile);
  // An import killed half-way leaves the shop marked importing: it is resumed over the same
  // anchored store (rewriting the anchor would shift every date under the rows already in).
  const resumed = !options.reset && anchor?.customers === options.customers && (await importingSince(db, shop)) !== null;
  const mustImport = resumed || options.reset || existing === 0 || !anchor || anchor.customers !== options.customers;
  if (!anchor || (mustImport && !resumed)) {
    anchor = { seed: DEMO_SEED, customers: options.customers, now: options.now.toISOString() };
    mkdirSync(dirname(anchorFile), { recursive: true });
    writeFileSync(anchorFile, JSON.stringify(anchor, null, 2));
  }
  const source = createGeneratedStoreSource({ seed: anchor.seed, customers: anchor.customers, now: new Date(anchor.now), shop });
  const standIn = await startAdminStandIn({
    source,
    accessToken: SANDBOX_ADMIN_TOKEN,
    dataDir: join(options.dataDir, "bulk"),
    consentWebhooks: options.consentWebhooks,
  });
  if (mustImport) {
    const graphql = createFetchGraphql({ origin: standIn.origin, shop, accessToken: SANDBOX_ADMIN_TOKEN, apiVersion: "2026-10" });
    // SQLite takes the direct better-sqlite3 path; PostgreSQL goes through Prisma.
    const sqlite = options.databaseUrl.startsWith("file:") ? openSqliteRunner(options.databaseUrl.replace(/^file:/, "")) : undefined;
    const runner = sqlite ?? (await prismaRunner(db));
    const downloads = join(options.dataDir, "downloads");
    try {
      // The stand-in started empty: operations of the killed process are gone, and its
      // operation ids start over, so an old id could name a new operation.
      if (resumed) await abandonRemoteRuns(runner, shop, (run) => existsSync(resultFile(downloads, shop, run.id)), options.now);
      await importStoreFromAdmin({
        graphql,
        db,
        shop,
        runner,
        dataDir: downloads,
        pollIntervalMs: 100,
        batchSize: options.batchSize,
        onBatch: options.onBatch,
      });
    } finally {
      await sqlite?.close();
    }
  }
  const [customers, orders] = await Promise.all([db.customer.count({ where: { shop } }), db.order.count({ where: { shop } })]);
  return { standIn, imported: mustImport, resumed, customers, orders };
}

function readAnchor(file: string): Anchor | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<Anchor>;
    if (typeof parsed.seed === "number" && typeof parsed.customers === "number" && typeof parsed.now === "string") return parsed as Anchor;
  } catch {
    // A damaged anchor only means the demo store is imported afresh.
  }
  return null;
}
