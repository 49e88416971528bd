/**
 * What the rules need to decide one batch, read fresh for that batch: a STOP or an unsubscribe
 * that landed after the audience was frozen (or a second ago) must stop the message. Each
 * customer's current marketing state, the shop's pause, the suppression list (hashed, see
 * app/privacy/suppression-hash.ts) and the last 7 days of marketing rows on both channels.
 */
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { toPgPlaceholders } from "~/db/sql-runner.server";
import { suppressionHash } from "~/privacy/suppression-hash";
import type { ClaimedMessage } from "../outbox/outbox-store.server";
import { sentHistory } from "../outbox/dispatch-store.server";
import { jsonField, jsonItem, jsonRowsSource } from "~/db/json-rows.server";
import { normaliseAddress, type MarketingState } from "../rules/consent";
import type { SentMessage } from "../rules/frequency-cap";
import { messageKindOf } from "./policy";

const WEEK_MS = 7 * 24 * 3_600_000;

export interface CustomerConsent {
  sms: MarketingState;
  email: MarketingState;
  phone: string | null;
  country: string | null;
  province: string | null;
}

export interface BatchContext {
  shopPaused: boolean;
  shopTimeZone: string;
  customers: Map<number, CustomerConsent>;
  /** Normalised addresses of this batch that are on the suppression list. */
  suppressed: Set<string>;
  /** Per customer; the dispatcher appends what it sends in the batch so the cap holds within it. */
  history: Map<number, SentMessage[]>;
}

const toState = (state: string) => state.toLowerCase() as MarketingState;

export async function loadBatchContext(
  db: Db,
  key: Buffer,
  shop: string,
  rows: readonly ClaimedMessage[],
  now: Date,
): Promise<BatchContext> {
  const customerIds = [...new Set(rows.flatMap((r) => (r.customerId === null ? [] : [r.customerId])))];
  // hash → normalised address, and the [channel, hash] pairs to look up
  const hashes = new Map<string, string>();
  const lookups: [string, string][] = [];
  for (const row of rows) {
    const hash = suppressionHash(key, shop, row.channel, row.recipient);
    if (hashes.has(hash)) continue;
    hashes.set(hash, normaliseAddress(row.channel === "SMS" ? "sms" : "email", row.recipient));
    lookups.push([row.channel, hash]);
  }
  const [shopRow, customers, suppressed, history] = await Promise.all([
    readShop(db, shop),
    readCustomers(db, shop, customerIds),
    readSuppressed(db, shop, lookups),
    sentHistory(db, shop, customerIds, new Date(now.getTime() - WEEK_MS)),
  ]);
  const byCustomer = new Map<number, SentMessage[]>();
  for (const sent of history) {
    let list = byCustomer.get(sent.customerId);
    if (!list) byCustomer.set(sent.customerId, (list = []));
    list.push({ at: sent.sentAt.getTime(), channel: sent.channel === "SMS" ? "sms" : "email", kind: messageKindOf(sent.idempotencyKey) });
  }
  return {
    // A shop Flock does not know (uninstalled and erased) sends nothing.
    shopPaused: shopRow ? Boolean(shopRow.sendingPaused) : true,
    shopTimeZone: shopRow?.ianaTimezone ?? "UTC",
    customers: new Map(
      customers.map((c) => [
        Number(c.id),
        {
          sms: toState(c.smsMarketingState),
          email: toState(c.emailMarketingState),
          phone: c.phone,
          country: c.countryCode,
          province: c.provinceCode,
        },
      ]),
    ),
    suppressed: new Set(
      suppressed.flatMap((hash) => {
        const address = hashes.get(hash);
        return address === undefined ? [] : [address];
      }),
    ),
    history: byCustomer,
  };
}

// Raw reads of only the columns the rules need, each list bound as one JSON parameter
// (app/db/json-rows.server.ts): Prisma's model API compiled and bound a 500-id IN list per query.

function sql(db: Db, text: string): string {
  return dbDialect(db) === "postgres" ? toPgPlaceholders(text) : text;
}

async function readShop(db: Db, shop: string): Promise<{ sendingPaused: boolean | number; ianaTimezone: string } | undefined> {
  const rows = await db.$queryRawUnsafe<{ sendingPaused: boolean | number; ianaTimezone: string }[]>(
    sql(db, `SELECT "sendingPaused", "ianaTimezone" FROM "Shop" WHERE "shop" = ?`),
    shop,
  );
  return rows[0];
}

interface CustomerRow {
  id: number | bigint;
  smsMarketingState: string;
  emailMarketingState: string;
  phone: string | null;
  countryCode: string | null;
  provinceCode: string | null;
}

async function readCustomers(db: Db, shop: string, ids: readonly number[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  const dialect = dbDialect(db);
  return db.$queryRawUnsafe<CustomerRow[]>(
    sql(
      db,
      `SELECT c."id", c."smsMarketingState", c."emailMarketingState", c."phone", c."countryCode", c."provinceCode"
      FROM ${jsonRowsSource(dialect)} CROSS JOIN "Customer" AS c WHERE c."id" = ${jsonItem(dialect, "integer")} AND c."shop" = ?`,
    ),
    JSON.stringify(ids),
    shop,
  );
}

/** The hashes of `lookups` ([channel, hash]) on the shop's suppression list. */
async function readSuppressed(db: Db, shop: string, lookups: readonly [string, string][]): Promise<string[]> {
  if (lookups.length === 0) return [];
  const dialect = dbDialect(db);
  const channel = dialect === "sqlite" ? jsonField(dialect, 0) : `CAST(${jsonField(dialect, 0)} AS "Channel")`;
  const rows = await db.$queryRawUnsafe<{ addressHash: string }[]>(
    sql(
      db,
      `SELECT s."addressHash" FROM ${jsonRowsSource(dialect)} CROSS JOIN "Suppression" AS s
      WHERE s."shop" = ? AND s."channel" = ${channel} AND s."addressHash" = ${jsonField(dialect, 1)}`,
    ),
    JSON.stringify(lookups),
    shop,
  );
  return rows.map((r) => r.addressHash);
}
