// Shopify's library loads the shop's offline session from the database on every webhook
// (authenticate.webhook), which was half the cost of a webhook request in the ingest benchmark.
// This wrapper keeps loaded sessions for a few seconds per process. Writes and deletes through
// it invalidate at once; a session deleted behind its back (uninstall clean-up) can be served
// for at most `ttlMs`, which is harmless: its access token is already revoked by Shopify.
import type { Session } from "@shopify/shopify-api";

/** The session storage contract of @shopify/shopify-app-session-storage. */
export interface SessionStore {
  storeSession(session: Session): Promise<boolean>;
  loadSession(id: string): Promise<Session | undefined>;
  deleteSession(id: string): Promise<boolean>;
  deleteSessions(ids: string[]): Promise<boolean>;
  findSessionsByShop(shop: string): Promise<Session[]>;
}

export class CachedSessionStorage implements SessionStore {
  private readonly cache = new Map<string, { session: Session | undefined; until: number }>();

  constructor(
    private readonly inner: SessionStore,
    private readonly options: { ttlMs: number; maxEntries?: number; clock?: () => number },
  ) {}

  private now(): number {
    return this.options.clock?.() ?? Date.now();
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const hit = this.cache.get(id);
    if (hit && hit.until > this.now()) return hit.session;
    const session = await this.inner.loadSession(id);
    // A bounded map: the oldest entry goes first (Map keeps insertion order).
    if (this.cache.size >= (this.options.maxEntries ?? 10_000)) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(id, { session, until: this.now() + this.options.ttlMs });
    return session;
  }

  async storeSession(session: Session): Promise<boolean> {
    this.cache.delete(session.id);
    return this.inner.storeSession(session);
  }

  async deleteSession(id: string): Promise<boolean> {
    this.cache.delete(id);
    return this.inner.deleteSession(id);
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    for (const id of ids) this.cache.delete(id);
    return this.inner.deleteSessions(ids);
  }

  findSessionsByShop(shop: string): Promise<Session[]> {
    return this.inner.findSessionsByShop(shop);
  }
}
