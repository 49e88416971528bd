// PURE: what a customer bought, per product: total quantity, number of orders, first and last
// order date. Same rules as the import's set-based SQL (app/shopify/sync/facts.server.ts):
// every order of the customer that is not deleted counts, and lines of products Flock does
// not know (no Product row) are left out until the product arrives.

export interface PurchaseLine {
  productId: number;
  orderId: number;
  quantity: number;
  processedAt: Date;
}

export interface ProductPurchase {
  productId: number;
  quantity: number;
  orderCount: number;
  firstAt: Date;
  lastAt: Date;
}

export function computeProductPurchases(lines: readonly PurchaseLine[]): ProductPurchase[] {
  const byProduct = new Map<number, { quantity: number; orders: Set<number>; first: number; last: number }>();
  for (const line of lines) {
    const t = line.processedAt.getTime();
    const entry = byProduct.get(line.productId);
    if (!entry) {
      byProduct.set(line.productId, { quantity: line.quantity, orders: new Set([line.orderId]), first: t, last: t });
      continue;
    }
    entry.quantity += line.quantity;
    entry.orders.add(line.orderId);
    entry.first = Math.min(entry.first, t);
    entry.last = Math.max(entry.last, t);
  }
  return [...byProduct.entries()]
    .sort(([a], [b]) => a - b)
    .map(([productId, e]) => ({ productId, quantity: e.quantity, orderCount: e.orders.size, firstAt: new Date(e.first), lastAt: new Date(e.last) }));
}
