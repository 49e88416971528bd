/**
 * A campaign's recipients, one page at a time: its outbox rows and its holdout, in customer id
 * order, keyed by the last id (never OFFSET, which reads every skipped row at 300k). Each
 * outbox status is read on its own by the index (campaignId, status, customerId), so a page of
 * a rare status costs as little as a page of all; the holdout by its (campaignId, customerId)
 * key. The sources are disjoint (a held-out customer gets no row) and merged by id. Clicks and
 * attributed orders are then read for the page's rows only. Customers counted at freeze as
 * having no address for the channel have no row and are not listed.
 */
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { storedKindsOf } from "~/messaging/event-kinds";
import {
  recipientCsvHeaderLine,
  recipientCsvLine,
  recipientStatusOf,
  recipientView,
  sourcesOf,
  type Recipient,
  type RecipientPageView,
  type RecipientQuery,
} from "./recipients";

export const RECIPIENT_PAGE_SIZE = 50;
// SQLite's driver adapter refuses statements with more than 999 bound parameters; a page stays well under.
export const RECIPIENT_EXPORT_PAGE_SIZE = 400;
const CLICKED = storedKindsOf("clicked");

interface Head {
  customerId: number;
  outbox: {
    id: string;
    recipient: string;
    status: string;
    skipReason: string | null;
    lastError: string | null;
    sentAt: Date | null;
  } | null;
}

/** `present`: the outbox statuses the campaign has rows in, when known (the CSV reads it once). */
async function heads(
  db: Db,
  shop: string,
  campaignId: string,
  query: RecipientQuery,
  take: number,
  present?: ReadonlySet<string>,
): Promise<Head[]> {
  const scoped = forShop(db, shop);
  const sources = sourcesOf(query.status);
  const outbox = present ? sources.outbox.filter((s) => present.has(s)) : sources.outbox;
  const { holdout } = sources;
  const after = { gt: query.after ?? 0 };
  const pages = await Promise.all([
    ...outbox.map(async (status) => {
      const rows = await scoped.outboxMessage.findMany({
        where: { campaignId, status, customerId: after },
        select: { id: true, customerId: true, recipient: true, status: true, skipReason: true, lastError: true, sentAt: true },
        orderBy: { customerId: "asc" },
        take,
      });
      return rows.map(({ customerId, ...row }) => ({ customerId: customerId ?? 0, outbox: row }));
    }),
    ...(holdout
      ? [
          scoped.campaignHoldout
            .findMany({ where: { campaignId, customerId: after }, select: { customerId: true }, orderBy: { customerId: "asc" }, take })
            .then((rows) => rows.map((r) => ({ customerId: r.customerId, outbox: null }))),
        ]
      : []),
  ]);
  return pages
    .flat()
    .sort((a, b) => a.customerId - b.customerId)
    .slice(0, take);
}

async function detailsOf(db: Db, shop: string, campaignId: string, channel: "SMS" | "EMAIL", page: readonly Head[]): Promise<Recipient[]> {
  const scoped = forShop(db, shop);
  const messageIds = page.flatMap((h) => (h.outbox ? [h.outbox.id] : []));
  const [customers, clicks, attributions] = await Promise.all([
    scoped.customer.findMany({
      where: { id: { in: page.map((h) => h.customerId) } },
      select: { id: true, gid: true, firstName: true, lastName: true, email: true, phone: true, redactedAt: true },
    }),
    messageIds.length === 0
      ? []
      : scoped.messageEvent.groupBy({
          by: ["outboxMessageId"],
          where: { outboxMessageId: { in: messageIds }, kind: { in: CLICKED } },
          _min: { at: true },
        }),
    messageIds.length === 0
      ? []
      : scoped.orderAttribution.findMany({
          where: { campaignId, outboxMessageId: { in: messageIds } },
          select: { outboxMessageId: true, orderId: true, revenue: true, currency: true },
          orderBy: { orderAt: "asc" },
        }),
  ]);
  const orders =
    attributions.length === 0
      ? []
      : await scoped.order.findMany({ where: { id: { in: attributions.map((a) => a.orderId) } }, select: { id: true, name: true } });
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const clickedAt = new Map(clicks.map((c) => [c.outboxMessageId, c._min.at]));
  const orderName = new Map(orders.map((o) => [o.id, o.name]));
  const orderOf = new Map<string, Recipient["order"]>();
  for (const a of attributions) {
    if (!orderOf.has(a.outboxMessageId))
      orderOf.set(a.outboxMessageId, { name: orderName.get(a.orderId) ?? `Order ${a.orderId}`, revenue: a.revenue, currency: a.currency });
  }
  return page.map((h) => {
    const c = customerById.get(h.customerId);
    const person = { gid: c?.gid ?? null, firstName: c?.firstName ?? null, lastName: c?.lastName ?? null };
    if (!h.outbox) {
      // Held out: sent nothing, so the address is the customer's own for the channel.
      const address = c && c.redactedAt === null ? (channel === "SMS" ? c.phone : c.email) : null;
      return { customerId: h.customerId, ...person, address, status: "held_out", reason: null, sentAt: null, clickedAt: null, order: null };
    }
    return {
      customerId: h.customerId,
      ...person,
      address: h.outbox.recipient,
      ...recipientStatusOf(h.outbox),
      sentAt: h.outbox.sentAt,
      clickedAt: clickedAt.get(h.outbox.id) ?? null,
      order: orderOf.get(h.outbox.id) ?? null,
    };
  });
}

/**
 * One page of the campaign's recipients matching the query, and whether more follow; null when
 * the campaign is not the shop's.
 */
export async function recipientsPage(
  db: Db,
  shop: string,
  campaignId: string,
  query: RecipientQuery,
  pageSize = RECIPIENT_PAGE_SIZE,
  present?: ReadonlySet<string>,
): Promise<{ rows: Recipient[]; more: boolean } | null> {
  const campaign = await forShop(db, shop).campaign.findFirst({ where: { id: campaignId }, select: { channel: true } });
  if (!campaign) return null;
  const found = await heads(db, shop, campaignId, query, pageSize + 1, present);
  const page = found.slice(0, pageSize);
  return { rows: await detailsOf(db, shop, campaignId, campaign.channel, page), more: found.length > pageSize };
}

/** The table's page: addresses masked, dates as ISO strings, and the next page's cursor. */
export async function recipientsTablePage(
  db: Db,
  shop: string,
  campaignId: string,
  query: RecipientQuery,
): Promise<RecipientPageView | null> {
  const page = await recipientsPage(db, shop, campaignId, query);
  if (!page) return null;
  const last = page.rows.at(-1);
  return { rows: page.rows.map(recipientView), next: page.more && last ? String(last.customerId) : null };
}

/** Statuses a row can still leave: while any row is in one, a later status may gain rows. */
const MOVING = new Set(["QUEUED", "SENDING", "SENT", "UNKNOWN"]);

/**
 * The statuses a finished campaign has rows in (a few of the nine, so the CSV skips reading the
 * others page after page), or undefined while rows may still move to a status not seen yet.
 */
async function settledStatuses(db: Db, shop: string, campaignId: string): Promise<ReadonlySet<string> | undefined> {
  const groups = await forShop(db, shop).outboxMessage.groupBy({ by: ["status"], where: { campaignId } });
  const present = new Set<string>(groups.map((g) => g.status));
  return [...present].some((s) => MOVING.has(s)) ? undefined : present;
}

/**
 * The campaign's name and its recipients as a CSV stream (header, then a chunk per page read on
 * demand), or null when the campaign is not the shop's.
 */
export async function exportRecipientsCsv(
  db: Db,
  shop: string,
  campaignId: string,
  pageSize = RECIPIENT_EXPORT_PAGE_SIZE,
): Promise<{ name: string; body: ReadableStream<Uint8Array> } | null> {
  const campaign = await forShop(db, shop).campaign.findFirst({ where: { id: campaignId }, select: { name: true } });
  if (!campaign) return null;
  const encoder = new TextEncoder();
  let after: number | undefined;
  let headerSent = false;
  let present: ReadonlySet<string> | undefined;
  let presentRead = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(recipientCsvHeaderLine()));
          return;
        }
        if (!presentRead) {
          presentRead = true;
          present = await settledStatuses(db, shop, campaignId);
        }
        const page = await recipientsPage(db, shop, campaignId, { status: "all", after }, pageSize, present);
        if (!page) return controller.close();
        if (page.rows.length > 0) controller.enqueue(encoder.encode(page.rows.map(recipientCsvLine).join("")));
        after = page.rows.at(-1)?.customerId ?? after;
        if (!page.more) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { name: campaign.name, body };
}
