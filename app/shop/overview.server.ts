import type { Db } from "~/db.server";
import { forShop } from "~/lib/shop-scope.server";

export interface StoreOverview {
  shop: string;
  name: string;
  currency: string;
  ianaTimezone: string;
  customers: number;
  orders: number;
  smsSubscribers: number;
  emailSubscribers: number;
}

export class UnknownShopError extends Error {
  constructor(shop: string) {
    super(`Shop ${shop} is not installed`);
    this.name = "UnknownShopError";
  }
}

/** Customers that count: neither deleted in Shopify nor redacted. */
export const LIVE_CUSTOMER = { deletedAt: null, redactedAt: null } as const;

/** Headline counts for the home page. Deleted and redacted customers are not counted. */
export async function getStoreOverview(root: Db, shop: string): Promise<StoreOverview> {
  const db = forShop(root, shop);
  const shopRow = await root.shop.findUnique({ where: { shop }, select: { name: true, currency: true, ianaTimezone: true } });
  if (!shopRow) throw new UnknownShopError(shop);
  const [customers, orders, smsSubscribers, emailSubscribers] = await Promise.all([
    db.customer.count({ where: LIVE_CUSTOMER }),
    db.order.count({ where: { deletedAt: null } }),
    db.customer.count({ where: { ...LIVE_CUSTOMER, smsMarketingState: "SUBSCRIBED", phone: { not: null } } }),
    db.customer.count({ where: { ...LIVE_CUSTOMER, emailMarketingState: "SUBSCRIBED", email: { not: null } } }),
  ]);
  return { shop, ...shopRow, customers, orders, smsSubscribers, emailSubscribers };
}
