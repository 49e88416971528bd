// One drain per shop at a time across every worker process. Two drains of one shop would walk
// the same rows and race on the same customers; a lease row (ShopDrainLease) in the app
// database works the same on SQLite and PostgreSQL and needs no session-bound lock. The lease
// is renewed between batches and expires by itself when its worker dies. Lease times are the
// machine's real time, not a job clock: they measure whether a process is alive.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "~/db/db.server";
import { toPgPlaceholders, type Dialect } from "~/db/sql-runner.server";

export const LEASE_MS = 60_000;

export interface DrainLease {
  readonly shop: string;
  readonly holder: string;
  /** Extends the lease; false when it was lost (expired and taken by another worker). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

function takeSql(dialect: Dialect): string {
  const sql =
    `INSERT INTO "ShopDrainLease" ("shop", "holder", "leaseUntil") VALUES (?, ?, ?) ` +
    `ON CONFLICT ("shop") DO UPDATE SET "holder" = excluded."holder", "leaseUntil" = excluded."leaseUntil" ` +
    `WHERE "ShopDrainLease"."leaseUntil" < ? OR "ShopDrainLease"."holder" = excluded."holder"`;
  return dialect === "postgres" ? toPgPlaceholders(sql) : sql;
}

async function take(db: Db, dialect: Dialect, shop: string, holder: string): Promise<boolean> {
  const now = Date.now();
  const changed = await db.$executeRawUnsafe(takeSql(dialect), shop, holder, BigInt(now + LEASE_MS), BigInt(now));
  return changed === 1;
}

/** The shop's drain lease, or null while another worker holds it. */
export async function tryDrainLease(db: Db, dialect: Dialect, shop: string): Promise<DrainLease | null> {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  if (!(await take(db, dialect, shop, holder))) return null;
  return {
    shop,
    holder,
    renew: () => take(db, dialect, shop, holder),
    async release() {
      await db.shopDrainLease.deleteMany({ where: { shop, holder } });
    },
  };
}

/** Waits up to `waitMs` for the lease, trying every `pollMs`. */
export async function waitForDrainLease(
  db: Db,
  dialect: Dialect,
  shop: string,
  waitMs: number,
  pollMs = 200,
  signal?: AbortSignal,
): Promise<DrainLease | null> {
  const until = Date.now() + waitMs;
  for (;;) {
    const lease = await tryDrainLease(db, dialect, shop);
    if (lease || Date.now() >= until) return lease;
    signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
