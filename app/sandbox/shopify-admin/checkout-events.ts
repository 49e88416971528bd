// Sandbox only: the store's shopper leaves a checkout, or completes an order, and the stand-in
// sends the signed `checkouts/create` or `orders/create` webhook Shopify would (REST payload
// shapes as in tests/fixtures/shopify/webhooks). Used by the demo's "Abandon a checkout" button.
// https://shopify.dev/docs/api/webhooks/2026-10?reference=toml#list-of-topics-checkouts/create
import { randomBytes } from "node:crypto";
import type { GenCustomer } from "~/sandbox/store-generator/types";
import type { ConsentWebhooks } from "./consent-mutations";
import type { StoreSource } from "./store-source";

export interface AbandonedByStandIn {
  token: string;
  customer: GenCustomer;
  totalPrice: string;
}

const legacyId = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);

function customerPayload(customer: GenCustomer) {
  return {
    id: Number(legacyId(customer.gid)),
    admin_graphql_api_id: customer.gid,
    email: customer.email,
    phone: customer.phone,
    first_name: customer.firstName,
    last_name: customer.lastName,
  };
}

export class CheckoutEvents {
  readonly checkouts = new Map<string, AbandonedByStandIn>();
  #orders = 0;
  constructor(
    private readonly source: StoreSource,
    private readonly webhooks: ConsentWebhooks,
    private readonly now: () => Date,
  ) {}

  /** A customer subscribed to texts (and with an email) in the generated store; the n-th such. */
  #pickCustomer(n: number, gid: string | null): GenCustomer {
    let seen = 0;
    for (const chunk of this.source.chunks()) {
      const c = chunk.customer;
      if (!(c.phone && c.email && c.smsState === "SUBSCRIBED" && c.emailState === "SUBSCRIBED")) continue;
      if (gid === null ? seen++ === n : c.gid === gid) return c;
    }
    throw new Error(
      gid === null
        ? "The generated store has no customer subscribed to SMS and email"
        : `No customer ${gid} subscribed to SMS and email in the generated store`,
    );
  }

  /** A checkout last updated `backdateSeconds` ago, sent as checkouts/create; by `customerGid` if given. */
  abandon(options: { backdateSeconds: number; customerGid?: string | null }): AbandonedByStandIn {
    const customer = this.#pickCustomer(this.checkouts.size % 20, options.customerGid ?? null);
    const token = randomBytes(16).toString("hex");
    const updatedAt = new Date(this.now().getTime() - Math.max(0, options.backdateSeconds) * 1000).toISOString();
    const checkout: AbandonedByStandIn = { token, customer, totalPrice: "42.00" };
    this.checkouts.set(token, checkout);
    this.webhooks.deliver("checkouts/create", {
      token,
      cart_token: randomBytes(8).toString("hex"),
      email: customer.email,
      phone: customer.phone,
      created_at: updatedAt,
      updated_at: updatedAt,
      completed_at: null,
      currency: "USD",
      presentment_currency: "USD",
      total_price: checkout.totalPrice,
      subtotal_price: checkout.totalPrice,
      abandoned_checkout_url: `https://${this.source.shop.shop}/checkouts/${token}/recover?key=${randomBytes(8).toString("hex")}`,
      customer: customerPayload(customer),
      line_items: [],
    });
    return checkout;
  }

  /** The shopper completes the checkout: orders/create with its checkout token. */
  order(token: string): { orderGid: string } | null {
    const checkout = this.checkouts.get(token);
    if (!checkout) return null;
    const id = 9_900_000_000 + ++this.#orders;
    const at = this.now().toISOString();
    this.webhooks.deliver("orders/create", {
      id,
      admin_graphql_api_id: `gid://shopify/Order/${id}`,
      name: `#S${this.#orders}`,
      email: checkout.customer.email,
      created_at: at,
      updated_at: at,
      processed_at: at,
      currency: "USD",
      total_price: checkout.totalPrice,
      subtotal_price: checkout.totalPrice,
      financial_status: "paid",
      fulfillment_status: null,
      checkout_token: token,
      source_name: "web",
      test: false,
      customer: customerPayload(checkout.customer),
      line_items: [],
    });
    return { orderGid: `gid://shopify/Order/${id}` };
  }
}
