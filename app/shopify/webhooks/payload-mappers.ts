// PURE: webhook payloads (REST shape) → the row shapes of app/shopify/mappers, so webhook and
// bulk-import rows meet in the same monotonic upserts. Bodies must be parsed with
// `parseShopifyJson` (64-bit ids stay digit strings); GIDs come from `admin_graphql_api_id`
// when present. https://shopify.dev/docs/api/webhooks/2026-10
import type { CollectionRow, ProductRow } from "~/shopify/mappers/catalog";
import { webhookCustomerGid } from "~/shopify/mappers/checkout";
import { toAccountState, toMarketingState, toOptInLevel, type MarketingState, type OptInLevel } from "~/shopify/mappers/customer";
import { date, int, obj, optDate, optStr, str, type Json } from "~/shopify/mappers/fields";
import { toGid, type GidResource } from "~/shopify/mappers/gid";
import { toMinorUnits } from "~/shopify/mappers/money";
import type { LineItemRow, OrderRow } from "~/shopify/mappers/order";

/** The resource GID of a payload: `admin_graphql_api_id`, else built from the numeric `id`. */
export function payloadGid(resource: GidResource, payload: Json, key = "id"): string {
  const gid = key === "id" ? optStr(payload, "admin_graphql_api_id") : null;
  if (gid) return gid;
  const id = payload[key];
  if (typeof id === "string" || typeof id === "number") return toGid(resource, id);
  throw new Error(`${resource} payload without ${key}`);
}

/**
 * The customer fields a customers/* payload carries. Since 2025-01 those payloads no longer
 * carry tags or marketing consent (they come from the consent topics and from
 * reconciliation), so absent fields are `undefined` and must be left as stored.
 * https://shopify.dev/changelog/new-customer-s-webhook-and-changes-to-existing-customer-s-webhooks-payload
 */
export interface CustomerPatch {
  gid: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  countryCode: string | null;
  provinceCode: string | null;
  city: string | null;
  zip: string | null;
  address1: string | null;
  address2: string | null;
  locale?: string | null;
  accountState: ReturnType<typeof toAccountState>;
  verifiedEmail: boolean;
  note: string | null;
  tags?: string;
  shopifyCreatedAt: Date;
  shopifyUpdatedAt: Date;
  emailConsent?: ConsentPatch;
  smsConsent?: ConsentPatch;
}

export interface ConsentPatch {
  state: MarketingState;
  optIn: OptInLevel | null;
  updatedAt: Date | null;
}

/** REST consent objects use lower-case enum values (`subscribed`, `single_opt_in`). */
export function mapConsent(value: unknown): ConsentPatch | undefined {
  const consent = obj(value);
  if (!consent) return undefined;
  const upper = (v: unknown) => (typeof v === "string" ? v.toUpperCase() : v);
  return {
    state: toMarketingState(upper(consent.state)),
    optIn: toOptInLevel(upper(consent.opt_in_level)),
    updatedAt: optDate(consent, "consent_updated_at"),
  };
}

export function mapCustomerPayload(payload: Json, fallbackUpdatedAt: Date): CustomerPatch {
  const address = obj(payload.default_address);
  const updatedAt = optDate(payload, "updated_at") ?? fallbackUpdatedAt;
  const patch: CustomerPatch = {
    gid: payloadGid("Customer", payload),
    email: optStr(payload, "email"),
    phone: optStr(payload, "phone"),
    firstName: optStr(payload, "first_name"),
    lastName: optStr(payload, "last_name"),
    countryCode: optStr(address, "country_code"),
    provinceCode: optStr(address, "province_code"),
    city: optStr(address, "city"),
    zip: optStr(address, "zip"),
    address1: optStr(address, "address1"),
    address2: optStr(address, "address2"),
    accountState: toAccountState(payload.state),
    verifiedEmail: payload.verified_email === true,
    note: optStr(payload, "note"),
    shopifyCreatedAt: optDate(payload, "created_at") ?? updatedAt,
    shopifyUpdatedAt: updatedAt,
  };
  if ("locale" in payload) patch.locale = optStr(payload, "locale");
  if (typeof payload.tags === "string") patch.tags = payload.tags;
  const email = mapConsent(payload.email_marketing_consent);
  const sms = mapConsent(payload.sms_marketing_consent);
  if (email) patch.emailConsent = email;
  if (sms) patch.smsConsent = sms;
  return patch;
}

/** customers_email_marketing_consent/update: `{ customer_id, email_address, email_marketing_consent }`. */
export function mapEmailConsentPayload(payload: Json): { gid: string; consent: ConsentPatch } {
  return { gid: toGid("Customer", idOf(payload, "customer_id")), consent: mapConsent(payload.email_marketing_consent) ?? notSubscribed() };
}

/** customers_marketing_consent/update (SMS): `{ id, phone, sms_marketing_consent }`. */
export function mapSmsConsentPayload(payload: Json): { gid: string; consent: ConsentPatch } {
  return { gid: payloadGid("Customer", payload), consent: mapConsent(payload.sms_marketing_consent) ?? notSubscribed() };
}

function notSubscribed(): ConsentPatch {
  return { state: "NOT_SUBSCRIBED", optIn: null, updatedAt: null };
}

function idOf(payload: Json, key: string): string | number {
  const id = payload[key];
  if (typeof id === "string" || typeof id === "number") return id;
  throw new Error(`Payload without ${key}`);
}

function shopMoney(payload: Json, setKey: string, plainKey: string, currency: string): number {
  const money = obj(obj(payload[setKey])?.shop_money);
  if (money) return toMinorUnits(str(money, "amount"), optStr(money, "currency_code") ?? currency);
  return toMinorUnits(optStr(payload, plainKey) ?? "0", currency);
}

/**
 * Refunded amount: the successful `refund` transactions of the order's refunds. REST orders
 * have no total_refunded field; this is what GraphQL's `totalRefundedSet` sums.
 * https://shopify.dev/docs/api/admin-rest/latest/resources/refund
 */
function refunded(payload: Json, currency: string): number {
  let total = 0;
  for (const refund of Array.isArray(payload.refunds) ? payload.refunds : []) {
    for (const t of Array.isArray(obj(refund)?.transactions) ? (obj(refund)?.transactions as unknown[]) : []) {
      const tx = obj(t);
      if (!tx || tx.kind !== "refund" || tx.status !== "success") continue;
      total += toMinorUnits(optStr(tx, "amount") ?? "0", optStr(tx, "currency") ?? currency);
    }
  }
  return total;
}

export function mapOrderPayload(payload: Json): { order: OrderRow; lineItems: LineItemRow[] } {
  const currency = optStr(payload, "currency") ?? "USD";
  const customer = obj(payload.customer);
  const gid = payloadGid("Order", payload);
  const createdAt = date(payload, "created_at");
  const order: OrderRow = {
    gid,
    name: optStr(payload, "name") ?? gid,
    customerGid: customer ? webhookCustomerGid(customer) : null,
    currency,
    totalPrice: shopMoney(payload, "total_price_set", "total_price", currency),
    subtotalPrice: shopMoney(payload, "subtotal_price_set", "subtotal_price", currency),
    totalRefunded: refunded(payload, currency),
    financialStatus: optStr(payload, "financial_status")?.toUpperCase() ?? null,
    fulfillmentStatus: optStr(payload, "fulfillment_status")?.toUpperCase() ?? null,
    cancelledAt: optDate(payload, "cancelled_at"),
    checkoutToken: optStr(payload, "checkout_token"),
    sourceName: optStr(payload, "source_name"),
    appGid: payload.app_id === null || payload.app_id === undefined ? null : payloadGid("App", payload, "app_id"),
    locationGid: payload.location_id === null || payload.location_id === undefined ? null : payloadGid("Location", payload, "location_id"),
    test: payload.test === true,
    processedAt: optDate(payload, "processed_at") ?? createdAt,
    shopifyCreatedAt: createdAt,
    shopifyUpdatedAt: optDate(payload, "updated_at") ?? createdAt,
  };
  const items = Array.isArray(payload.line_items) ? payload.line_items : [];
  const lineItems = items.flatMap((value): LineItemRow[] => {
    const item = obj(value);
    if (!item) return [];
    return [
      {
        gid: payloadGid("LineItem", item),
        orderGid: gid,
        productGid: item.product_id === null || item.product_id === undefined ? null : payloadGid("Product", item, "product_id"),
        variantGid: item.variant_id === null || item.variant_id === undefined ? null : payloadGid("ProductVariant", item, "variant_id"),
        title: optStr(item, "title") ?? optStr(item, "name") ?? "",
        quantity: int(item, "quantity"),
        price: shopMoney(item, "price_set", "price", currency),
      },
    ];
  });
  return { order, lineItems };
}

export function mapProductPayload(payload: Json): ProductRow {
  return {
    gid: payloadGid("Product", payload),
    title: optStr(payload, "title") ?? "",
    handle: optStr(payload, "handle") ?? "",
    status: optStr(payload, "status")?.toUpperCase() ?? "ACTIVE",
    vendor: optStr(payload, "vendor"),
    productType: optStr(payload, "product_type"),
    tags: optStr(payload, "tags") ?? "",
    shopifyUpdatedAt: date(payload, "updated_at"),
  };
}

/**
 * collections/* payloads do not say smart or custom; `rules` appears on smart collections'
 * REST shape, so its presence marks one. Reconciliation corrects the kind from GraphQL.
 */
export function mapCollectionPayload(payload: Json): CollectionRow {
  return {
    gid: payloadGid("Collection", payload),
    title: optStr(payload, "title") ?? "",
    handle: optStr(payload, "handle") ?? "",
    kind: Array.isArray(payload.rules) ? "SMART" : "CUSTOM",
    shopifyUpdatedAt: date(payload, "updated_at"),
  };
}
