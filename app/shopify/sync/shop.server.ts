// Shop settings synced on install (and on shop/update later): name, IANA time zone, currency
// and contact email. https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Shop
import type { Db } from "~/db/db.server";
import { createAdminClient, type AdminGraphql } from "~/shopify/admin-client.server";
import { SHOP_SETTINGS_QUERY } from "~/shopify/graphql/shop";
import { obj } from "~/shopify/mappers/fields";
import { mapShopNode, type ShopSettingsRow } from "~/shopify/mappers/shop";

/** Reads the shop's settings from the Admin API and stores them on the Shop row. */
export async function syncShop(graphql: AdminGraphql, db: Db, shop: string): Promise<ShopSettingsRow> {
  const data = await createAdminClient(graphql).request<{ shop: unknown }>(SHOP_SETTINGS_QUERY);
  const node = obj(data.shop);
  if (!node) throw new Error(`Shop settings for ${shop}: the answer has no shop`);
  const settings = mapShopNode(node);
  const fields = {
    gid: settings.gid,
    name: settings.name,
    ianaTimezone: settings.ianaTimezone,
    currency: settings.currency,
    email: settings.email,
    countryCode: settings.countryCode,
    shopifyUpdatedAt: settings.shopifyUpdatedAt,
  };
  // Shop is keyed by the domain itself (not shop-scoped), so it is written on the root client.
  await db.shop.upsert({ where: { shop }, create: { shop, ...fields }, update: fields, select: { id: true } });
  return settings;
}
