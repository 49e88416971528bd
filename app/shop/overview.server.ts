import type { Db } from "~/db/db.server";
import { forShop, LIVE_CUSTOMER } from "~/db/shop-scope.server";
import type { SyncResource } from "~/shopify/sync/resources";

/** Records Flock holds per imported resource (not the bulk export's JSONL lines, which count children too). */
export type StoredRecords = Record<SyncResource, number>;

export interface StoreOverview {
  shop: string;
  name: string;
  currency: string;
  ianaTimezone: string;
  customers: number;
  orders: number;
  smsSubscribers: number;
  emailSubscribers: number;
  records: StoredRecords;
  liveSegments: number;
  /** Providers with stored credentials (Twilio, SendGrid). */
  channels: number;
  sentCampaigns: number;
}

export class UnknownShopError extends Error {
  constructor(shop: string) {
    super(`Shop ${shop} is not installed`);
    this.name = "UnknownShopError";
  }
}

/**
 * Headline counts for the home page, the records stored per imported resource and what the
 * getting-started checklist needs. Deleted and redacted records are not counted.
 */
export async function getStoreOverview(root: Db, shop: string): Promise<StoreOverview> {
  const db = forShop(root, shop);
  const shopRow = await root.shop.findUnique({ where: { shop }, select: { name: true, currency: true, ianaTimezone: true } });
  if (!shopRow) throw new UnknownShopError(shop);
  const live = { deletedAt: null };
  const [customers, orders, smsSubscribers, emailSubscribers, products, collections, checkouts, liveSegments, channels, sentCampaigns] =
    await Promise.all([
      db.customer.count({ where: LIVE_CUSTOMER }),
      db.order.count({ where: live }),
      db.customer.count({ where: { ...LIVE_CUSTOMER, smsMarketingState: "SUBSCRIBED", phone: { not: null } } }),
      db.customer.count({ where: { ...LIVE_CUSTOMER, emailMarketingState: "SUBSCRIBED", email: { not: null } } }),
      db.product.count({ where: live }),
      db.collection.count({ where: live }),
      db.abandonedCheckout.count({ where: live }),
      db.segment.count({ where: live }),
      db.providerCredential.count(),
      db.campaign.count({ where: { status: "SENT" } }),
    ]);
  const records = { customers, orders, products, collections, checkouts };
  return { shop, ...shopRow, customers, orders, smsSubscribers, emailSubscribers, records, liveSegments, channels, sentCampaigns };
}
