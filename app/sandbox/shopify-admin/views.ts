// Shopify-shaped objects over generated records: one getter per Admin API field the stand-in
// implements (names and types as in the 2026-10 schema). A field with no getter is "not
// implemented": resolvers answer null where the schema allows it and fail loudly otherwise, so no
// made-up data leaks into Flock's tests. Pure.
import type {
  CustomerChunk,
  GenCheckout,
  GenCollection,
  GenCustomer,
  GenLineItem,
  GenOrder,
  GenProduct,
  GenShop,
} from "~/sandbox/store-generator/types";
import { ConnectionSource } from "./connection";
import { isoSeconds, legacyId, money, moneyBag, uint64 } from "./format";
import { factsOf, orderSearch, orderSortKeys, ordersInIdOrder } from "./resources";

export interface ViewContext {
  readonly shopInfo: GenShop;
  customer(chunk: CustomerChunk): CustomerView;
  product(gid: string): ProductView | null;
  collection(gid: string): CollectionView | null;
  productsInCollection(gid: string): readonly GenProduct[];
  catalogCollections(gids: readonly string[]): readonly GenCollection[];
}

const COUNTRY_NAMES = new Intl.DisplayNames(["en"], { type: "region" });
const PROVINCE_NAMES: Record<string, string> = {
  "US-CA": "California",
  "US-NY": "New York",
  "US-TX": "Texas",
  "US-FL": "Florida",
  "US-CT": "Connecticut",
  "US-WA": "Washington",
  "US-IL": "Illinois",
  "CA-ON": "Ontario",
  "CA-QC": "Quebec",
  "AU-NSW": "New South Wales",
  "GB-ENG": "England",
  "DE-BE": "Berlin",
  "JP-JP-13": "Tokyo",
};
// The 2026-10 SMS consent enum says NEVER_SUBSCRIBED where the email one says NOT_SUBSCRIBED.
const SMS_STATE = {
  NOT_SUBSCRIBED: "NEVER_SUBSCRIBED",
  PENDING: "PENDING",
  SUBSCRIBED: "SUBSCRIBED",
  UNSUBSCRIBED: "UNSUBSCRIBED",
} as const;

export class ShopView {
  readonly __typename = "Shop";
  constructor(readonly shopInfo: GenShop) {}
  get id() {
    return `gid://shopify/Shop/${shopNumber(this.shopInfo.shop)}`;
  }
  get name() {
    return this.shopInfo.name;
  }
  get email() {
    return this.shopInfo.email;
  }
  get contactEmail() {
    return this.shopInfo.email;
  }
  get myshopifyDomain() {
    return this.shopInfo.shop;
  }
  get ianaTimezone() {
    return this.shopInfo.ianaTimezone;
  }
  get currencyCode() {
    return this.shopInfo.currency;
  }
  get shopAddress() {
    return { __typename: "ShopAddress", countryCodeV2: this.shopInfo.countryCode ?? null };
  }
}

export class CustomerView {
  readonly __typename = "Customer";
  readonly #ctx: ViewContext;
  readonly #chunk: CustomerChunk;
  constructor(ctx: ViewContext, chunk: CustomerChunk) {
    this.#ctx = ctx;
    this.#chunk = chunk;
  }
  get id() {
    return this.#chunk.customer.gid;
  }
  get legacyResourceId() {
    return legacyId(this.id);
  }
  get firstName() {
    return this.#chunk.customer.firstName;
  }
  get lastName() {
    return this.#chunk.customer.lastName;
  }
  get displayName() {
    return `${this.firstName} ${this.lastName}`;
  }
  get defaultEmailAddress() {
    const c = this.#chunk.customer;
    if (c.email === null) return null;
    return {
      emailAddress: c.email,
      marketingState: c.emailState,
      marketingOptInLevel: c.emailOptIn,
      marketingUpdatedAt: isoSeconds(c.emailConsentAt),
      validFormat: true,
    };
  }
  get defaultPhoneNumber() {
    const c = this.#chunk.customer;
    if (c.phone === null) return null;
    const updatedAt = isoSeconds(c.smsConsentAt);
    return {
      phoneNumber: c.phone,
      // Deprecated in 2026-10 (rejected by validation) but answered, as Shopify still does.
      marketingState: c.smsState,
      marketingOptInLevel: c.smsOptIn,
      marketingUpdatedAt: updatedAt,
      marketingCollectedFrom: "OTHER",
      smsMarketingConsent: {
        state: SMS_STATE[c.smsState],
        optInLevel: c.smsOptIn,
        updatedAt,
        collectedFrom: "OTHER",
        sourceLocation: null,
      },
    };
  }
  get tags() {
    return this.#chunk.customer.tags;
  }
  get defaultAddress() {
    return new AddressView(this.#chunk.customer);
  }
  get locale() {
    return this.#chunk.customer.locale;
  }
  get state() {
    return this.#chunk.customer.accountState;
  }
  get verifiedEmail() {
    return this.#chunk.customer.verifiedEmail;
  }
  get taxExempt() {
    return false;
  }
  get amountSpent() {
    return money(factsOf(this.#chunk).amountSpent, this.#ctx.shopInfo.currency);
  }
  get numberOfOrders() {
    return uint64(factsOf(this.#chunk).orderCount);
  }
  get note() {
    return null;
  }
  get createdAt() {
    return isoSeconds(this.#chunk.customer.createdAt);
  }
  get updatedAt() {
    return isoSeconds(this.#chunk.customer.updatedAt);
  }
  get orders() {
    const chunk = this.#chunk;
    return new ConnectionSource({
      scan: () => ordersInIdOrder(chunk).map((order) => ({ order, chunk })),
      id: (i) => i.order.gid,
      search: orderSearch,
      sortKeys: orderSortKeys,
      view: (i) => new OrderView(this.#ctx, i.order, chunk),
    });
  }
}

/** Computed per field: the country's display name is not free and most queries skip it. */
class AddressView {
  readonly #c: GenCustomer;
  constructor(customer: GenCustomer) {
    this.#c = customer;
  }
  get id() {
    return `gid://shopify/MailingAddress/${legacyId(this.#c.gid)}?model_name=CustomerAddress`;
  }
  get firstName() {
    return this.#c.firstName;
  }
  get lastName() {
    return this.#c.lastName;
  }
  get name() {
    return `${this.#c.firstName} ${this.#c.lastName}`;
  }
  get address1() {
    return this.#c.address1;
  }
  get address2() {
    return null;
  }
  get city() {
    return this.#c.city;
  }
  get zip() {
    return this.#c.zip;
  }
  get province() {
    return this.#c.provinceCode ? (PROVINCE_NAMES[`${this.#c.countryCode}-${this.#c.provinceCode}`] ?? this.#c.provinceCode) : null;
  }
  get provinceCode() {
    return this.#c.provinceCode;
  }
  get country() {
    return countryName(this.#c.countryCode);
  }
  get countryCodeV2() {
    return this.#c.countryCode;
  }
  get phone() {
    return this.#c.phone;
  }
}

const countryNames = new Map<string, string>();
function countryName(code: string): string {
  let name = countryNames.get(code);
  if (name === undefined) countryNames.set(code, (name = COUNTRY_NAMES.of(code) ?? code));
  return name;
}

export class OrderView {
  readonly __typename = "Order";
  readonly #ctx: ViewContext;
  readonly #order: GenOrder;
  readonly #chunk: CustomerChunk;
  constructor(ctx: ViewContext, order: GenOrder, chunk: CustomerChunk) {
    this.#ctx = ctx;
    this.#order = order;
    this.#chunk = chunk;
  }
  get id() {
    return this.#order.gid;
  }
  get legacyResourceId() {
    return legacyId(this.id);
  }
  get name() {
    return this.#order.name;
  }
  get customer() {
    return this.#ctx.customer(this.#chunk);
  }
  get email() {
    return this.#chunk.customer.email;
  }
  get currencyCode() {
    return this.#order.currency;
  }
  get presentmentCurrencyCode() {
    return this.#order.currency;
  }
  get totalPriceSet() {
    return moneyBag(this.#order.totalPrice, this.#order.currency);
  }
  get subtotalPriceSet() {
    return moneyBag(this.#order.subtotalPrice, this.#order.currency);
  }
  get totalRefundedSet() {
    return moneyBag(this.#order.totalRefunded, this.#order.currency);
  }
  get displayFinancialStatus() {
    return this.#order.financialStatus;
  }
  // The generator does not model fulfilment; an order is shipped unless it was cancelled.
  get displayFulfillmentStatus() {
    return this.#order.cancelledAt ? "UNFULFILLED" : "FULFILLED";
  }
  get cancelledAt() {
    return isoSeconds(this.#order.cancelledAt);
  }
  get closed() {
    return this.#order.cancelledAt !== null;
  }
  get processedAt() {
    return isoSeconds(this.#order.processedAt);
  }
  get createdAt() {
    return isoSeconds(this.#order.processedAt);
  }
  get updatedAt() {
    return isoSeconds(this.#order.updatedAt);
  }
  get test() {
    return false;
  }
  get sourceName() {
    return this.#order.sourceName;
  }
  get app() {
    return { __typename: "OrderApp", id: this.#order.appGid, name: this.#order.locationGid ? "Point of Sale" : "Online Store", icon: null };
  }
  get retailLocation() {
    return this.#order.locationGid
      ? { __typename: "Location", id: this.#order.locationGid, name: `Shop ${legacyId(this.#order.locationGid)}` }
      : null;
  }
  get checkoutToken() {
    return this.#order.checkoutToken;
  }
  get lineItems() {
    return new ConnectionSource(new LineItemsSpec(this.#ctx, this.#order));
  }
}

// A class rather than an object of arrow functions: a bulk export builds one per order, and
// tsx (esbuild keepNames) pays for naming every arrow function each time one is created.
class LineItemsSpec {
  constructor(
    private readonly ctx: ViewContext,
    private readonly order: GenOrder,
  ) {}
  scan() {
    return this.order.lineItems;
  }
  id(li: GenLineItem) {
    return li.gid;
  }
  view(li: GenLineItem) {
    return new LineItemView(this.ctx, li, this.order.currency);
  }
}

export class LineItemView {
  readonly __typename = "LineItem";
  readonly #ctx: ViewContext;
  readonly #li: GenLineItem;
  readonly #currency: string;
  constructor(ctx: ViewContext, li: GenLineItem, currency: string) {
    this.#ctx = ctx;
    this.#li = li;
    this.#currency = currency;
  }
  get id() {
    return this.#li.gid;
  }
  get title() {
    return this.#li.title;
  }
  get name() {
    return this.#li.title;
  }
  get quantity() {
    return this.#li.quantity;
  }
  get currentQuantity() {
    return this.#li.quantity;
  }
  get product() {
    return this.#ctx.product(this.#li.productGid);
  }
  get variant() {
    return { __typename: "ProductVariant", id: this.#li.variantGid, product: this.product };
  }
  get originalUnitPriceSet() {
    return moneyBag(this.#li.price, this.#currency);
  }
  get sku() {
    return null;
  }
}

export class AbandonedCheckoutView {
  readonly __typename = "AbandonedCheckout";
  readonly #ctx: ViewContext;
  readonly #checkout: GenCheckout;
  readonly #chunk: CustomerChunk;
  constructor(ctx: ViewContext, checkout: GenCheckout, chunk: CustomerChunk) {
    this.#ctx = ctx;
    this.#checkout = checkout;
    this.#chunk = chunk;
  }
  get id() {
    return this.#checkout.gid;
  }
  get name() {
    return `#${legacyId(this.#checkout.gid)}`;
  }
  // Shopify's recovery link embeds the checkout token: …/checkouts/<token>/recover?key=…
  get abandonedCheckoutUrl() {
    return this.#checkout.recoveryUrl;
  }
  get createdAt() {
    return isoSeconds(this.#checkout.createdAt);
  }
  get updatedAt() {
    return isoSeconds(this.#checkout.updatedAt);
  }
  get completedAt() {
    return isoSeconds(this.#checkout.completedAt);
  }
  get customer() {
    return this.#ctx.customer(this.#chunk);
  }
  get totalPriceSet() {
    return moneyBag(this.#checkout.totalPrice, this.#checkout.currency);
  }
  get note() {
    return "";
  }
  get discountCodes() {
    return [];
  }
  get taxesIncluded() {
    return false;
  }
}

export class ProductView {
  readonly __typename = "Product";
  readonly #ctx: ViewContext;
  readonly #product: GenProduct;
  constructor(ctx: ViewContext, product: GenProduct) {
    this.#ctx = ctx;
    this.#product = product;
  }
  get id() {
    return this.#product.gid;
  }
  get legacyResourceId() {
    return legacyId(this.id);
  }
  get title() {
    return this.#product.title;
  }
  get handle() {
    return this.#product.handle;
  }
  get status() {
    return "ACTIVE";
  }
  get vendor() {
    return this.#product.vendor;
  }
  get productType() {
    return this.#product.productType;
  }
  get tags() {
    return [];
  }
  get createdAt() {
    return isoSeconds(this.#product.updatedAt);
  }
  get updatedAt() {
    return isoSeconds(this.#product.updatedAt);
  }
  get collections() {
    const ctx = this.#ctx;
    return new ConnectionSource({
      scan: () => ctx.catalogCollections(this.#product.collectionGids),
      id: (c) => c.gid,
      view: (c) => ctx.collection(c.gid) as CollectionView,
    });
  }
}

export class CollectionView {
  readonly __typename = "Collection";
  readonly #ctx: ViewContext;
  readonly #collection: GenCollection;
  constructor(ctx: ViewContext, collection: GenCollection) {
    this.#ctx = ctx;
    this.#collection = collection;
  }
  get id() {
    return this.#collection.gid;
  }
  get legacyResourceId() {
    return legacyId(this.id);
  }
  get title() {
    return this.#collection.title;
  }
  get handle() {
    return this.#collection.handle;
  }
  get updatedAt() {
    return isoSeconds(this.#collection.updatedAt);
  }
  // Deprecated in 2026-10 in favour of `sources`; still answered (null for custom collections).
  get ruleSet() {
    if (this.#collection.kind === "CUSTOM") return null;
    return { appliedDisjunctively: false, rules: [{ column: "TYPE", relation: "EQUALS", condition: this.#collection.title }] };
  }
  // 2026-10's replacement for `ruleSet`. The stand-in's model: a smart collection has one
  // conditions source, a custom (hand-picked) one none. A source's rules are not modelled, so
  // selecting `inclusion`/`products` on it fails as "not implemented".
  get sources() {
    if (this.#collection.kind === "CUSTOM") return [];
    return [
      {
        __typename: "CollectionConditionsSource",
        id: `gid://shopify/CollectionConditionsSource/${legacyId(this.id)}`,
        title: this.title,
        description: null,
        app: null,
        shareable: false,
      },
    ];
  }
  get products() {
    const ctx = this.#ctx;
    return new ConnectionSource({
      scan: () => ctx.productsInCollection(this.#collection.gid),
      id: (p) => p.gid,
      view: (p) => ctx.product(p.gid) as ProductView,
    });
  }
}

/** A stable numeric shop id from the domain (FNV-1a), as digits. */
function shopNumber(shop: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < shop.length; i++) h = Math.imul(h ^ shop.charCodeAt(i), 0x01000193) >>> 0;
  return String(60_000_000_000 + h);
}
