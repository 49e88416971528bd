// The store as the Admin API's root fields see it: connections over the whole store and `node`
// lookups by GID, all computed from the store source (the generator) on demand. Pure.
import type { CustomerChunk, GenCollection, GenCustomer, GenProduct } from "~/sandbox/store-generator/types";
import { ConnectionSource } from "./connection";
import {
  checkoutSearch,
  checkoutSortKeys,
  collectionSearch,
  collectionSortKeys,
  customerSearch,
  customerSortKeys,
  orderSearch,
  orderSortKeys,
  ordersInIdOrder,
  productSearch,
  productSortKeys,
} from "./resources";
import type { ConsentOverlay } from "./consent-mutations";
import { buildCreatedCustomer } from "./customer-create";
import { parseSearchQuery } from "./search-query";
import type { StoreSource } from "./store-source";
import {
  AbandonedCheckoutView,
  CollectionView,
  CustomerView,
  LineItemView,
  OrderView,
  ProductView,
  ShopView,
  type ViewContext,
} from "./views";

export class StoreViews implements ViewContext {
  readonly shopInfo;
  readonly #products = new Map<string, GenProduct>();
  readonly #collections = new Map<string, GenCollection>();
  readonly #members = new Map<string, GenProduct[]>();
  /** Consent set through the consent mutations, over the generated store (which never changes). */
  readonly #consent = new Map<string, ConsentOverlay>();
  /** Customers made by customerCreate (customer-create.ts), by GID. */
  readonly #created = new Map<string, CustomerChunk>();
  #nextCreatedId = 9_000_000_000_000;

  constructor(readonly source: StoreSource) {
    this.shopInfo = source.shop;
    for (const c of source.catalog.collections) {
      this.#collections.set(c.gid, c);
      this.#members.set(c.gid, []);
    }
    for (const p of source.catalog.products) {
      this.#products.set(p.gid, p);
      for (const g of p.collectionGids) this.#members.get(g)?.push(p);
    }
  }

  shop() {
    return new ShopView(this.shopInfo);
  }
  customer(chunk: CustomerChunk) {
    const overlay = this.#consent.get(chunk.customer.gid);
    return new CustomerView(this, overlay ? { ...chunk, customer: { ...chunk.customer, ...overlay } } : chunk);
  }
  setConsent(gid: string, overlay: ConsentOverlay) {
    this.#consent.set(gid, { ...this.#consent.get(gid), ...overlay });
  }
  /** customerCreate: the new customer (its view, and the record for the webhook), or Shopify's userErrors. */
  createCustomer(
    args: Record<string, unknown>,
    now: Date,
  ): { customer: CustomerView | null; created: GenCustomer | null; userErrors: { field: string[]; message: string }[] } {
    const gid = `gid://shopify/Customer/${this.#nextCreatedId + this.#created.size + 1}`;
    const result = buildCreatedCustomer(
      args,
      {
        findByEmail: (e) => this.#anyCustomer((c) => c.email?.toLowerCase() === e),
        findByPhone: (p) => this.#anyCustomer((c) => c.phone === p),
      },
      gid,
      now,
    );
    if ("userErrors" in result) return { customer: null, created: null, userErrors: result.userErrors };
    this.#created.set(gid, result.chunk);
    return { customer: this.customer(result.chunk), created: result.chunk.customer, userErrors: [] };
  }
  /** The generated customers, then those made by customerCreate (their IDs are higher). */
  *#withCreated(chunks: Iterable<CustomerChunk>, afterIdKey: string | null): Generator<CustomerChunk> {
    yield* chunks;
    const after = afterIdKey === null ? -1n : BigInt(afterIdKey);
    for (const chunk of this.#created.values())
      if (BigInt(chunk.customer.gid.slice(chunk.customer.gid.lastIndexOf("/") + 1)) > after) yield chunk;
  }
  #anyCustomer(match: (c: CustomerChunk["customer"]) => boolean): boolean {
    for (const chunk of this.#created.values()) if (match(chunk.customer)) return true;
    for (const chunk of this.source.chunks()) if (match(chunk.customer)) return true;
    return false;
  }
  product(gid: string) {
    const p = this.#products.get(gid);
    return p ? new ProductView(this, p) : null;
  }
  collection(gid: string) {
    const c = this.#collections.get(gid);
    return c ? new CollectionView(this, c) : null;
  }
  productsInCollection(gid: string) {
    return this.#members.get(gid) ?? [];
  }
  catalogCollections(gids: readonly string[]) {
    return gids.flatMap((g) => this.#collections.get(g) ?? []);
  }

  customers() {
    return new ConnectionSource<CustomerChunk>({
      scan: () => this.#withCreated(this.source.chunks(), null),
      narrow: (query) => {
        const chunks = this.#recentlyActive(query);
        return chunks && this.#withCreated(chunks, null);
      },
      // Customer IDs grow with the generator's index, so a forward ID page starts at the cursor.
      scanAfter: (afterIdKey) =>
        this.#withCreated(
          this.source.chunks(afterIdKey === null ? 0 : this.#indexAfter(`gid://shopify/Customer/${afterIdKey.replace(/^0+/, "")}`)),
          afterIdKey,
        ),
      id: (c) => c.customer.gid,
      search: customerSearch,
      sortKeys: customerSortKeys,
      view: (c) => this.customer(c),
    });
  }

  orders() {
    const source = this.source;
    return new ConnectionSource({
      scan: () => ordersOf(source.chunks()),
      narrow: (query) => {
        const chunks = this.#recentlyActive(query);
        return chunks && ordersOf(chunks);
      },
      scanAfter: (afterIdKey) =>
        ordersOf(source.chunks(afterIdKey === null ? 0 : this.#indexAfter(`gid://shopify/Order/${afterIdKey.replace(/^0+/, "")}`) - 1)),
      id: (i) => i.order.gid,
      search: orderSearch,
      sortKeys: orderSortKeys,
      view: (i) => new OrderView(this, i.order, i.chunk),
    });
  }

  abandonedCheckouts() {
    const source = this.source;
    return new ConnectionSource({
      scan: () => checkoutsOf(source.chunks()),
      narrow: (query) => {
        const chunks = this.#recentlyActive(query);
        return chunks && checkoutsOf(chunks);
      },
      id: (i) => i.checkout.gid,
      search: checkoutSearch,
      sortKeys: checkoutSortKeys,
      view: (i) => new AbandonedCheckoutView(this, i.checkout, i.chunk),
    });
  }

  products() {
    return new ConnectionSource({
      scan: () => this.source.catalog.products,
      id: (p) => p.gid,
      search: productSearch,
      sortKeys: productSortKeys,
      view: (p) => new ProductView(this, p),
    });
  }

  collections() {
    return new ConnectionSource({
      scan: () => this.source.catalog.collections,
      id: (c) => c.gid,
      search: collectionSearch,
      sortKeys: collectionSortKeys,
      view: (c) => new CollectionView(this, c),
    });
  }

  /** `node(id:)`: any store record by GID, or null. */
  node(gid: string): object | null {
    const type = /^gid:\/\/shopify\/(\w+)\//.exec(gid)?.[1];
    switch (type) {
      case "Shop":
        return this.shop().id === gid ? this.shop() : null;
      case "Product":
        return this.product(gid);
      case "Collection":
        return this.collection(gid);
      case "Customer":
      case "Order":
      case "LineItem":
      case "AbandonedCheckout":
        return this.#owned(type, gid);
      default:
        return null;
    }
  }

  #owned(type: string, gid: string): object | null {
    const index = this.source.customerIndexOf(gid);
    const chunk = this.#created.get(gid) ?? (index === undefined ? undefined : this.source.chunkAt(index));
    if (!chunk) return null;
    if (type === "Customer") return chunk.customer.gid === gid ? this.customer(chunk) : null;
    if (type === "AbandonedCheckout") {
      const checkout = chunk.checkouts.find((k) => k.gid === gid);
      return checkout ? new AbandonedCheckoutView(this, checkout, chunk) : null;
    }
    for (const order of chunk.orders) {
      if (order.gid === gid) return new OrderView(this, order, chunk);
      const li = type === "LineItem" ? order.lineItems.find((l) => l.gid === gid) : undefined;
      if (li) return new LineItemView(this, li, order.currency);
    }
    return null;
  }

  /**
   * Incremental syncs ask for `updated_at:>'…'` page after page. On a streamed store each page
   * would regenerate every customer, so the first such query records, per customer, the latest
   * update of the customer or anything they own; later ones regenerate only customers at or past
   * the bound. Null when the query has no such lower bound (or uses OR).
   */
  *#recentlyActiveGen(since: number): Generator<CustomerChunk> {
    const activity = (this.#activity ??= this.#buildActivity());
    // Consecutive candidates are generated as one run: starting the generator has a fixed cost.
    for (let i = 0; i < activity.length;) {
      if ((activity[i] ?? 0) < since) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < activity.length && (activity[end] ?? 0) >= since) end++;
      yield* this.source.chunks(i, end);
      i = end;
    }
  }

  #recentlyActive(query: string | null | undefined): Iterable<CustomerChunk> | null {
    if (!query) return null;
    const groups = parseSearchQuery(query);
    const term =
      groups.length === 1
        ? groups[0]?.find((t) => t.field === "updated_at" && !t.negated && (t.comparator === ">" || t.comparator === ">="))
        : undefined;
    const since = term ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(term.value) ? `${term.value}T00:00:00Z` : term.value) : NaN;
    return Number.isNaN(since) ? null : this.#recentlyActiveGen(since);
  }

  #activity: Float64Array | undefined;
  #buildActivity(): Float64Array {
    const activity = new Float64Array(this.source.customerCount);
    let i = 0;
    for (const chunk of this.source.chunks()) {
      let latest = chunk.customer.updatedAt.getTime();
      for (const o of chunk.orders) latest = Math.max(latest, o.updatedAt.getTime());
      for (const k of chunk.checkouts) latest = Math.max(latest, k.updatedAt.getTime());
      activity[i++] = latest;
    }
    return activity;
  }

  #indexAfter(gid: string): number {
    const index = this.source.customerIndexOf(gid);
    return index === undefined ? 0 : index + 1;
  }
}

function* ordersOf(chunks: Iterable<CustomerChunk>) {
  for (const chunk of chunks) for (const order of ordersInIdOrder(chunk)) yield { order, chunk };
}

function* checkoutsOf(chunks: Iterable<CustomerChunk>) {
  for (const chunk of chunks) for (const checkout of chunk.checkouts) yield { checkout, chunk };
}
