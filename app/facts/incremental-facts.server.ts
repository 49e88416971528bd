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

/** Recomputes CustomerFacts and CustomerProductPurchase for these customers of the shop. */
export async function refreshCustomerFacts(tx: DbTx, shop: string, customerIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(customerIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  const max = await tx.customerFacts.aggregate({ where: { shop }, _max: { version: true } });
  const version = (max._max.version ?? 0n) + 1n;
  const customers = await tx.customer.findMany({ where: { shop, id: { in: ids } }, select: { id: true } });
  for (const { id } of customers) {
    const orders = await tx.order.findMany({
      where: { shop, customerId: id, deletedAt: null },
      select: { id: true, totalPrice: true, totalRefunded: true, processedAt: true, cancelledAt: true, test: true, lineItems: { select: { productGid: true, quantity: true } } },
    });
    const facts = computeCustomerFacts(orders.map((o) => ({ totalPrice: Number(o.totalPrice), totalRefunded: Number(o.totalRefunded), processedAt: o.processedAt, cancelledAt: o.cancelledAt, test: o.test })));
    const abandoned = await tx.abandonedCheckout.aggregate({ where: { shop, customerId: id, deletedAt: null }, _max: { shopifyCreatedAt: true } });
    const values = {
      amountSpent: BigInt(facts.amountSpent),
      orderCount: facts.orderCount,
      firstOrderAt: facts.firstOrderAt,
      lastOrderAt: facts.lastOrderAt,
      averageOrderValue: BigInt(facts.averageOrderValue),
      lastAbandonedAt: abandoned._max.shopifyCreatedAt,
      version,
    };
    await tx.customerFacts.upsert({ where: { customerId: id }, create: { customerId: id, shop, ...values }, update: values });

    const gids = [...new Set(orders.flatMap((o) => o.lineItems.map((l) => l.productGid)).filter((g): g is string => g !== null))];
    const products = gids.length ? await tx.product.findMany({ where: { shop, gid: { in: gids } }, select: { id: true, gid: true } }) : [];
    const productIds = new Map(products.map((p) => [p.gid, p.id]));
    const lines: PurchaseLine[] = orders.filter((o) => !o.test).flatMap((o) =>
      o.lineItems.flatMap((l) => {
        const productId = l.productGid === null ? undefined : productIds.get(l.productGid);
        return productId === undefined ? [] : [{ productId, orderId: o.id, quantity: l.quantity, processedAt: o.processedAt }];
      }),
    );
    await tx.customerProductPurchase.deleteMany({ where: { shop, customerId: id } });
    const purchases = computeProductPurchases(lines);
    if (purchases.length) await tx.customerProductPurchase.createMany({ data: purchases.map((p) => ({ shop, customerId: id, ...p })) });
  }
}
