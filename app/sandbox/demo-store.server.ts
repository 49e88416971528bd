// The demo shop lives in the Admin stand-in and reaches Flock the way a real store does: through
// bulk operations (importStoreFromAdmin). The generated store is anchored to the moment it was
// first imported (kept in a small file), so a restarted demo serves the same store and a Resync
// finds the same records rather than a store shifted in time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Db } from "~/db.server";
import { startAdminStandIn, type AdminStandIn } from "~/sandbox/shopify-admin/server.server";
import { createGeneratedStoreSource } from "~/sandbox/shopify-admin/store-source";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import { importStoreFromAdmin } from "~/shopify/sync/import.server";
import { openSqliteRunner } from "~/shopify/sync/sql-runner.server";

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
}

export interface DemoStore {
  standIn: AdminStandIn;
  imported: boolean;
  customers: number;
  orders: number;
}

/** Starts the stand-in for the demo shop and imports it through bulk operations when needed. */
export async function startDemoStore(options: DemoStoreOptions): Promise<DemoStore> {
  const { db, shop } = options;
  const anchorFile = join(options.dataDir, "demo-anchor.json");
  const existing = await db.customer.count({ where: { shop } });
  let anchor = readAnchor(anchorFile);
  const mustImport = options.reset || existing === 0 || !anchor || anchor.customers !== options.customers;
  if (mustImport || !anchor) {
    anchor = { seed: DEMO_SEED, customers: options.customers, now: options.now.toISOString() };
    mkdirSync(dirname(anchorFile), { recursive: true });
    writeFileSync(anchorFile, JSON.stringify(anchor, null, 2));
  }
  const source = createGeneratedStoreSource({ seed: anchor.seed, customers: anchor.customers, now: new Date(anchor.now), shop });
  const standIn = await startAdminStandIn({ source, accessToken: SANDBOX_ADMIN_TOKEN, dataDir: join(options.dataDir, "bulk") });
  if (mustImport) {
    const graphql = createFetchGraphql({ origin: standIn.origin, shop, accessToken: SANDBOX_ADMIN_TOKEN, apiVersion: "2026-10" });
    // SQLite takes the direct better-sqlite3 path; PostgreSQL goes through Prisma.
    const runner = options.databaseUrl.startsWith("file:") ? openSqliteRunner(options.databaseUrl.replace(/^file:/, "")) : undefined;
    try {
      await importStoreFromAdmin({ graphql, db, shop, runner, dataDir: join(options.dataDir, "downloads"), pollIntervalMs: 100 });
    } finally {
      await runner?.close();
    }
  }
  const [customers, orders] = await Promise.all([db.customer.count({ where: { shop } }), db.order.count({ where: { shop } })]);
  return { standIn, imported: mustImport, customers, orders };
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
