// Customer facts kept up to date as webhooks are applied: after each event, the facts of the
// customers it touched are recomputed from their own rows (orders, line items, checkouts) with
// the pure functions, and nothing else is read. A customer's facts are therefore always equal
// to what the import's shop-wide recompute (app/shopify/sync/facts.server.ts) would give; the
// property test in incremental-facts.integration.test.ts holds the two together under random,
// duplicated and reordered webhook sequences.
//
// How refunds and cancellations count, as Shopify's Customer.amountSpent / numberOfOrders do
// (https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Customer#field-amountSpent):
// - amount spent = Σ (total price − refunded) over orders that are not cancelled; a cancelled
//   order is refunded and adds nothing, a partial refund lowers its order's contribution;
// - number of orders counts every order placed, cancelled or refunded ones included;
// - average order value = amount spent / orders not cancelled (0 without such orders);
// - first / last order date: processedAt of the earliest / latest order, cancelled included;
// - test orders and deleted orders count nowhere.
// Consent, tags, location, language and email domain are columns of the Customer row itself,
// written by the customer appliers. The per-product purchase summary below (CustomerProductPurchase)
// is kept for other readers; the segment index reads each purchase (a product in an order, its
// time and units) straight from LineItem and Order, with the same rules, and is told to re-read a
// customer by the CustomerFacts version bumped here. Abandoned checkouts (date, value, recovered)
// are read from AbandonedCheckout by the segment index.
import type { DbTx } from "~/db.server";
import { computeCustomerFacts } from "./customer-facts";
import { computeProductPurchases, type PurchaseLine } from "./purchases";

/** Customers per round of queries: their ids stay far below SQLite's bound-parameter limit. */
const CHUNK = 500;

/**
 * Recomputes CustomerFacts and CustomerProductPurchase for these customers of the shop, a chunk
 * of customers per handful of queries (a batch of applied webhooks touches hundreds at once).
 */
export async function refreshCustomerFacts(tx: DbTx, shop: string, customerIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(customerIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  const max = await tx.customerFacts.aggregate({ where: { shop }, _max: { version: true } });
  const version = (max._max.version ?? 0n) + 1n;
  for (let i = 0; i < ids.length; i += CHUNK) await refreshChunk(tx, shop, ids.slice(i, i + CHUNK), version);
}

async function refreshChunk(tx: DbTx, shop: string, chunk: number[], version: bigint): Promise<void> {
  // Looked up by id alone and checked against the shop here: given `shop = ?` too, a planner
  // without statistics walks the shop's whole index instead of the id lookups.
  const customers = (await tx.customer.findMany({ where: { id: { in: chunk } }, select: { id: true, shop: true } })).filter((c) => c.shop === shop).map((c) => c.id);
  if (customers.length === 0) return;
  const orders = (await tx.order.findMany({
    where: { customerId: { in: customers }, deletedAt: null },
    select: { id: true, shop: true, customerId: true, totalPrice: true, totalRefunded: true, processedAt: true, cancelledAt: true, test: true, lineItems: { select: { productGid: true, quantity: true } } },
  })).filter((o) => o.shop === shop);
  const abandoned = await tx.abandonedCheckout.groupBy({ by: ["customerId"], where: { shop, customerId: { in: customers }, deletedAt: null }, _max: { shopifyCreatedAt: true } });
  const lastAbandoned = new Map(abandoned.map((a) => [a.customerId, a._max.shopifyCreatedAt]));
  const ordersOf = new Map<number, typeof orders>();
  for (const o of orders) if (o.customerId !== null) ordersOf.set(o.customerId, [...(ordersOf.get(o.customerId) ?? []), o]);
  const productIds = await productIdsByGid(tx, shop, orders.flatMap((o) => o.lineItems.map((l) => l.productGid)));

  const factRows = [];
  const purchaseRows = [];
  for (const id of customers) {
    const own = ordersOf.get(id) ?? [];
    const facts = computeCustomerFacts(own.map((o) => ({ totalPrice: Number(o.totalPrice), totalRefunded: Number(o.totalRefunded), processedAt: o.processedAt, cancelledAt: o.cancelledAt, test: o.test })));
    factRows.push({
      customerId: id,
      shop,
      amountSpent: BigInt(facts.amountSpent),
      orderCount: facts.orderCount,
      firstOrderAt: facts.firstOrderAt,
      lastOrderAt: facts.lastOrderAt,
      averageOrderValue: BigInt(facts.averageOrderValue),
      lastAbandonedAt: lastAbandoned.get(id) ?? null,
      version,
    });
    const lines: PurchaseLine[] = own.filter((o) => !o.test).flatMap((o) =>
      o.lineItems.flatMap((l) => {
        const productId = l.productGid === null ? undefined : productIds.get(l.productGid);
        return productId === undefined ? [] : [{ productId, orderId: o.id, quantity: l.quantity, processedAt: o.processedAt }];
      }),
    );
    for (const p of computeProductPurchases(lines)) purchaseRows.push({ shop, customerId: id, ...p });
  }
  // Delete and insert rather than an upsert per customer: two statements per chunk, and the
  // shop lock held by the applier keeps anyone else from writing these rows meanwhile.
  await tx.customerFacts.deleteMany({ where: { customerId: { in: customers } } });
  await tx.customerFacts.createMany({ data: factRows });
  await tx.customerProductPurchase.deleteMany({ where: { customerId: { in: customers } } });
  for (let i = 0; i < purchaseRows.length; i += CHUNK) await tx.customerProductPurchase.createMany({ data: purchaseRows.slice(i, i + CHUNK) });
}

async function productIdsByGid(tx: DbTx, shop: string, gids: (string | null)[]): Promise<Map<string, number>> {
  const unique = [...new Set(gids.filter((g): g is string => g !== null))];
  const found = new Map<string, number>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    for (const p of await tx.product.findMany({ where: { shop, gid: { in: unique.slice(i, i + CHUNK) } }, select: { id: true, gid: true } })) found.set(p.gid, p.id);
  }
  return found;
}
