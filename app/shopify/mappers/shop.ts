// PURE: the `shop` query's answer → the Shop row's synced settings.
import { obj, optDate, optStr, str, type Json } from "./fields";

export interface ShopSettingsRow {
  gid: string;
  name: string;
  ianaTimezone: string;
  currency: string;
  email: string | null;
  /** ISO 3166-1 alpha-2 of the shop's address; null when Shopify has none. */
  countryCode: string | null;
  shopifyUpdatedAt: Date | null;
}

export function mapShopNode(node: Json): ShopSettingsRow {
  return {
    gid: str(node, "id"),
    name: str(node, "name"),
    ianaTimezone: str(node, "ianaTimezone"),
    currency: str(node, "currencyCode"),
    email: optStr(node, "contactEmail"),
    countryCode: optStr(obj(node.shopAddress), "countryCodeV2"),
    shopifyUpdatedAt: optDate(node, "updatedAt"),
  };
}
