// A shop's synced state as plain, comparable data: keyed by Shopify ids, not by database ids,
// so two shops fed the same events in different orders compare equal.
import type { Db } from "~/db/db.server";
import type { Dialect } from "~/db/sql-runner.server";
import { createInboxWriter, prismaInboxCommit } from "../inbox.server";
import type { HistoryEvent } from "./history";

const t = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function storeSnapshot(db: Db, shop: string) {
  const customers = await db.customer.findMany({ where: { shop }, orderBy: { gid: "asc" } });
  const orders = await db.order.findMany({
    where: { shop },
    orderBy: { gid: "asc" },
    include: { customer: { select: { gid: true } }, lineItems: { orderBy: { gid: "asc" } } },
  });
  const products = await db.product.findMany({ where: { shop }, orderBy: { gid: "asc" } });
  const checkouts = await db.abandonedCheckout.findMany({
    where: { shop },
    orderBy: { token: "asc" },
    include: { customer: { select: { gid: true } } },
  });
  return {
    customers: customers.map((c) => ({
      gid: c.gid,
      email: c.email,
      firstName: c.firstName,
      city: c.city,
      countryCode: c.countryCode,
      emailState: c.emailMarketingState,
      emailOptIn: c.emailMarketingOptIn,
      emailConsentAt: t(c.emailConsentUpdatedAt),
      createdAt: t(c.shopifyCreatedAt),
      updatedAt: t(c.shopifyUpdatedAt),
      deletedAt: t(c.deletedAt),
    })),
    orders: orders.map((o) => ({
      gid: o.gid,
      name: o.name,
      customerGid: o.customerGid,
      customer: o.customer?.gid ?? null,
      total: String(o.totalPrice),
      refunded: String(o.totalRefunded),
      cancelledAt: t(o.cancelledAt),
      processedAt: t(o.processedAt),
      updatedAt: t(o.shopifyUpdatedAt),
      deletedAt: t(o.deletedAt),
      lines: o.lineItems.map((l) => ({ gid: l.gid, productGid: l.productGid, quantity: l.quantity, price: String(l.price) })),
    })),
    products: products.map((p) => ({ gid: p.gid, title: p.title, updatedAt: t(p.shopifyUpdatedAt), deletedAt: t(p.deletedAt) })),
    checkouts: checkouts.map((k) => ({
      token: k.token,
      customer: k.customer?.gid ?? null,
      total: String(k.totalPrice),
      completedAt: t(k.completedAt),
      updatedAt: t(k.shopifyUpdatedAt),
      deletedAt: t(k.deletedAt),
    })),
    facts: await factsSnapshot(db, shop),
  };
}

/** CustomerFacts by customer GID (version and updatedAt left out). */
export async function factsSnapshot(db: Db, shop: string) {
  const facts = await db.customerFacts.findMany({ where: { shop }, include: { customer: { select: { gid: true } } } });
  return {
    customers: facts
      .map((f) => ({
        customer: f.customer.gid,
        amountSpent: String(f.amountSpent),
        orderCount: f.orderCount,
        firstOrderAt: t(f.firstOrderAt),
        lastOrderAt: t(f.lastOrderAt),
        averageOrderValue: String(f.averageOrderValue),
        lastAbandonedAt: t(f.lastAbandonedAt),
      }))
      .sort((a, b) => a.customer.localeCompare(b.customer)),
  };
}

/** Stores events in the inbox as the receive path does (deduplicated by event id). */
export async function storeEvents(db: Db, dialect: Dialect, shop: string, events: readonly HistoryEvent[]): Promise<void> {
  const inbox = createInboxWriter(prismaInboxCommit(db, dialect));
  // Concurrent stores share group commits and keep their order in the inbox.
  await Promise.all(
    events.map((e) =>
      inbox.store({
        shop,
        topic: e.topic,
        eventId: `${shop}:${e.eventId}`,
        apiVersion: "2026-10",
        triggeredAt: e.at,
        payload: e.body,
        receivedAt: new Date(),
      }),
    ),
  );
}
