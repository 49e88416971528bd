// One test database wired to the real webhook routes and appliers: requests go through the
// route action (HMAC check included), events are applied by draining the inbox as the job does.
import { createTestDb, type TestDb } from "../../../../tests/setup/test-db";
import { resetEnvCache } from "~/env.server";
import type { AdminGraphql } from "~/shopify/admin-client.server";
import type { ApplyDeps } from "../apply.server";
import { type ChangeCollector, drainShopInbox, type DrainResult } from "../drain.server";
import { createInboxWriter, prismaInboxCommit, sqliteInboxCommit } from "../inbox.server";
import { createInstalledShops, shopLookup } from "../installed-shops.server";
import type { WebhookTopic } from "../topics";
import { signedWebhook, type SignOptions } from "./signed-webhooks";

export interface WebhookTestEnv {
  t: TestDb;
  deps: ApplyDeps;
  /** Shops an apply job was requested for, in order. */
  scheduled: string[];
  /**
   * Calls the topic's route action; a thrown Response (401, 400) is returned. The shop is
   * installed first (a Shop row installed long ago) unless `install: false` or it has a row;
   * the delivery arrives at `receivedAt`, else when it was triggered, else now.
   */
  post(topic: WebhookTopic, body: string, options: PostOptions): Promise<Response>;
  /** The receive clock for requests that do not go through `post` (undefined: the real clock). */
  setNow(now: Date | undefined): void;
  drain(shop: string): Promise<DrainResult>;
  /** Drains like the apply job, gathering what changed for segment refreshes. */
  drainInto(shop: string, changes: ChangeCollector): Promise<DrainResult>;
  close(): Promise<void>;
}

export interface PostOptions extends SignOptions {
  install?: false;
  receivedAt?: Date;
}

async function drainOrThrow(deps: ApplyDeps, shop: string, changes?: ChangeCollector): Promise<DrainResult> {
  const result = await drainShopInbox(deps, shop, undefined, changes);
  if (!result) throw new Error(`Another drain of ${shop} holds its lease`);
  return result;
}

export async function openWebhookTestEnv(options: { adminGraphql?: AdminGraphql } = {}): Promise<WebhookTestEnv> {
  const t = await createTestDb();
  // shopify.server (imported by the routes) opens db() and reads env() on import.
  // eslint-disable-next-line no-restricted-properties -- a test points the app at its own database
  process.env.DATABASE_URL = t.url;
  resetEnvCache();
  globalThis.__flockDb = t.db;
  const receive = await import("../receive.server");
  const dialect = t.kind === "postgres" ? "postgres" : "sqlite";
  // A throwaway database needs no fsync per commit (the property tests commit thousands).
  if (dialect === "sqlite") await t.db.$queryRawUnsafe("PRAGMA synchronous = OFF");
  const scheduled: string[] = [];
  // SQLite takes the production fast path (its own connection); PostgreSQL goes through Prisma.
  const commit = dialect === "sqlite" ? sqliteInboxCommit(t.url) : prismaInboxCommit(t.db, dialect);
  let receivedAt: Date | undefined;
  // Concurrent posts for one shop share one install.
  const installs = new Map<string, Promise<void>>();
  const installOnce = (shop: string) => {
    const install = async () => {
      if (await t.db.shop.findUnique({ where: { shop }, select: { id: true } })) return;
      await t.db.shop.create({ data: { shop, name: shop, installedAt: new Date(0) } });
    };
    const running = installs.get(shop) ?? install();
    installs.set(shop, running);
    return running;
  };
  receive.setReceiveDeps({
    inbox: createInboxWriter(commit),
    scheduler: { ensureApplyJob: async (shop) => void scheduled.push(shop), scheduleReconcile: async () => {} },
    // Uncached, so an install or erasure in a test is seen by the next delivery.
    shops: createInstalledShops(
      shopLookup(() => t.db),
      { ttlMs: 0 },
    ),
    now: () => receivedAt ?? new Date(),
  });
  const fallback: AdminGraphql = async () =>
    new Response(JSON.stringify({ errors: [{ message: "no Admin API in this test" }] }), { status: 200 });
  const deps: ApplyDeps = { db: t.db, dialect, secret: Buffer.alloc(32, 7), adminGraphql: async () => options.adminGraphql ?? fallback };
  return {
    t,
    deps,
    scheduled,
    async post(topic, body, { install, receivedAt: at, ...signOptions }) {
      if (install !== false) await installOnce(signOptions.shop);
      receivedAt = at ?? signOptions.triggeredAt;
      try {
        // The route module itself (app/routes/webhooks.<topic>.tsx), as Remix would call it.
        const route = (await import(`../../../routes/webhooks.${topic.replaceAll("/", ".")}.tsx`)) as {
          action: ReturnType<typeof receive.webhookAction>;
        };
        return await route.action({ request: signedWebhook(topic, body, signOptions), params: {}, context: {} });
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    },
    setNow(now) {
      receivedAt = now;
    },
    drain: (shop) => drainOrThrow(deps, shop),
    drainInto: (shop, changes) => drainOrThrow(deps, shop, changes),
    async close() {
      receive.setReceiveDeps(undefined);
      globalThis.__flockDb = undefined;
      await t.drop();
    },
  };
}
