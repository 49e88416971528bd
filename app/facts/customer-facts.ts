// Per-customer facts computed from orders (pure). Semantics follow Shopify's Customer fields:
// `amountSpent` is what the customer paid net of refunds (a cancelled order is refunded, so it
// contributes nothing); `numberOfOrders` counts every order placed, cancelled ones included,
// as Shopify's admin does. Test orders are ignored.

export interface OrderForFacts {
  totalPrice: number;
  totalRefunded: number;
  processedAt: Date;
  cancelledAt: Date | null;
  test?: boolean;
}

export interface CustomerFactValues {
  amountSpent: number;
  orderCount: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  /** amountSpent / orders that were not cancelled, rounded to a minor unit; 0 without orders. */
  averageOrderValue: number;
}

export function computeCustomerFacts(orders: readonly OrderForFacts[]): CustomerFactValues {
  let amountSpent = 0;
  let orderCount = 0;
  let paidOrders = 0;
  let first: number | null = null;
  let last: number | null = null;
  for (const order of orders) {
    if (order.test) continue;
    orderCount += 1;
    const t = order.processedAt.getTime();
    first = first === null || t < first ? t : first;
    last = last === null || t > last ? t : last;
    if (order.cancelledAt) continue;
    paidOrders += 1;
    amountSpent += order.totalPrice - order.totalRefunded;
  }
  return {
    amountSpent,
    orderCount,
    firstOrderAt: first === null ? null : new Date(first),
    lastOrderAt: last === null ? null : new Date(last),
    averageOrderValue: paidOrders === 0 ? 0 : Math.round(amountSpent / paidOrders),
  };
}
