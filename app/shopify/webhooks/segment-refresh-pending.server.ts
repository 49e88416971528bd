// The durable list of customers whose segment memberships wait for re-evaluation
// (SegmentRefreshPending). The apply transaction adds the customers it touched; a refresh
// removes a customer only in the generation it evaluated, so a customer touched again while
// being refreshed stays listed for the next refresh.
import type { Db, DbTx } from "~/db/db.server";
import { toPgPlaceholders, type Dialect } from "~/db/sql-runner.server";

/** The row standing for "the whole store" (a finished bulk import); customer ids start at 1. */
export const WHOLE_STORE = 0;
/** Customers per statement: two parameters each stays far below SQLite's bound-parameter limit. */
export const PENDING_CHUNK = 400;

export interface PendingCustomer {
  customerId: number;
  generation: number;
}

/** Lists customers for re-evaluation (or WHOLE_STORE), in the caller's transaction. */
export async function markPending(tx: DbTx | Db, dialect: Dialect, shop: string, customerIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(customerIds)];
  for (let i = 0; i < ids.length; i += PENDING_CHUNK) {
    const chunk = ids.slice(i, i + PENDING_CHUNK);
    const sql =
      `INSERT INTO "SegmentRefreshPending" ("shop", "customerId", "generation") VALUES ${chunk.map(() => "(?, ?, 0)").join(", ")} ` +
      `ON CONFLICT ("shop", "customerId") DO UPDATE SET "generation" = "SegmentRefreshPending"."generation" + 1`;
    await tx.$executeRawUnsafe(dialect === "postgres" ? toPgPlaceholders(sql) : sql, ...chunk.flatMap((id) => [shop, id]));
  }
}

/** The next listed customers after `afterId`, by id (WHOLE_STORE comes first). */
export async function nextPending(db: Db, shop: string, afterId: number, take = PENDING_CHUNK): Promise<PendingCustomer[]> {
  return db.segmentRefreshPending.findMany({
    where: { shop, customerId: { gt: afterId } },
    orderBy: { customerId: "asc" },
    take,
    select: { customerId: true, generation: true },
  });
}

/** Unlists customers whose re-evaluation has committed, unless they were touched since (a newer generation). */
export async function clearPending(db: Db, shop: string, done: readonly PendingCustomer[]): Promise<void> {
  const byGeneration = new Map<number, number[]>();
  for (const p of done) {
    const ids = byGeneration.get(p.generation);
    if (ids) ids.push(p.customerId);
    else byGeneration.set(p.generation, [p.customerId]);
  }
  for (const [generation, ids] of byGeneration) {
    // Prisma binds an `in` list one parameter per id, within SQLite's limit only in chunks.
    for (let i = 0; i < ids.length; i += PENDING_CHUNK) {
      await db.segmentRefreshPending.deleteMany({ where: { shop, generation, customerId: { in: ids.slice(i, i + PENDING_CHUNK) } } });
    }
  }
}

export async function pendingCount(db: Db, shop: string): Promise<number> {
  return db.segmentRefreshPending.count({ where: { shop } });
}
