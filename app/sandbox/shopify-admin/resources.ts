// What each resource's `query:` accepts and how its `sortKey`s order it, following the argument
// tables in Shopify's reference (e.g. https://shopify.dev/docs/api/admin-graphql/latest/queries/customers).
// Only the filters Flock sends and a few neighbours are implemented; others are warned about. Pure.
import { computeCustomerFacts } from "~/facts/customer-facts";
import type { CustomerChunk, GenCheckout, GenCollection, GenOrder, GenProduct } from "~/sandbox/store-generator/types";
import { seconds } from "./format";
import type { SearchSpec } from "./search-query";

export interface OrderItem {
  order: GenOrder;
  chunk: CustomerChunk;
}
export interface CheckoutItem {
  checkout: GenCheckout;
  chunk: CustomerChunk;
}

const facts = new WeakMap<CustomerChunk, ReturnType<typeof computeCustomerFacts>>();
/** Amount spent and order count exactly as Flock computes them (app/facts/customer-facts.ts). */
export function factsOf(chunk: CustomerChunk) {
  let f = facts.get(chunk);
  if (!f) facts.set(chunk, (f = computeCustomerFacts(chunk.orders)));
  return f;
}

const ordersById = new WeakMap<CustomerChunk, GenOrder[]>();
/** A customer's orders in ID order (the generator keeps them in processing order). */
export function ordersInIdOrder(chunk: CustomerChunk): GenOrder[] {
  let list = ordersById.get(chunk);
  if (!list) ordersById.set(chunk, (list = [...chunk.orders].sort((a, b) => (a.gid < b.gid ? -1 : a.gid > b.gid ? 1 : 0))));
  return list;
}

const customerName = (chunk: CustomerChunk) => `${chunk.customer.firstName} ${chunk.customer.lastName}`.toLowerCase();

export const customerSearch: SearchSpec<CustomerChunk> = {
  fields: {
    id: { kind: "id", get: (c) => c.customer.gid },
    updated_at: { kind: "time", get: (c) => seconds(c.customer.updatedAt) },
    created_at: { kind: "time", get: (c) => seconds(c.customer.createdAt) },
    customer_date: { kind: "time", get: (c) => seconds(c.customer.createdAt) },
    email: { kind: "string", get: (c) => c.customer.email },
    phone: { kind: "string", get: (c) => c.customer.phone },
    first_name: { kind: "string", get: (c) => c.customer.firstName },
    last_name: { kind: "string", get: (c) => c.customer.lastName },
    state: { kind: "string", get: (c) => c.customer.accountState },
    tag: { kind: "string", get: (c) => c.customer.tags },
    country: { kind: "string", get: (c) => c.customer.countryCode },
    orders_count: { kind: "number", get: (c) => factsOf(c).orderCount },
    total_spent: { kind: "number", get: (c) => factsOf(c).amountSpent / 100 },
    accepts_marketing: { kind: "boolean", get: (c) => c.customer.emailState === "SUBSCRIBED" },
  },
  text: (c) => [c.customer.firstName, c.customer.lastName, c.customer.email ?? ""],
};

export const customerSortKeys = {
  CREATED_AT: (c: CustomerChunk) => seconds(c.customer.createdAt),
  UPDATED_AT: (c: CustomerChunk) => seconds(c.customer.updatedAt),
  NAME: customerName,
};

const orderStatus = (o: GenOrder) => (o.cancelledAt ? "cancelled" : "open");
export const orderSearch: SearchSpec<OrderItem> = {
  fields: {
    id: { kind: "id", get: (i) => i.order.gid },
    updated_at: { kind: "time", get: (i) => seconds(i.order.updatedAt) },
    created_at: { kind: "time", get: (i) => seconds(i.order.processedAt) },
    processed_at: { kind: "time", get: (i) => seconds(i.order.processedAt) },
    name: { kind: "string", get: (i) => i.order.name },
    status: { kind: "string", get: (i) => orderStatus(i.order) },
    financial_status: { kind: "string", get: (i) => i.order.financialStatus.toLowerCase() },
    customer_id: { kind: "id", get: (i) => i.chunk.customer.gid },
    email: { kind: "string", get: (i) => i.chunk.customer.email },
    test: { kind: "boolean", get: () => false },
    source_name: { kind: "string", get: (i) => i.order.sourceName },
  },
  text: (i) => [i.order.name, i.chunk.customer.firstName, i.chunk.customer.lastName],
};

export const orderSortKeys = {
  PROCESSED_AT: (i: OrderItem) => seconds(i.order.processedAt),
  CREATED_AT: (i: OrderItem) => seconds(i.order.processedAt),
  UPDATED_AT: (i: OrderItem) => seconds(i.order.updatedAt),
  TOTAL_PRICE: (i: OrderItem) => i.order.totalPrice,
  ORDER_NUMBER: (i: OrderItem) => Number(i.order.name.replace(/\D/g, "")),
  CUSTOMER_NAME: (i: OrderItem) => customerName(i.chunk),
  FINANCIAL_STATUS: (i: OrderItem) => i.order.financialStatus,
};

export const checkoutSearch: SearchSpec<CheckoutItem> = {
  fields: {
    id: { kind: "id", get: (i) => i.checkout.gid },
    created_at: { kind: "time", get: (i) => seconds(i.checkout.createdAt) },
    updated_at: { kind: "time", get: (i) => seconds(i.checkout.updatedAt) },
    status: { kind: "string", get: (i) => (i.checkout.completedAt ? "closed" : "open") },
    email: { kind: "string", get: (i) => i.checkout.email },
  },
};

export const checkoutSortKeys = {
  CREATED_AT: (i: CheckoutItem) => seconds(i.checkout.createdAt),
  TOTAL_PRICE: (i: CheckoutItem) => i.checkout.totalPrice,
  CUSTOMER_NAME: (i: CheckoutItem) => customerName(i.chunk),
};

export const productSearch: SearchSpec<GenProduct> = {
  fields: {
    id: { kind: "id", get: (p) => p.gid },
    updated_at: { kind: "time", get: (p) => seconds(p.updatedAt) },
    created_at: { kind: "time", get: (p) => seconds(p.updatedAt) },
    title: { kind: "string", get: (p) => p.title },
    handle: { kind: "string", get: (p) => p.handle },
    vendor: { kind: "string", get: (p) => p.vendor },
    product_type: { kind: "string", get: (p) => p.productType },
    status: { kind: "string", get: () => "active" },
    tag: { kind: "string", get: () => [] },
  },
  text: (p) => p.title.split(/\s+/),
};

export const productSortKeys = {
  TITLE: (p: GenProduct) => p.title.toLowerCase(),
  UPDATED_AT: (p: GenProduct) => seconds(p.updatedAt),
  CREATED_AT: (p: GenProduct) => seconds(p.updatedAt),
  VENDOR: (p: GenProduct) => p.vendor.toLowerCase(),
  PRODUCT_TYPE: (p: GenProduct) => p.productType.toLowerCase(),
};

export const collectionSearch: SearchSpec<GenCollection> = {
  fields: {
    id: { kind: "id", get: (c) => c.gid },
    updated_at: { kind: "time", get: (c) => seconds(c.updatedAt) },
    title: { kind: "string", get: (c) => c.title },
    handle: { kind: "string", get: (c) => c.handle },
    collection_type: { kind: "string", get: (c) => c.kind.toLowerCase() },
  },
  text: (c) => c.title.split(/\s+/),
};

export const collectionSortKeys = {
  TITLE: (c: GenCollection) => c.title.toLowerCase(),
  UPDATED_AT: (c: GenCollection) => seconds(c.updatedAt),
};
