/**
 * Starting points for segments: each is a real query the merchant sees (and may edit)
 * before saving. Pure: ids of the shop's catalogue are passed in, never looked up here.
 */

export interface TemplateCatalog {
  /** Numeric Shopify id of a product to prefill "Bought a product" with. */
  productId?: string;
  /** Numeric Shopify id of a collection to prefill "Bought from a collection" with. */
  collectionId?: string;
}

export interface SegmentTemplate {
  key: string;
  name: string;
  description: string;
  query: string;
}

/**
 * Without a product or collection to point at, the query keeps a placeholder that does not
 * parse, so the editor shows the error at the spot the merchant has to fill in.
 */
export const PRODUCT_PLACEHOLDER = "PRODUCT_ID";
export const COLLECTION_PLACEHOLDER = "COLLECTION_ID";

export function segmentTemplates(catalog: TemplateCatalog = {}): SegmentTemplate[] {
  const product = catalog.productId ?? PRODUCT_PLACEHOLDER;
  const collection = catalog.collectionId ?? COLLECTION_PLACEHOLDER;
  return [
    {
      key: "subscribers-never-purchased",
      name: "Subscribers who never purchased",
      description: "Email subscribers without an order.",
      query: "email_subscription_status = 'SUBSCRIBED' AND number_of_orders = 0",
    },
    { key: "first-time-buyers", name: "First-time buyers", description: "Exactly one order so far.", query: "number_of_orders = 1" },
    { key: "repeat-buyers", name: "Repeat buyers", description: "Two or more orders.", query: "number_of_orders >= 2" },
    { key: "loyal-customers", name: "Loyal customers", description: "More than two orders.", query: "number_of_orders > 2" },
    { key: "best-customers", name: "Best customers", description: "Top 10 % by amount spent.", query: "amount_spent_percentile >= 90" },
    {
      key: "lapsed-customers",
      name: "Lapsed customers",
      description: "Ordered before, nothing in the last 90 days.",
      query: "number_of_orders >= 1 AND last_order_date < -90d",
    },
    {
      key: "bought-product",
      name: "Bought a product",
      description: "Bought a given product at least once.",
      query: `products_purchased MATCHES (id = ${product})`,
    },
    {
      key: "bought-from-collection",
      name: "Bought from a collection",
      description: "Bought any product of a collection.",
      query: `collections_purchased MATCHES (id = ${collection})`,
    },
    {
      key: "high-average-order-value",
      name: "Average order value above 100",
      description: "Average order value above an amount.",
      query: "average_order_value > 100",
    },
    {
      key: "abandoned-checkout-24h",
      name: "Abandoned a checkout in the last 24 hours",
      description: "Abandoned a checkout in the last 24 hours and did not order since.",
      query: "abandoned_checkouts MATCHES (date > -24h, recovered = false) AND orders_placed NOT MATCHES (date > -24h)",
    },
    {
      key: "sms-subscribers-country",
      name: "SMS subscribers in the US",
      description: "SMS subscribers with an address in a country.",
      query: "sms_subscription_status = 'SUBSCRIBED' AND customer_countries CONTAINS 'US'",
    },
    {
      key: "email-subscribers-active-12m",
      name: "Email subscribers active in the last 12 months",
      description: "Email subscribers who ordered in the last 12 months.",
      query: "email_subscription_status = 'SUBSCRIBED' AND last_order_date > -12m",
    },
  ];
}

export function findTemplate(key: string, catalog: TemplateCatalog = {}): SegmentTemplate | undefined {
  return segmentTemplates(catalog).find((t) => t.key === key);
}
