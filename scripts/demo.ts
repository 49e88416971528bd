// `npm run demo`: everything local, no Shopify account, no provider keys. Migrates a SQLite
// database, starts the Shopify Admin stand-in over a generated demo store, imports it through
// bulk operations (first run, or with --reset), builds the app if the build is stale, starts
// it on 127.0.0.1 with the sandbox session and an in-process worker, and prints the URL.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const DEMO_DEFAULTS: Record<string, string> = {
  NODE_ENV: "development",
  HOST: "127.0.0.1",
  PORT: "3000",
  DATABASE_URL: "file:./prisma/demo.sqlite",
  SHOPIFY_API_KEY: "sandbox-api-key",
  SHOPIFY_API_SECRET: "sandbox-api-secret",
  SCOPES: "read_customers,write_customers,read_orders,read_all_orders,read_products,write_discounts,read_discounts,read_checkouts",
  // Demo-only key: the sandbox holds no real provider secrets.
  FLOCK_ENCRYPTION_KEY: "0000000000000000000000000000000000000000000000000000000000000000",
  FLOCK_SANDBOX: "1",
  FLOCK_INPROCESS_WORKER: "1",
  FLOCK_DEMO_CUSTOMERS: "3000",
};

for (const [key, value] of Object.entries(DEMO_DEFAULTS)) process.env[key] ??= value;
process.env.SHOPIFY_APP_URL ??= `http://${process.env.HOST}:${process.env.PORT}`;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.includes(".test.")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function buildIsStale(): boolean {
  const built = "build/server/index.js";
  if (!existsSync(built)) return true;
  const sources = Math.max(newestMtime("app"), statSync("vite.config.ts").mtimeMs, statSync("package.json").mtimeMs);
  return sources > statSync(built).mtimeMs;
}

async function main(): Promise<void> {
  const started = Date.now();
  const say = (text: string) => console.log(`[demo ${((Date.now() - started) / 1000).toFixed(1)}s] ${text}`);
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
  say("database migrated");

  const { env } = await import("../app/env.server");
  const { db } = await import("../app/db/db.server");
  const { startDemoStore, SANDBOX_ADMIN_TOKEN } = await import("../app/sandbox/demo-store.server");
  const config = env();
  const store = await startDemoStore({
    db: db(),
    databaseUrl: config.DATABASE_URL,
    shop: config.FLOCK_SANDBOX_SHOP,
    customers: Number(process.env.FLOCK_DEMO_CUSTOMERS),
    reset: process.argv.includes("--reset"),
    now: new Date(),
    dataDir: process.env.FLOCK_DEMO_DATA_DIR ?? ".cache/demo",
    // Consent written back to the stand-in comes back as Shopify's signed consent webhook.
    consentWebhooks: { appUrl: config.SHOPIFY_APP_URL.replace(/\/$/, ""), secret: config.SHOPIFY_API_SECRET },
  });
  // The app's sandbox session talks to this stand-in as its Admin API (Resync, Retry).
  process.env.FLOCK_SANDBOX_ADMIN_ORIGIN = store.standIn.origin;
  process.env.FLOCK_SANDBOX_ADMIN_TOKEN = SANDBOX_ADMIN_TOKEN;
  say(
    store.resumed
      ? `resumed the interrupted import of ${config.FLOCK_SANDBOX_SHOP}: ${store.customers} customers, ${store.orders} orders`
      : store.imported
        ? `imported ${config.FLOCK_SANDBOX_SHOP} from the Admin stand-in (bulk operations): ${store.customers} customers, ${store.orders} orders`
        : `demo shop ${config.FLOCK_SANDBOX_SHOP} already imported (npm run demo -- --reset to start over)`,
  );

  // Twilio and SendGrid stand-ins behind Prism; the demo shop comes configured with their
  // sandbox credentials, and the app reaches them through these variables (sandbox only).
  const { startDemoMessaging } = await import("../app/sandbox/messaging-demo.server");
  const { decodeKey, resetEnvCache } = await import("../app/env.server");
  const messaging = await startDemoMessaging({
    db: db(),
    shop: config.FLOCK_SANDBOX_SHOP,
    appUrl: config.SHOPIFY_APP_URL.replace(/\/$/, ""),
    key: decodeKey(config.FLOCK_ENCRYPTION_KEY) ?? Buffer.alloc(0),
  });
  Object.assign(process.env, messaging.env);
  // env() was parsed before the stand-ins' variables were set; the in-process worker (same
  // modules as this script) must see them, or its dispatcher and write-backs go to the real hosts.
  resetEnvCache();
  say("Twilio and SendGrid stand-ins ready (Prism in front of each)");

  if (buildIsStale()) {
    say("building the app…");
    execFileSync("node_modules/.bin/remix", ["vite:build"], { stdio: ["ignore", "ignore", "inherit"] });
  }
  const { startServer } = await import("../server");
  const server = await startServer();
  say("ready");
  console.log(`\n  Flock demo: ${server.url}/app\n`);
  const stop = () => void Promise.all([server.close(), store.standIn.close(), messaging.close()]).finally(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

await main();
