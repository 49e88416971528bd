// What every applier gets: a transaction-scoped client, the shop, the dialect and the event's
// own time. PURE types only.
import type { DbTx } from "~/db/db.server";
import type { Statement, SqlValue } from "~/db/sql-runner.server";
import type { Dialect } from "~/db/sql-runner.server";

export interface ApplyContext {
  tx: DbTx;
  shop: string;
  dialect: Dialect;
  /** When the job applies the event (deletions without a timestamp use the trigger time). */
  now: Date;
  /** X-Shopify-Triggered-At, else when Flock received the event. */
  triggeredAt: Date;
}

/** Customers whose facts must be refreshed after the event. */
export type Affected = Set<number>;

export type { Statement, SqlValue };
