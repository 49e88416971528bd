// Where the stand-in's store comes from. The generator is deterministic and can regenerate any
// customer by index (with their orders, line items and abandoned checkouts), so a million-customer
// benchmark store is streamed and never held whole in memory; a demo-sized store is cached.
import { demoShop, generateCatalog, generateCustomers } from "~/sandbox/store-generator/generate";
import type { Catalog, CustomerChunk, GenShop } from "~/sandbox/store-generator/types";

export interface StoreSource {
  readonly shop: GenShop;
  readonly catalog: Catalog;
  readonly customerCount: number;
  /** Customers with index in [from, to), in index order, which is ascending Customer ID order. */
  chunks(from?: number, to?: number): Iterable<CustomerChunk>;
  chunkAt(index: number): CustomerChunk | undefined;
  /** The index of the customer that owns the record `gid` names (customer, order, line item, checkout). */
  customerIndexOf(gid: string): number | undefined;
}

export interface GeneratedStoreOptions {
  seed: number;
  customers: number;
  now: Date;
  /** The myshopify domain, e.g. "flock-demo.myshopify.com". */
  shop: string;
  /** Stores up to this many customers are generated once and kept in memory (default 20,000). */
  cacheLimit?: number;
}

// The generator spells GIDs as a prefix plus the customer index in fixed-width digits (see
// OrderOwner in generate-orders.ts), so a GID leads back to the customer to regenerate.
const OWNER_PATTERNS: readonly RegExp[] = [
  /^gid:\/\/shopify\/Customer\/71(\d{11})$/,
  /^gid:\/\/shopify\/Order\/5(\d{9})\d{3}$/,
  /^gid:\/\/shopify\/LineItem\/13(\d{9})\d{4}$/,
  /^gid:\/\/shopify\/AbandonedCheckout\/31(\d{9})\d$/,
];

/** A store generated from a seed, for the demo (cached) or a benchmark (streamed by index). */
export function createGeneratedStoreSource(options: GeneratedStoreOptions): StoreSource {
  const catalog = generateCatalog(options.seed, options.now);
  const count = options.customers;
  const generate = (from: number, to: number) =>
    generateCustomers({ seed: options.seed, customers: Math.max(0, to - from), now: options.now, from }, catalog);
  const cacheable = count <= (options.cacheLimit ?? 20_000);
  let cache: CustomerChunk[] | undefined;
  const all = (): CustomerChunk[] => (cache ??= [...generate(0, count)]);
  const clamp = (n: number) => Math.max(0, Math.min(count, n));

  return {
    shop: demoShop(options.shop),
    catalog,
    customerCount: count,
    chunks(from = 0, to = count) {
      return cacheable ? all().slice(clamp(from), clamp(to)) : generate(clamp(from), clamp(to));
    },
    chunkAt(index) {
      if (!Number.isInteger(index) || index < 0 || index >= count) return undefined;
      if (cacheable) return all()[index];
      for (const chunk of generate(index, index + 1)) return chunk;
      return undefined;
    },
    customerIndexOf(gid) {
      for (const pattern of OWNER_PATTERNS) {
        const digits = pattern.exec(gid)?.[1];
        if (digits !== undefined) {
          const index = Number(digits);
          return index < count ? index : undefined;
        }
      }
      return undefined;
    },
  };
}
