// Which shops have an installation: a Shop row, written when a shop authenticates
// (install.server.ts) and removed when its data is erased. A delivery for any other shop is
// acknowledged and dropped, so nothing is stored that no erasure would ever find.
//
// The receive path asks for every delivery, so answers are cached per process for a few
// seconds (one indexed read per shop per TTL instead of one per request). A stale answer
// errs for TTL at most: an install is seen a few seconds late (the install's bulk import and
// the hourly reconciliation cover those seconds), an erasure likewise.
import type { Db } from "~/db/db.server";

export interface ShopInstallation {
  installed: boolean;
  /** Set by app/uninstalled; the shop's data is still held until shop/redact. */
  uninstalled: boolean;
}

export interface InstalledShops {
  /** Cached answer (for the receive path). */
  get(shop: string): Promise<ShopInstallation>;
  /** Read now, bypassing and refreshing the cache (for uninstall and redact decisions). */
  fresh(shop: string): Promise<ShopInstallation>;
}

export const INSTALLED_SHOPS_TTL_MS = 5_000;

/** Bounded so a flood of deliveries for made-up shops cannot grow the process without end. */
const MAX_ENTRIES = 10_000;

/** The shop's row, as the receive path needs it; null when it has none. */
export type ShopLookup = (shop: string) => Promise<{ uninstalledAt: Date | null } | null>;

export function shopLookup(db: () => Db): ShopLookup {
  return (shop) => db().shop.findUnique({ where: { shop }, select: { uninstalledAt: true } });
}

export function createInstalledShops(lookup: ShopLookup, options: { ttlMs?: number; clock?: () => number } = {}): InstalledShops {
  const ttl = options.ttlMs ?? INSTALLED_SHOPS_TTL_MS;
  const clock = options.clock ?? (() => performance.now());
  const cache = new Map<string, { at: number; answer: Promise<ShopInstallation> }>();

  const read = async (shop: string): Promise<ShopInstallation> => {
    const row = await lookup(shop);
    return { installed: row !== null, uninstalled: row?.uninstalledAt != null };
  };
  const remember = (shop: string, answer: Promise<ShopInstallation>) => {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(shop, { at: clock(), answer });
    // A failed read is not an answer: the next delivery asks again.
    answer.catch(() => cache.delete(shop));
    return answer;
  };

  return {
    get(shop) {
      const hit = cache.get(shop);
      // Concurrent deliveries for one shop share the read in flight.
      if (hit && clock() - hit.at < ttl) return hit.answer;
      return remember(shop, read(shop));
    },
    fresh: (shop) => remember(shop, read(shop)),
  };
}
