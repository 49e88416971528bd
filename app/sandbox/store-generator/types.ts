// Plain records of a generated store, in Flock's vocabulary (GIDs, minor units, Dates).
// `shopify-shapes.ts` turns them into Shopify-shaped records for the sync work.

export type Consent = "NOT_SUBSCRIBED" | "PENDING" | "SUBSCRIBED" | "UNSUBSCRIBED";
export type OptIn = "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN" | "UNKNOWN";

export interface GenCollection {
  gid: string;
  title: string;
  handle: string;
  kind: "SMART" | "CUSTOM";
  updatedAt: Date;
}

export interface GenProduct {
  gid: string;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  price: number;
  collectionGids: string[];
  updatedAt: Date;
}

export interface GenCustomer {
  gid: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  emailState: Consent;
  emailOptIn: OptIn | null;
  emailConsentAt: Date | null;
  smsState: Consent;
  smsOptIn: OptIn | null;
  smsConsentAt: Date | null;
  tags: string[];
  countryCode: string;
  provinceCode: string | null;
  city: string;
  zip: string;
  address1: string;
  locale: string;
  accountState: "DISABLED" | "INVITED" | "ENABLED" | "DECLINED";
  verifiedEmail: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface GenLineItem {
  gid: string;
  productGid: string;
  variantGid: string;
  title: string;
  quantity: number;
  price: number;
}

export interface GenOrder {
  gid: string;
  name: string;
  customerGid: string;
  currency: string;
  totalPrice: number;
  subtotalPrice: number;
  totalRefunded: number;
  financialStatus: "PAID" | "REFUNDED" | "PARTIALLY_REFUNDED" | "VOIDED";
  cancelledAt: Date | null;
  checkoutToken: string | null;
  /** "web" or "pos"; a POS order was placed at a retail location. */
  sourceName: string;
  appGid: string;
  locationGid: string | null;
  processedAt: Date;
  updatedAt: Date;
  lineItems: GenLineItem[];
}

export interface GenCheckout {
  token: string;
  gid: string;
  customerGid: string;
  email: string | null;
  phone: string | null;
  recoveryUrl: string;
  currency: string;
  totalPrice: number;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  recoveredOrderGid: string | null;
}

/** One customer with everything that hangs off them, so a store streams customer by customer. */
export interface CustomerChunk {
  customer: GenCustomer;
  orders: GenOrder[];
  checkouts: GenCheckout[];
}

export interface GenShop {
  shop: string;
  name: string;
  email: string;
  ianaTimezone: string;
  currency: string;
  /** ISO 3166-1 alpha-2 of the shop's address. */
  countryCode?: string;
}

export interface Catalog {
  collections: GenCollection[];
  products: GenProduct[];
}
