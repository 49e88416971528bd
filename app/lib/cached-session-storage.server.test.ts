import { Session } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { CachedSessionStorage, type SessionStore } from "./cached-session-storage.server";

/** An in-memory store that counts loads, standing in for the Prisma storage. */
function countingStore() {
  const sessions = new Map<string, Session>();
  const store = {
    loads: 0,
    async storeSession(s: Session) {
      sessions.set(s.id, s);
      return true;
    },
    async loadSession(id: string) {
      store.loads += 1;
      return sessions.get(id);
    },
    async deleteSession(id: string) {
      return sessions.delete(id);
    },
    async deleteSessions(ids: string[]) {
      for (const id of ids) sessions.delete(id);
      return true;
    },
    async findSessionsByShop(shop: string) {
      return [...sessions.values()].filter((s) => s.shop === shop);
    },
  } satisfies SessionStore & { loads: number };
  return store;
}

const session = (token: string) =>
  new Session({ id: "offline_a.myshopify.com", shop: "a.myshopify.com", state: "s", isOnline: false, accessToken: token });

describe("CachedSessionStorage", () => {
  it("answers repeated loads from memory until the TTL passes", async () => {
    let now = 0;
    const inner = countingStore();
    await inner.storeSession(session("t1"));
    const cached = new CachedSessionStorage(inner, { ttlMs: 5000, clock: () => now });
    expect((await cached.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("t1");
    await cached.loadSession("offline_a.myshopify.com");
    expect(inner.loads).toBe(1);
    now = 5001;
    await cached.loadSession("offline_a.myshopify.com");
    expect(inner.loads).toBe(2);
  });

  it("never serves a session it stored over or deleted", async () => {
    const inner = countingStore();
    const cached = new CachedSessionStorage(inner, { ttlMs: 60_000 });
    await cached.storeSession(session("old"));
    expect((await cached.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("old");
    await cached.storeSession(session("new"));
    expect((await cached.loadSession("offline_a.myshopify.com"))?.accessToken).toBe("new");
    await cached.deleteSession("offline_a.myshopify.com");
    expect(await cached.loadSession("offline_a.myshopify.com")).toBeUndefined();
    await cached.storeSession(session("again"));
    await cached.deleteSessions(["offline_a.myshopify.com"]);
    expect(await cached.loadSession("offline_a.myshopify.com")).toBeUndefined();
  });

  it("stays within its entry bound", async () => {
    const inner = countingStore();
    const cached = new CachedSessionStorage(inner, { ttlMs: 60_000, maxEntries: 2 });
    await cached.loadSession("x");
    await cached.loadSession("y");
    await cached.loadSession("z");
    await cached.loadSession("x");
    expect(inner.loads).toBe(4);
  });
});
