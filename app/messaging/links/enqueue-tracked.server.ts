/**
 * Outbox rows with tracked links: each message's http(s) links become `<appUrl>/l/<code>` (one
 * code per recipient and link, see rewrite.ts) and the ShortLink rows that redirect them are
 * written in the same transaction as the outbox rows, so a message is never queued with a link
 * that does not resolve, and a link never exists for a message that was not queued.
 *
 * A row whose idempotency key is already in the outbox is left alone and gets no new links.
 * Codes are HMACs of (shop, key, link index), so an enqueue retried after a crash, or racing
 * another one for the same key, makes the same codes, and `ON CONFLICT DO NOTHING` keeps the
 * first.
 *
 * Each call is one write transaction, however many rows (a campaign start passes its whole
 * audience; rows are written 5,000 per statement).
 */
import type { Db } from "~/db/db.server";
import type { JobQueue } from "~/jobs/queue";
import { dbDialect } from "~/db/dialect.server";
import { sqliteParam, toPgPlaceholders } from "~/db/sql-runner.server";
import { wakeDispatcher } from "../dispatch/dispatch-job.server";
import { jsonItem, jsonRowsSource } from "../outbox/json-rows.server";
import { enqueueOutboxMessages, type NewOutboxMessage } from "../outbox/outbox-store.server";
import { linkCode, shortLinkKey } from "./code";
import { rewriteEmail, rewriteText, utmCampaign, type LinkChannel, type TrackedLink } from "./rewrite";

export interface TrackedLinkOptions {
  /** The app's public URL (SHOPIFY_APP_URL): where the short links point. */
  appUrl: string;
  /** The deployment secret (FLOCK_ENCRYPTION_KEY, decoded); codes use a key derived from it. */
  key: Buffer;
}

interface PendingLinks {
  row: NewOutboxMessage;
  links: TrackedLink[];
}

const LINK_COLUMNS = ["code", "shop", "url", "outboxMessageId", "customerId", "campaignId", "automationRunId", "channel"] as const;
// Keys or links per statement, bound as one JSON parameter (outbox/json-rows.server.ts).
const PER_STATEMENT = 5_000;

const rowKey = (shop: string, key: string) => `${shop}\n${key}`;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

function groupByShop(rows: readonly NewOutboxMessage[]): Map<string, string[]> {
  const byShop = new Map<string, string[]>();
  for (const row of rows) {
    const keys = byShop.get(row.shop);
    if (keys) keys.push(row.idempotencyKey);
    else byShop.set(row.shop, [row.idempotencyKey]);
  }
  return byShop;
}

/** The outbox ids of those of `rows` whose key is in the outbox, by `shop\nkey`. */
async function outboxIdsOf(db: Db, rows: readonly NewOutboxMessage[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const dialect = dbDialect(db);
  let sql = `SELECT o."id", o."idempotencyKey" FROM ${jsonRowsSource(dialect)} CROSS JOIN "OutboxMessage" AS o
    WHERE o."shop" = ? AND o."idempotencyKey" = ${jsonItem(dialect)}`;
  if (dialect === "postgres") sql = toPgPlaceholders(sql);
  for (const [shop, keys] of groupByShop(rows)) {
    for (const chunk of chunks(keys, PER_STATEMENT)) {
      const existing = await db.$queryRawUnsafe<{ id: string; idempotencyKey: string }[]>(sql, JSON.stringify(chunk), shop);
      for (const e of existing) found.set(rowKey(shop, e.idempotencyKey), e.id);
    }
  }
  return found;
}

/** The row with its body's links shortened, and those links. */
export function trackRow(row: NewOutboxMessage, options: TrackedLinkOptions, linkKey = shortLinkKey(options.key)): PendingLinks {
  const channel: LinkChannel = row.channel === "SMS" ? "sms" : "email";
  const context = {
    appUrl: options.appUrl,
    channel,
    campaign: utmCampaign(row.campaignId, row.idempotencyKey),
    codeFor: (index: number) => linkCode(linkKey, row.shop, row.idempotencyKey, index),
  };
  // The outbox carries one body per message; an email's is its plain-text part.
  const rewritten = channel === "sms" ? rewriteText(row.body, context) : rewriteEmail({ text: row.body }, context);
  return { row: { ...row, body: rewritten.text }, links: rewritten.links };
}

async function insertShortLinks(db: Db, withLinks: readonly PendingLinks[], now: Date): Promise<void> {
  if (withLinks.length === 0) return;
  const ids = await outboxIdsOf(
    db,
    withLinks.map((p) => p.row),
  );
  const values: unknown[][] = [];
  for (const { row, links } of withLinks) {
    const outboxMessageId = ids.get(rowKey(row.shop, row.idempotencyKey)) ?? null;
    for (const link of links)
      values.push([
        link.code,
        row.shop,
        link.destination,
        outboxMessageId,
        row.customerId ?? null,
        row.campaignId ?? null,
        row.automationRunId ?? null,
        row.channel,
      ]);
  }
  const dialect = dbDialect(db);
  const field = (column: (typeof LINK_COLUMNS)[number], index: number) => {
    if (dialect === "sqlite") return `j.value ->> ${index}`;
    if (column === "channel") return `CAST((j.value ->> ${index}) AS "Channel")`;
    if (column === "customerId") return `CAST((j.value ->> ${index}) AS integer)`;
    return `(j.value ->> ${index})`;
  };
  // `WHERE true`: SQLite otherwise reads `ON CONFLICT` as a join's ON (https://sqlite.org/lang_upsert.html).
  let sql = `INSERT INTO "ShortLink" (${LINK_COLUMNS.map((c) => `"${c}"`).join(", ")}, "createdAt")
    SELECT ${LINK_COLUMNS.map(field).join(", ")}, ${dialect === "sqlite" ? "?" : "CAST(? AS timestamp(3))"} FROM ${jsonRowsSource(dialect)}
    WHERE true ON CONFLICT ("code") DO NOTHING`;
  if (dialect === "postgres") sql = toPgPlaceholders(sql);
  const createdAt = dialect === "sqlite" ? sqliteParam(now) : now.toISOString();
  for (const chunk of chunks(values, PER_STATEMENT)) await db.$executeRawUnsafe(sql, createdAt, JSON.stringify(chunk));
}

/**
 * `enqueueOutboxMessages` with tracked links: rewrites the new rows' bodies, writes them and
 * their ShortLink rows in one transaction. Returns how many outbox rows were new.
 *
 * Only rows that have links are looked up first (a key already in the outbox gets no new links);
 * a row without links needs no look-up, since the insert keeps an existing key's row anyway.
 */
export async function enqueueTrackedMessages(
  db: Db,
  rows: readonly NewOutboxMessage[],
  now: Date,
  options: TrackedLinkOptions,
): Promise<number> {
  if (rows.length === 0) return 0;
  const linkKey = shortLinkKey(options.key);
  return db.$transaction(
    async (tx) => {
      const client = tx as unknown as Db;
      const seen = new Set<string>();
      const pending: PendingLinks[] = [];
      for (const row of rows) {
        const key = rowKey(row.shop, row.idempotencyKey);
        if (seen.has(key)) continue;
        seen.add(key);
        pending.push(trackRow(row, options, linkKey));
      }
      const linked = pending.filter((p) => p.links.length > 0);
      const existing =
        linked.length === 0
          ? new Map<string, string>()
          : await outboxIdsOf(
              client,
              linked.map((p) => p.row),
            );
      const fresh =
        existing.size === 0
          ? pending
          : pending.filter((p) => p.links.length === 0 || !existing.has(rowKey(p.row.shop, p.row.idempotencyKey)));
      const inserted = await enqueueOutboxMessages(
        client,
        fresh.map((p) => p.row),
        now,
      );
      await insertShortLinks(
        client,
        existing.size === 0 ? linked : linked.filter((p) => !existing.has(rowKey(p.row.shop, p.row.idempotencyKey))),
        now,
      );
      return inserted;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/** `enqueueAndWake` with tracked links: writes the rows, then wakes each of their shops' dispatchers. */
export async function enqueueTrackedAndWake(
  db: Db,
  queue: Pick<JobQueue, "enqueue">,
  rows: readonly NewOutboxMessage[],
  now: Date,
  options: TrackedLinkOptions,
): Promise<number> {
  const inserted = await enqueueTrackedMessages(db, rows, now, options);
  for (const shop of new Set(rows.map((r) => r.shop))) await wakeDispatcher(queue, shop);
  return inserted;
}
