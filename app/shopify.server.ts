// shopifyApp() configuration only. Admin API pinned to 2026-10.
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { db } from "./db/db.server";
import { CachedSessionStorage } from "./lib/cached-session-storage.server";
import { env } from "./env.server";

export const API_VERSION = ApiVersion.October26;

const config = env();

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: config.SCOPES.split(","),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  // Short-lived cache in front of Prisma: every webhook loads the shop's offline session.
  sessionStorage: new CachedSessionStorage(new PrismaSessionStorage(db()), { ttlMs: 10_000 }),
  distribution: AppDistribution.AppStore,
  hooks: {
    // Runs after every OAuth/token exchange: marks the shop installed again and queues the
    // first import. Imported lazily so this config module stays light for the job worker.
    afterAuth: async ({ session }) => {
      const [{ onShopAuthenticated }, { appQueue }] = await Promise.all([
        import("./shopify/install.server"),
        import("./jobs/app-queue.server"),
      ]);
      await onShopAuthenticated(db(), await appQueue(), session.shop, new Date());
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  ...(config.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [config.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
