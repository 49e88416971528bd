// customers/data_request: a JSON export of everything Flock holds about one customer, stored
// as a DataRequest the merchant downloads from the app (app/routes/app.data-requests.$id.tsx)
// and passes on. https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#customers-data_request
import type { Db, DbTx } from "~/db/db.server";
import { computeProductPurchases, purchaseLines } from "~/facts/purchases";
import { forShop } from "~/db/shop-scope.server";
import { obj, type Json } from "~/shopify/mappers/fields";
import { toGid } from "~/shopify/mappers/gid";
import type { StoredDataRequest } from "./data-request-list";

/** JSON.stringify replacer: BigInt money as a decimal string of minor units. */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** Everything Flock holds about the customer, as a plain object. */
export async function exportCustomerData(db: DbTx | Db, shop: string, customerGid: string): Promise<Record<string, unknown>> {
  // Explicit `shop` filters: a transaction client cannot be wrapped by forShop.
  const customer = await db.customer.findUnique({ where: { shop_gid: { shop, gid: customerGid } } });
  const id = customer?.id ?? -1;
  const facts = await db.customerFacts.findFirst({ where: { shop, customerId: id } });
  const orders = await db.order.findMany({
    where: { shop, OR: [{ customerId: id }, { customerGid }] },
    include: { lineItems: true },
    orderBy: { processedAt: "asc" },
  });
  // What they bought per product, derived from the line items of their own orders (no stored summary).
  const productPurchases = computeProductPurchases(purchaseLines(orders));
  const abandonedCheckouts = await db.abandonedCheckout.findMany({
    where: { shop, OR: [{ customerId: id }, { customerGid }] },
    orderBy: { shopifyCreatedAt: "asc" },
  });
  const messages = await db.outboxMessage.findMany({ where: { shop, customerId: id }, orderBy: { createdAt: "asc" } });
  const messageEvents = await db.messageEvent.findMany({ where: { shop, customerId: id }, orderBy: { at: "asc" } });
  const segmentMemberships = await db.segmentMembership.findMany({
    where: { shop, customerId: id },
    select: { enteredAt: true, segment: { select: { id: true, name: true } } },
  });
  // Storefront sign-ups (by their phone or their email): where and when they consented, with the
  // wording they were shown, and when and from where they confirmed an email.
  const signups = await db.optInRequest.findMany({
    where: { shop, OR: [{ customerId: id }, { emailCustomerId: id }] },
    orderBy: { createdAt: "asc" },
  });
  const attributedOrders = await db.orderAttribution.findMany({ where: { shop, customerId: id }, orderBy: { orderAt: "asc" } });
  return {
    shop,
    customerGid,
    customer,
    facts,
    productPurchases,
    orders,
    abandonedCheckouts,
    messages,
    messageEvents,
    segmentMemberships,
    signups,
    attributedOrders,
  };
}

/** Builds and stores the export; the DataRequest id is derived from Shopify's request id, so a redelivery overwrites. */
export async function recordDataRequest(tx: DbTx, shop: string, payload: Json, now: Date): Promise<string> {
  const customerId = obj(payload.customer)?.id;
  if (typeof customerId !== "string" && typeof customerId !== "number")
    throw new Error("customers/data_request payload without customer.id");
  const customerGid = toGid("Customer", customerId);
  const requestId = obj(payload.data_request)?.id;
  const id = `${shop}:${typeof requestId === "string" || typeof requestId === "number" ? String(requestId) : customerGid}`;
  const exportJson = JSON.stringify({ requestedAt: now.toISOString(), ...(await exportCustomerData(tx, shop, customerGid)) }, jsonValue, 2);
  await tx.dataRequest.upsert({
    where: { id },
    create: { id, shop, customerGid, requestedAt: now, exportJson, completedAt: now },
    update: { exportJson, completedAt: now },
  });
  return id;
}

/** The export for the merchant's download, or null when it is not this shop's. */
export async function findDataRequestExport(db: Db, shop: string, id: string): Promise<string | null> {
  const row = await forShop(db, shop).dataRequest.findUnique({ where: { id }, select: { exportJson: true } });
  return row?.exportJson ?? null;
}

/** The shop's latest data requests (newest first) with the customer as Flock holds them now. */
export async function listDataRequests(db: Db, shop: string, limit = 50): Promise<StoredDataRequest[]> {
  const scoped = forShop(db, shop);
  const rows = await scoped.dataRequest.findMany({
    orderBy: { requestedAt: "desc" },
    take: limit,
    select: { id: true, customerGid: true, requestedAt: true, completedAt: true },
  });
  const customers = await scoped.customer.findMany({
    where: { gid: { in: [...new Set(rows.map((r) => r.customerGid))] }, redactedAt: null },
    select: { gid: true, firstName: true, lastName: true, email: true },
  });
  const byGid = new Map(customers.map((c) => [c.gid, c]));
  return rows.map((r) => {
    const c = byGid.get(r.customerGid);
    return { ...r, customer: c ? { firstName: c.firstName, lastName: c.lastName, email: c.email } : null };
  });
}
