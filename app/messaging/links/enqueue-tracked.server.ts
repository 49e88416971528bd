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
 * Callers pass batches of at most a few thousand rows: each call is one write transaction.
 */
import type { Db } from "~/db.server";
import type { JobQueue } from "~/jobs/queue";
import { dbDialect } from "~/shopify/webhooks/dialect.server";
import { sqliteParam, toPgPlaceholders, type SqlValue } from "~/shopify/sync/sql-runner.server";
import { wakeDispatcher } from "../dispatch/dispatch-job.server";
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

const LINK_COLUMNS = ["code", "shop", "url", "outboxMessageId", "customerId", "campaignId", "automationRunId", "channel", "createdAt"] as const;
const MAX_PARAMS = 990;
const KEYS_PER_QUERY = 500;

const rowKey = (shop: string, key: string) => `${shop}\n${key}`;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** The keys among `rows` that are in the outbox already, as `shop\nkey`. */
async function existingKeys(db: Db, rows: readonly NewOutboxMessage[]): Promise<Set<string>> {
  const found = new Set<string>();
  const byShop = new Map<string, string[]>();
  for (const row of rows) byShop.set(row.shop, [...(byShop.get(row.shop) ?? []), row.idempotencyKey]);
  for (const [shop, keys] of byShop) {
    for (const chunk of chunks(keys, KEYS_PER_QUERY)) {
      const existing = await db.outboxMessage.findMany({ where: { shop, idempotencyKey: { in: chunk } }, select: { idempotencyKey: true } });
      for (const e of existing) found.add(rowKey(shop, e.idempotencyKey));
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

async function insertShortLinks(db: Db, pending: readonly PendingLinks[], now: Date): Promise<void> {
  const withLinks = pending.filter((p) => p.links.length > 0);
  if (withLinks.length === 0) return;
  const ids = new Map<string, string>();
  const byShop = new Map<string, string[]>();
  for (const { row } of withLinks) byShop.set(row.shop, [...(byShop.get(row.shop) ?? []), row.idempotencyKey]);
  for (const [shop, keys] of byShop) {
    for (const chunk of chunks(keys, KEYS_PER_QUERY)) {
      const rows = await db.outboxMessage.findMany({ where: { shop, idempotencyKey: { in: chunk } }, select: { id: true, idempotencyKey: true } });
      for (const r of rows) ids.set(rowKey(shop, r.idempotencyKey), r.id);
    }
  }
  const values: SqlValue[][] = [];
  for (const { row, links } of withLinks) {
    const outboxMessageId = ids.get(rowKey(row.shop, row.idempotencyKey)) ?? null;
    for (const link of links) {
      values.push([link.code, row.shop, link.destination, outboxMessageId, row.customerId ?? null, row.campaignId ?? null, row.automationRunId ?? null, row.channel, now]);
    }
  }
  const dialect = dbDialect(db);
  const cast = (column: (typeof LINK_COLUMNS)[number]) => {
    if (dialect === "sqlite") return "?";
    if (column === "channel") return `CAST(? AS "Channel")`;
    if (column === "createdAt") return "CAST(? AS timestamp(3))";
    if (column === "customerId") return "CAST(? AS integer)";
    return "?";
  };
  const param = (value: SqlValue) => (dialect === "sqlite" ? sqliteParam(value) : value instanceof Date ? value.toISOString() : value);
  const tuple = `(${LINK_COLUMNS.map(cast).join(", ")})`;
  const head = `INSERT INTO "ShortLink" (${LINK_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES `;
  for (const chunk of chunks(values, Math.floor(MAX_PARAMS / LINK_COLUMNS.length))) {
    let sql = `${head}${chunk.map(() => tuple).join(", ")} ON CONFLICT ("code") DO NOTHING`;
    if (dialect === "postgres") sql = toPgPlaceholders(sql);
    await db.$executeRawUnsafe(sql, ...chunk.flat().map(param));
  }
}

/**
 * `enqueueOutboxMessages` with tracked links: rewrites the new rows' bodies, writes them and
 * their ShortLink rows in one transaction. Returns how many outbox rows were new.
 */
export async function enqueueTrackedMessages(db: Db, rows: readonly NewOutboxMessage[], now: Date, options: TrackedLinkOptions): Promise<number> {
  if (rows.length === 0) return 0;
  const linkKey = shortLinkKey(options.key);
  return db.$transaction(
    async (tx) => {
      const client = tx as unknown as Db;
      const existing = await existingKeys(client, rows);
      const seen = new Set<string>();
      const pending: PendingLinks[] = [];
      for (const row of rows) {
        const key = rowKey(row.shop, row.idempotencyKey);
        if (existing.has(key) || seen.has(key)) continue;
        seen.add(key);
        pending.push(trackRow(row, options, linkKey));
      }
      const inserted = await enqueueOutboxMessages(client, pending.map((p) => p.row), now);
      await insertShortLinks(client, pending, now);
      return inserted;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/** `enqueueAndWake` with tracked links: writes the rows, then wakes each of their shops' dispatchers. */
export async function enqueueTrackedAndWake(db: Db, queue: Pick<JobQueue, "enqueue">, rows: readonly NewOutboxMessage[], now: Date, options: TrackedLinkOptions): Promise<number> {
  const inserted = await enqueueTrackedMessages(db, rows, now, options);
  for (const shop of new Set(rows.map((r) => r.shop))) await wakeDispatcher(queue, shop);
  return inserted;
}
