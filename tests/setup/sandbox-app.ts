// Route tests as the sandbox session: a fresh database per file, the app's process-wide
// database and facts index pointed at it, and the environment restored afterwards.
import { resetEnvCache } from "~/env.server";
import { createTestDb, type TestDb } from "./test-db";

export interface SandboxApp {
  t: TestDb;
  close(): Promise<void>;
}

/** Call in beforeAll, before importing route modules (Shopify's session storage opens the database on import). */
export async function openSandboxApp(shop: string): Promise<SandboxApp> {
  const saved = { ...process.env };
  const t = await createTestDb();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    FLOCK_SANDBOX: "1",
    NODE_ENV: "development",
    HOST: "127.0.0.1",
    FLOCK_SANDBOX_SHOP: shop,
  });
  resetEnvCache();
  globalThis.__flockDb = t.db;
  globalThis.__flockFactsIndex = undefined;
  await t.db.shop.create({ data: { shop, name: "Test", currency: "USD" } });
  return {
    t,
    async close() {
      globalThis.__flockDb = undefined;
      globalThis.__flockFactsIndex = undefined;
      process.env = saved;
      resetEnvCache();
      await t.drop();
    },
  };
}
