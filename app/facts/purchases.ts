// PURE: what a customer bought, per product: total quantity, number of orders, first and last
// order date. Nothing stores this summary (the segment index reads purchases straight from
// line items); the customers/data_request export derives it from the person's orders with the
// rules the segments use: test and deleted orders count nowhere, every other order counts.

export interface PurchaseLine {
  productGid: string;
  orderId: number;
  quantity: number;
  processedAt: Date;
}

export interface ProductPurchase {
  productGid: string;
  quantity: number;
  orderCount: number;
  firstAt: Date;
  lastAt: Date;
}

export interface PurchaseOrder {
  id: number;
  test: boolean;
  deletedAt: Date | null;
  processedAt: Date;
  lineItems: readonly { productGid: string | null; quantity: number }[];
}

/** The lines that count as purchases: products of orders that are neither test nor deleted. */
export function purchaseLines(orders: readonly PurchaseOrder[]): PurchaseLine[] {
  return orders
    .filter((o) => !o.test && o.deletedAt === null)
    .flatMap((o) =>
      o.lineItems.flatMap((li) =>
        li.productGid === null ? [] : [{ productGid: li.productGid, orderId: o.id, quantity: li.quantity, processedAt: o.processedAt }],
      ),
    );
}

export function computeProductPurchases(lines: readonly PurchaseLine[]): ProductPurchase[] {
  const byProduct = new Map<string, { quantity: number; orders: Set<number>; first: number; last: number }>();
  for (const line of lines) {
    const t = line.processedAt.getTime();
    const entry = byProduct.get(line.productGid);
    if (!entry) {
      byProduct.set(line.productGid, { quantity: line.quantity, orders: new Set([line.orderId]), first: t, last: t });
      continue;
    }
    entry.quantity += line.quantity;
    entry.orders.add(line.orderId);
    entry.first = Math.min(entry.first, t);
    entry.last = Math.max(entry.last, t);
  }
  return [...byProduct.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([productGid, e]) => ({
      productGid,
      quantity: e.quantity,
      orderCount: e.orders.size,
      firstAt: new Date(e.first),
      lastAt: new Date(e.last),
    }));
}
