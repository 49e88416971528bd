// Random store histories as Shopify would emit them (REST webhook bodies, 64-bit ids), for
// the convergence and incremental-facts property tests. A history is the true order of
// events; deliveries reorder, duplicate and delay them.
import fc from "fast-check";
import type { WebhookTopic } from "../topics";

export interface HistoryEvent {
  topic: WebhookTopic;
  eventId: string;
  /** When Shopify says it happened (X-Shopify-Triggered-At). */
  at: Date;
  body: string;
}

// Above 2^53, so ids that went through a JS number would come out wrong.
const BASE_ID = 7_000_000_000_000_000_000n;
const T0 = Date.parse("2026-01-01T00:00:00Z");
const HOUR = 3_600_000;
const iso = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const idText = (kind: number, n: number) => (BASE_ID + BigInt(kind * 1000 + n)).toString();
const gid = (resource: string, kind: number, n: number) => `gid://shopify/${resource}/${idText(kind, n)}`;

/** JSON text whose `"#ID:…#"` placeholders become bare 64-bit number literals. */
function body(value: unknown): string {
  return JSON.stringify(value).replace(/"#ID:([0-9]+)#"/g, "$1");
}
const rawId = (kind: number, n: number) => `#ID:${idText(kind, n)}#`;

const CUSTOMER = 1,
  PRODUCT = 2,
  ORDER = 3,
  LINE = 4;

export interface CustomerPlan {
  versions: { email: string; city: string }[];
  emailConsent: ("subscribed" | "unsubscribed")[];
  deleted: boolean;
}
export interface OrderPlan {
  customer: number | null;
  lines: { product: number; quantity: number; price: number }[];
  refund: number;
  cancelled: boolean;
  deleted: boolean;
  start: number;
}
export interface CheckoutPlan {
  customer: number | null;
  total: number;
  updates: number;
  completed: boolean;
  start: number;
}
export interface StorePlan {
  customers: CustomerPlan[];
  products: { versions: number; deleted: boolean }[];
  orders: OrderPlan[];
  checkouts: CheckoutPlan[];
}

export const storePlan: fc.Arbitrary<StorePlan> = fc.record({
  customers: fc.array(
    fc.record({
      versions: fc.array(
        fc.record({ email: fc.constantFrom("a@x.com", "b@y.org", "c@z.net"), city: fc.constantFrom("Ottawa", "Austin", "Lyon") }),
        { minLength: 1, maxLength: 3 },
      ),
      emailConsent: fc.array(fc.constantFrom("subscribed" as const, "unsubscribed" as const), { maxLength: 2 }),
      deleted: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  products: fc.array(fc.record({ versions: fc.integer({ min: 1, max: 2 }), deleted: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  orders: fc.array(
    fc.record({
      customer: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
      lines: fc.array(
        fc.record({
          product: fc.integer({ min: 0, max: 2 }),
          quantity: fc.integer({ min: 1, max: 3 }),
          price: fc.integer({ min: 100, max: 5000 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      refund: fc.integer({ min: 0, max: 100 }),
      cancelled: fc.boolean(),
      deleted: fc.boolean(),
      start: fc.integer({ min: 0, max: 20 }),
    }),
    { maxLength: 5 },
  ),
  checkouts: fc.array(
    fc.record({
      customer: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
      total: fc.integer({ min: 100, max: 9000 }),
      updates: fc.integer({ min: 0, max: 2 }),
      completed: fc.boolean(),
      start: fc.integer({ min: 0, max: 20 }),
    }),
    { maxLength: 3 },
  ),
});

const money = (minor: number) => (minor / 100).toFixed(2);

/** The events of a plan in true order (by time; ties keep plan order). */
export function historyOf(plan: StorePlan, seed = "h"): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const push = (topic: WebhookTopic, hours: number, value: unknown) =>
    events.push({ topic, eventId: `${seed}-${events.length}`, at: new Date(T0 + hours * HOUR), body: body(value) });
  const customerRef = (n: number | null) =>
    n === null || n >= plan.customers.length ? null : { id: rawId(CUSTOMER, n), admin_graphql_api_id: gid("Customer", CUSTOMER, n) };

  plan.customers.forEach((c, n) => {
    c.versions.forEach((v, k) =>
      push(k === 0 ? "customers/create" : "customers/update", n + k * 5, {
        id: rawId(CUSTOMER, n),
        admin_graphql_api_id: gid("Customer", CUSTOMER, n),
        email: v.email,
        first_name: `F${n}`,
        last_name: `L${n}`,
        phone: null,
        state: "enabled",
        verified_email: true,
        note: null,
        created_at: iso(n),
        updated_at: iso(n + k * 5),
        default_address: { country_code: "CA", province_code: "ON", city: v.city, zip: "K1A", address1: `${n} Main St`, address2: null },
      }),
    );
    c.emailConsent.forEach((state, k) =>
      push("customers_email_marketing_consent/update", n + 2 + k * 7, {
        customer_id: rawId(CUSTOMER, n),
        email_address: c.versions[0]?.email ?? null,
        email_marketing_consent: { state, opt_in_level: "single_opt_in", consent_updated_at: iso(n + 2 + k * 7) },
      }),
    );
  });
  plan.products.forEach((p, n) => {
    for (let k = 0; k < p.versions; k++)
      push(k === 0 ? "products/create" : "products/update", n + k * 3, {
        id: rawId(PRODUCT, n),
        admin_graphql_api_id: gid("Product", PRODUCT, n),
        title: `P${n}v${k}`,
        handle: `p${n}`,
        status: "active",
        vendor: "V",
        product_type: "T",
        tags: "",
        updated_at: iso(n + k * 3),
      });
  });
  plan.orders.forEach((o, n) => {
    const total = o.lines.reduce((s, l) => s + l.quantity * l.price, 0);
    const order = (k: number, cancelled: boolean, refund: number) => ({
      id: rawId(ORDER, n),
      admin_graphql_api_id: gid("Order", ORDER, n),
      name: `#${n}`,
      created_at: iso(o.start),
      updated_at: iso(o.start + k),
      processed_at: iso(o.start),
      cancelled_at: cancelled ? iso(o.start + k) : null,
      currency: "USD",
      total_price: money(total),
      subtotal_price: money(total),
      test: false,
      financial_status: "paid",
      checkout_token: null,
      customer: customerRef(o.customer),
      line_items: o.lines.map((l, i) => ({
        id: rawId(LINE, n * 10 + i),
        admin_graphql_api_id: gid("LineItem", LINE, n * 10 + i),
        product_id: l.product < plan.products.length ? rawId(PRODUCT, l.product) : null,
        variant_id: null,
        title: "x",
        quantity: l.quantity,
        price: money(l.price),
      })),
      refunds: refund > 0 ? [{ transactions: [{ kind: "refund", status: "success", amount: money(refund) }] }] : [],
    });
    push("orders/create", o.start, order(0, false, 0));
    const refund = Math.floor((total * o.refund) / 100);
    if (refund > 0) push("orders/updated", o.start + 1, order(1, false, refund));
    if (o.cancelled) push("orders/cancelled", o.start + 2, order(2, true, refund));
  });
  plan.checkouts.forEach((k, n) => {
    for (let u = 0; u <= k.updates; u++)
      push(u === 0 ? "checkouts/create" : "checkouts/update", k.start + u, {
        token: `tok${n}`,
        email: null,
        created_at: iso(k.start),
        updated_at: iso(k.start + u),
        completed_at: k.completed && u === k.updates ? iso(k.start + u) : null,
        currency: "USD",
        total_price: money(k.total + u * 100),
        customer: customerRef(k.customer),
        abandoned_checkout_url: `https://shop.example/1/checkouts/tok${n}/recover?key=k`,
      });
  });
  // Deletions come last in true order: Shopify sends nothing about a deleted record after.
  plan.orders.forEach((o, n) => o.deleted && push("orders/delete", 100 + n, { id: rawId(ORDER, n) }));
  plan.products.forEach((p, n) => p.deleted && push("products/delete", 100 + n, { id: rawId(PRODUCT, n) }));
  plan.customers.forEach(
    (c, n) =>
      c.deleted && push("customers/delete", 110 + n, { id: rawId(CUSTOMER, n), admin_graphql_api_id: gid("Customer", CUSTOMER, n) }),
  );
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i)
    .map(({ e }) => e);
}

/** A delivery: the history reordered by `keys`, with the events at `dups` delivered twice. */
export function deliveryOf(history: readonly HistoryEvent[], keys: readonly number[], dups: readonly number[]): HistoryEvent[] {
  const order = history
    .map((e, i) => ({ e, k: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map(({ e }) => e);
  const extra = dups.map((d) => history[d % Math.max(1, history.length)]).filter((e): e is HistoryEvent => e !== undefined);
  return [...order, ...extra];
}
