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
import { jsonItem, jsonRowsSource } from "~/db/json-rows.server";
import { insertOutboxRows, type NewOutboxMessage } from "../outbox/outbox-store.server";
import { groupByShared } from "../outbox/shared-columns";
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

/** Each link's own columns, in its JSON tuple; the rest are the message's and bound once per statement. */
const LINK_COLUMNS = ["code", "url", "outboxMessageId", "customerId"] as const;
const SHARED_LINK_COLUMNS = ["shop", "campaignId", "automationRunId", "channel"] as const;
// Keys or messages (their links) per statement, bound as one JSON parameter (app/db/json-rows.server.ts).
const PER_STATEMENT = 5_000;
/** A body without this has no link to shorten (find-links.ts's TEXT_URL needs it): no rewrite needed. */
const MAY_HAVE_LINK = /https?:\/\//i;

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

/**
 * Writes the links of messages written under `outboxIds` (same order as `written`). A link's
 * destination is the same for every recipient of a campaign: each statement binds the distinct
 * destinations once as a JSON list and each link carries its place in it (a campaign's million
 * links carried ~80 MB of repeated URLs through Prisma's parameter handling otherwise).
 */
async function insertShortLinks(db: Db, written: readonly PendingLinks[], outboxIds: readonly string[], now: Date): Promise<void> {
  if (written.length === 0) return;
  const dialect = dbDialect(db);
  const field = (column: (typeof LINK_COLUMNS)[number], index: number) => {
    if (dialect === "sqlite") return column === "url" ? `? ->> (j.value ->> ${index})` : `j.value ->> ${index}`;
    if (column === "url") return `(CAST(? AS jsonb) ->> CAST((j.value ->> ${index}) AS integer))`;
    if (column === "customerId") return `CAST((j.value ->> ${index}) AS integer)`;
    return `(j.value ->> ${index})`;
  };
  const shared = (column: (typeof SHARED_LINK_COLUMNS)[number]) =>
    dialect === "postgres" && column === "channel" ? `CAST(? AS "Channel")` : "?";
  // `WHERE true`: SQLite otherwise reads `ON CONFLICT` as a join's ON (https://sqlite.org/lang_upsert.html).
  let sql = `INSERT INTO "ShortLink" (${[...LINK_COLUMNS, ...SHARED_LINK_COLUMNS].map((c) => `"${c}"`).join(", ")}, "createdAt")
    SELECT ${LINK_COLUMNS.map(field).join(", ")}, ${SHARED_LINK_COLUMNS.map(shared).join(", ")}, ${dialect === "sqlite" ? "?" : "CAST(? AS timestamp(3))"}
    FROM ${jsonRowsSource(dialect)} WHERE true ON CONFLICT ("code") DO NOTHING`;
  if (dialect === "postgres") sql = toPgPlaceholders(sql);
  const createdAt = dialect === "sqlite" ? sqliteParam(now) : now.toISOString();
  const groups = groupByShared(written, ({ row }) => [row.shop, row.campaignId ?? null, row.automationRunId ?? null, row.channel]);
  for (const { values, indexes } of groups) {
    for (const chunk of chunks(indexes, PER_STATEMENT)) {
      const urls = new Map<string, number>();
      const tuples: unknown[][] = [];
      for (const i of chunk) {
        const { row, links } = written[i] as PendingLinks;
        for (const link of links) {
          let at = urls.get(link.destination);
          if (at === undefined) {
            at = urls.size;
            urls.set(link.destination, at);
          }
          tuples.push([link.code, at, outboxIds[i], row.customerId ?? null]);
        }
      }
      await db.$executeRawUnsafe(sql, JSON.stringify([...urls.keys()]), ...values, createdAt, JSON.stringify(tuples));
    }
  }
}

/**
 * `enqueueOutboxMessages` with tracked links: rewrites the rows' bodies, writes them and the new
 * ones' ShortLink rows in one transaction. Returns how many outbox rows were new.
 *
 * Nothing is read before writing: the rows are written under fresh ids, and only when some were
 * dropped (their key was already in the outbox, or repeated in the batch) are the linked rows' keys
 * looked up, to give links only to rows stored under the id this call wrote. A body without
 * "http(s)://" is not rewritten at all.
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
      const toWrite: NewOutboxMessage[] = [];
      /** Rows with links, and where each is in `toWrite`. */
      const linked: PendingLinks[] = [];
      const linkedAt: number[] = [];
      for (const row of rows) {
        if (!MAY_HAVE_LINK.test(row.body)) {
          toWrite.push(row);
          continue;
        }
        const key = rowKey(row.shop, row.idempotencyKey);
        if (seen.has(key)) continue;
        seen.add(key);
        const pending = trackRow(row, options, linkKey);
        if (pending.links.length > 0) {
          linked.push(pending);
          linkedAt.push(toWrite.length);
        }
        toWrite.push(pending.row);
      }
      const { inserted, ids } = await insertOutboxRows(client, toWrite, now);
      const ourIds = linkedAt.map((at) => ids[at] as string);
      if (inserted === toWrite.length) {
        await insertShortLinks(client, linked, ourIds, now);
        return inserted;
      }
      const stored = await outboxIdsOf(
        client,
        linked.map((p) => p.row),
      );
      const fresh = linked.flatMap((p, i) => (stored.get(rowKey(p.row.shop, p.row.idempotencyKey)) === ourIds[i] ? [i] : []));
      await insertShortLinks(
        client,
        fresh.map((i) => linked[i] as PendingLinks),
        fresh.map((i) => ourIds[i] as string),
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
