// PURE: abandoned checkouts from both sources → one row shape.
//
// Keying rule: a checkout is identified by (shop, checkout token). Webhooks (checkouts/create,
// checkouts/update) carry `token` directly; the GraphQL `AbandonedCheckout` has no token field
// but its `abandonedCheckoutUrl` is `…/checkouts/<token>/recover?key=…`, so the token is read
// from that path. The GraphQL `id` is stored alongside as `gid` when known; a webhook never
// clears it (its numeric `id` is a checkout id, not guaranteed to be the AbandonedCheckout one).
// https://shopify.dev/docs/api/admin-graphql/2026-10/objects/AbandonedCheckout
// https://shopify.dev/docs/api/webhooks/2026-04?reference=toml#list-of-topics-checkouts/create
import { date, nestedId, obj, optDate, optStr, str, type Json } from "./fields";
import { toGid } from "./gid";
import { shopMoneyMinor, toMinorUnits } from "./money";

export interface CheckoutRow {
  token: string;
  gid: string | null;
  customerGid: string | null;
  email: string | null;
  phone: string | null;
  recoveryUrl: string | null;
  currency: string;
  totalPrice: number;
  shopifyCreatedAt: Date;
  shopifyUpdatedAt: Date;
  completedAt: Date | null;
}

const TOKEN_IN_URL = /\/checkouts\/(?:[^/?#]+\/)*?([^/?#]+)\/recover(?:[?#]|$)/;

/** The checkout token in an `abandonedCheckoutUrl`, or null when the URL has another shape. */
export function checkoutTokenFromUrl(url: string): string | null {
  return TOKEN_IN_URL.exec(url)?.[1] ?? null;
}

/** GraphQL node / bulk JSONL line of `abandonedCheckouts`. */
export function mapCheckoutNode(node: Json): CheckoutRow {
  const url = str(node, "abandonedCheckoutUrl");
  const token = checkoutTokenFromUrl(url);
  if (!token) throw new Error(`AbandonedCheckout ${str(node, "id")}: no token in ${url}`);
  const customer = obj(node.customer);
  const total = obj(obj(node.totalPriceSet)?.shopMoney);
  const currency = total ? str(total, "currencyCode") : "USD";
  return {
    token,
    gid: str(node, "id"),
    customerGid: nestedId(node, "customer"),
    email: optStr(obj(customer?.defaultEmailAddress), "emailAddress"),
    phone: optStr(obj(customer?.defaultPhoneNumber), "phoneNumber"),
    recoveryUrl: url,
    currency,
    totalPrice: total ? shopMoneyMinor({ shopMoney: { amount: str(total, "amount"), currencyCode: currency } }) : 0,
    shopifyCreatedAt: date(node, "createdAt"),
    shopifyUpdatedAt: date(node, "updatedAt"),
    completedAt: optDate(node, "completedAt"),
  };
}

/**
 * checkouts/create and checkouts/update payload (REST shape). Parse the body with
 * `parseShopifyJson` so `customer.id` keeps all 64 bits.
 */
export function mapCheckoutWebhook(payload: Json): CheckoutRow {
  const customer = obj(payload.customer);
  const currency = optStr(payload, "currency") ?? "USD";
  return {
    token: str(payload, "token"),
    gid: optStr(payload, "admin_graphql_api_id"),
    customerGid: customer ? webhookCustomerGid(customer) : null,
    email: optStr(payload, "email") ?? optStr(customer, "email"),
    phone: optStr(payload, "phone") ?? optStr(payload, "sms_marketing_phone") ?? optStr(customer, "phone"),
    recoveryUrl: optStr(payload, "abandoned_checkout_url"),
    currency,
    totalPrice: toMinorUnits(optStr(payload, "total_price") ?? "0", currency),
    shopifyCreatedAt: date(payload, "created_at"),
    shopifyUpdatedAt: date(payload, "updated_at"),
    completedAt: optDate(payload, "completed_at"),
  };
}

/** A webhook's customer GID: `admin_graphql_api_id` when present, else built from the numeric `id`. */
export function webhookCustomerGid(customer: Json): string | null {
  const gid = optStr(customer, "admin_graphql_api_id");
  if (gid) return gid;
  const id = customer.id;
  return typeof id === "string" || typeof id === "number" || typeof id === "bigint" ? toGid("Customer", id) : null;
}
