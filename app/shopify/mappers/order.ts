// PURE: Order / LineItem GraphQL nodes (bulk JSONL lines) → Flock's rows.
import { bool, date, int, nestedId, obj, optDate, optStr, str, type Json } from "./fields";
import { shopMoneyMinor, type MoneyV2 } from "./money";

export interface OrderRow {
  gid: string;
  name: string;
  customerGid: string | null;
  currency: string;
  totalPrice: number;
  subtotalPrice: number;
  totalRefunded: number;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  cancelledAt: Date | null;
  checkoutToken: string | null;
  sourceName: string | null;
  appGid: string | null;
  locationGid: string | null;
  test: boolean;
  processedAt: Date;
  shopifyCreatedAt: Date;
  shopifyUpdatedAt: Date;
}

export interface LineItemRow {
  gid: string;
  orderGid: string;
  productGid: string | null;
  variantGid: string | null;
  title: string;
  quantity: number;
  price: number;
}

function moneyBag(node: Json, key: string): number {
  const bag = obj(node[key]);
  const shopMoney = obj(bag?.shopMoney);
  return shopMoney
    ? shopMoneyMinor({ shopMoney: { amount: str(shopMoney, "amount"), currencyCode: str(shopMoney, "currencyCode") } satisfies MoneyV2 })
    : 0;
}

export function mapOrderNode(node: Json): OrderRow {
  return {
    gid: str(node, "id"),
    name: str(node, "name"),
    customerGid: nestedId(node, "customer"),
    currency: str(node, "currencyCode"),
    totalPrice: moneyBag(node, "totalPriceSet"),
    subtotalPrice: moneyBag(node, "subtotalPriceSet"),
    totalRefunded: moneyBag(node, "totalRefundedSet"),
    financialStatus: optStr(node, "displayFinancialStatus"),
    fulfillmentStatus: optStr(node, "displayFulfillmentStatus"),
    cancelledAt: optDate(node, "cancelledAt"),
    checkoutToken: optStr(node, "checkoutToken"),
    sourceName: optStr(node, "sourceName"),
    appGid: nestedId(node, "app"),
    locationGid: nestedId(node, "retailLocation"),
    test: bool(node, "test"),
    processedAt: date(node, "processedAt"),
    shopifyCreatedAt: date(node, "createdAt"),
    shopifyUpdatedAt: date(node, "updatedAt"),
  };
}

/** A line item line: its parent order is `__parentId` in the JSONL, or passed in for a page. */
export function mapLineItemNode(node: Json, orderGid: string = str(node, "__parentId")): LineItemRow {
  return {
    gid: str(node, "id"),
    orderGid,
    productGid: nestedId(node, "product"),
    variantGid: nestedId(node, "variant"),
    title: str(node, "title"),
    quantity: int(node, "quantity"),
    price: moneyBag(node, "originalUnitPriceSet"),
  };
}
