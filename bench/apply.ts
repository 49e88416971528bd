// `npm run bench -- apply [--customers N] [--target sqlite|pg|both]`: a burst of 10,000 signed
// orders/create deliveries through the production receive path (server.ts's webhook receiver)
// into a generated store (100,000 customers by default), applied by the configured workers:
// on SQLite one in-process worker (how SQLite runs in production), on PostgreSQL two
// `npm run worker`-like processes on pg-boss. Reports
// - apply_per_s: deliveries / (last event applied − first event received);
// - lag_p99_ms: from sending a delivery until its customer's memberships reflect it (its order
//   is stored and the customer has been re-evaluated since), sampled every 100 ms;
// - events_applied_twice: inbox rows covered by more than one committed apply;
// - membership_mismatches: customers whose stored membership differs from a fresh evaluation,
//   over every dynamic segment, at the end.
// Before the burst, 50 deliveries warm the workers up (their segment index is built), as in a
// running installation.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import pg from "pg";
import { PG_ADMIN_URL, pgUrlFor } from "../scripts/lib/migrations";
import { BENCH_SHOP, CACHE_DIR, ensureBenchStore } from "./store-cache";
import type { BenchResult } from "./types";
import { load, percentile, serve, serverHandler, setEnv, type Signed } from "./webhooks";

const DELIVERIES = 10_000;
const WARMUP = 50;
const SEGMENTS = ["number_of_orders >= 6", "amount_spent >= 500", "last_order_date > -30d AND number_of_orders >= 2"];
const POLL_MS = 100;

interface Scratch {
  url: string;
  drop(): Promise<void>;
}

async function scratchCopy(kind: "sqlite" | "postgres", customers: number, seed: number): Promise<Scratch> {
  const store = await ensureBenchStore({ customers, seed, kind });
  if (store.kind === "sqlite") {
    const file = join(CACHE_DIR, `apply-${process.pid}.sqlite`);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    copyFileSync(store.file, file);
    for (const suffix of ["-wal", "-shm"]) if (existsSync(store.file + suffix)) copyFileSync(store.file + suffix, file + suffix);
    // What an import now ends with (app/shopify/sync/import.server.ts).
    const sqlite = new Database(file);
    sqlite.exec("ANALYZE");
    sqlite.close();
    return {
      url: `file:${file}`,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
      },
    };
  }
  const name = `flock_bench_apply_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${store.database}"`);
  await admin.end();
  const url = pgUrlFor(name);
  // What an import now ends with (app/shopify/sync/import.server.ts).
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("ANALYZE");
  await client.end();
  return {
    url,
    async drop() {
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Seeded choice of customers, so runs are comparable. */
function pick<T>(items: readonly T[], count: number, seed: number): T[] {
  let state = seed * 2654435761 || 1;
  const next = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, () => items[Math.floor(next() * items.length)] as T);
}

function orderBody(fixture: string, customerGid: string, orderNo: number, at: string): string {
  const text = fixture
    .replace('"gid://shopify/Customer/115310627314723954"', `"${customerGid}"`)
    .replace('"gid://shopify/Order/820982911946154508"', `"gid://shopify/Order/${7_700_000_000 + orderNo}"`)
    .replace('"test": true', '"test": false');
  return text
    .replace(/("cancelled_at":\s*)(null|"[^"]*")/, "$1null")
    .replace(/("created_at":\s*)"[^"]*"/, `$1"${at}"`)
    .replace(/("processed_at":\s*)"[^"]*"/, `$1"${at}"`)
    .replace(/("updated_at":\s*)"[^"]*"/, `$1"${at}"`);
}

/** The webhook receiver's per-process deps (receive.server.ts), with a way to stop its queue. */
async function receiverDeps(url: string): Promise<{ stop(): Promise<void> }> {
  const { db, isPostgresUrl } = await import("~/db/db.server");
  const { env } = await import("~/env.server");
  const { createQueue } = await import("~/jobs/create-queue.server");
  const { createLogger } = await import("~/lib/logger.server");
  const { createApplyJobScheduler } = await import("~/shopify/webhooks/apply-queue.server");
  const { createInboxWriter, prismaInboxCommit, sqliteInboxCommit } = await import("~/shopify/webhooks/inbox.server");
  const { createInstalledShops, shopLookup } = await import("~/shopify/webhooks/installed-shops.server");
  const { setReceiveDeps } = await import("~/shopify/webhooks/receive.server");
  const queue = await createQueue(env(), { db: db(), log: createLogger({ level: "error" }), supervise: false });
  const commit = isPostgresUrl(url) ? prismaInboxCommit(db(), "postgres") : sqliteInboxCommit(url);
  setReceiveDeps({
    inbox: createInboxWriter(commit),
    scheduler: createApplyJobScheduler(queue),
    shops: createInstalledShops(shopLookup(db)),
    now: () => new Date(),
  });
  return {
    async stop() {
      setReceiveDeps(undefined);
      await queue.stop({ timeoutMs: 0 });
    },
  };
}

interface Workers {
  stop(): Promise<number[]>;
}

async function startInProcessWorker(): Promise<Workers> {
  const { db } = await import("~/db/db.server");
  const { env } = await import("~/env.server");
  const { createQueue } = await import("~/jobs/create-queue.server");
  const { jobRegistry } = await import("~/jobs/handlers/index.server");
  const { startWorker } = await import("~/jobs/worker.server");
  const { createLogger } = await import("~/lib/logger.server");
  const log = createLogger({ level: "error" });
  const queue = await createQueue(env(), { db: db(), log });
  const applied: number[] = [];
  const worker = await startWorker({
    queue,
    handlers: jobRegistry({ now: () => new Date(), queue: async () => queue, onApplied: (ids) => void applied.push(...ids) }),
    log,
  });
  return {
    stop: async () => {
      await worker.stop({ timeoutMs: 10_000 });
      return applied;
    },
  };
}

async function startWorkerProcesses(count: number, url: string): Promise<Workers> {
  const children: { child: ChildProcess; out: string }[] = [];
  for (let i = 0; i < count; i++) {
    const out = join(CACHE_DIR, `apply-worker-${process.pid}-${i}.json`);
    const child = spawn(resolve("node_modules/.bin/tsx"), ["bench/apply-worker.ts", out], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((ready, fail) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("ready")) ready();
      });
      child.once("exit", (code) => fail(new Error(`apply worker ${i} exited with ${code}`)));
    });
    children.push({ child, out });
  }
  return {
    async stop() {
      const applied: number[] = [];
      for (const { child, out } of children) {
        const exited = new Promise((done) => child.once("exit", done));
        child.kill("SIGTERM");
        await exited;
        applied.push(...(JSON.parse(readFileSync(out, "utf8")) as number[]));
        rmSync(out, { force: true });
      }
      return applied;
    },
  };
}

async function runOne(kind: "sqlite" | "postgres", customers: number, seed: number): Promise<BenchResult[]> {
  const variant = kind === "sqlite" ? "sqlite-inprocess" : "pg-2-workers";
  const scratch = await scratchCopy(kind, customers, seed);
  setEnv(scratch.url);
  process.env.LOG_LEVEL = "error";
  const { resetEnvCache } = await import("~/env.server");
  resetEnvCache();
  globalThis.__flockDb = undefined;
  globalThis.__flockFactsIndex = undefined;
  const { db } = await import("~/db/db.server");
  const { factsIndexCache } = await import("~/segments/facts-index/facts-index.server");
  const { saveSegment } = await import("~/segments/segment-service.server");
  const { membershipMismatches } = await import("~/shopify/webhooks/segment-refresh-check.server");
  let workers: Workers | undefined;
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  // The receiver's deps as receive.server.ts builds them, but with the queue kept, so it can
  // be stopped before the scratch database is dropped (left running, pg-boss's handle keeps
  // retrying the dropped database and the process never exits).
  const receiver = await receiverDeps(scratch.url);
  try {
    const started = new Date();
    for (const query of SEGMENTS) {
      const saved = await saveSegment({ db: db(), index: factsIndexCache() }, BENCH_SHOP, { name: query, query }, started);
      if (!saved.ok) throw new Error(saved.message);
    }
    globalThis.__flockFactsIndex = undefined; // the workers build their own
    const all = await db().customer.findMany({
      where: { shop: BENCH_SHOP, deletedAt: null },
      select: { gid: true },
      orderBy: { id: "asc" },
    });
    const chosen = pick(
      all.map((c) => c.gid),
      WARMUP + DELIVERIES,
      seed,
    );
    const fixture = readFileSync(resolve("tests/fixtures/shopify/webhooks/orders-create.json"), "utf8");
    const secret = process.env.SHOPIFY_API_SECRET ?? "";
    const at = new Date().toISOString();
    const signed: Signed[] = chosen.map((gid, i) => {
      const body = Buffer.from(orderBody(fixture, gid, i, at));
      return {
        path: "/webhooks/orders/create",
        topic: "orders/create",
        body,
        hmac: createHmac("sha256", secret).update(body).digest("base64"),
      };
    });

    workers = kind === "sqlite" ? await startInProcessWorker() : await startWorkerProcesses(2, scratch.url);
    server = await serve(await serverHandler(secret));
    const port = (server.address() as AddressInfo).port;

    // An event is done once its order is stored and a re-evaluation of its customer has
    // committed after that. A customer picked again later in the burst is listed again by the
    // later event, so "no longer listed" alone would charge the earlier event the later one's
    // wait. When the order is first seen stored, the customer's listing (its generation, which
    // only grows while the row exists) is noted: the event is done at the first sample where
    // the customer is unlisted or listed with a lower generation (unlisted and listed anew in
    // between). The rare re-listing that reaches the same generation again counts as not done
    // (over-estimates, never under).
    const waitApplied = async (gids: readonly { order: string; customer: string }[], since: number[] | undefined): Promise<number[]> => {
      const doneAt = new Array<number>(gids.length).fill(0);
      const listedWhenStored = new Map<number, number | null>();
      let left = gids.map((_, i) => i);
      const deadline = Date.now() + 20 * 60_000;
      while (left.length > 0) {
        if (Date.now() > deadline) throw new Error(`apply bench (${variant}): ${left.length} deliveries not applied after 20 minutes`);
        await new Promise((r) => setTimeout(r, POLL_MS));
        const now = Date.now();
        // Orders first, then the listing: an order seen stored was applied (and its customer
        // listed, in the same transaction) before the listing is read.
        const stored = new Set<string>();
        for (let i = 0; i < left.length; i += 500) {
          const orders = left.slice(i, i + 500).map((j) => gids[j]?.order ?? "");
          for (const o of await db().order.findMany({ where: { shop: BENCH_SHOP, gid: { in: orders } }, select: { gid: true } }))
            stored.add(o.gid);
        }
        const pending = await db().segmentRefreshPending.findMany({
          where: { shop: BENCH_SHOP },
          select: { customerId: true, generation: true },
        });
        const generationOf = new Map<string, number>();
        for (let i = 0; i < pending.length; i += 500) {
          const slice = pending.slice(i, i + 500);
          const byId = new Map(slice.map((p) => [p.customerId, p.generation]));
          for (const c of await db().customer.findMany({
            where: { id: { in: slice.map((p) => p.customerId) } },
            select: { id: true, gid: true },
          }))
            generationOf.set(c.gid, byId.get(c.id) ?? 0);
        }
        left = left.filter((j) => {
          const g = gids[j];
          if (!g) return false;
          const listed = generationOf.get(g.customer);
          if (!listedWhenStored.has(j)) {
            if (!stored.has(g.order)) return true;
            listedWhenStored.set(j, listed ?? null);
          }
          const atStore = listedWhenStored.get(j);
          const refreshed = listed === undefined || (atStore !== null && atStore !== undefined && listed < atStore);
          if (!refreshed) return true;
          doneAt[j] = now - (since?.[j] ?? now);
          return false;
        });
      }
      return doneAt;
    };
    const orderOf = (i: number) => ({ order: `gid://shopify/Order/${7_700_000_000 + i}`, customer: chosen[i] ?? "" });

    const warm = await load(port, signed.slice(0, WARMUP), WARMUP, BENCH_SHOP);
    if (warm.failed > 0) throw new Error(`apply bench (${variant}): ${warm.failed} warm-up deliveries failed`);
    await waitApplied(
      Array.from({ length: WARMUP }, (_, i) => orderOf(i)),
      undefined,
    );

    const firstId = (await db().webhookInbox.aggregate({ where: { shop: BENCH_SHOP }, _max: { id: true } }))._max.id ?? 0;
    const burst = await load(port, signed.slice(WARMUP), DELIVERIES, BENCH_SHOP);
    if (burst.failed > 0) throw new Error(`apply bench (${variant}): ${burst.failed} deliveries failed`);
    const lags = await waitApplied(
      Array.from({ length: DELIVERIES }, (_, i) => orderOf(WARMUP + i)),
      burst.sentAt,
    );
    const span = await db().webhookInbox.aggregate({
      where: { shop: BENCH_SHOP, id: { gt: firstId } },
      _min: { receivedAt: true },
      _max: { processedAt: true },
      _count: { _all: true },
    });
    const seconds = ((span._max.processedAt?.getTime() ?? 0) - (span._min.receivedAt?.getTime() ?? 0)) / 1000;
    const applied = await workers.stop();
    workers = undefined;
    const twice = applied.length - new Set(applied).size;
    const mismatches = await membershipMismatches(db(), BENCH_SHOP, new Date(), scratch.url);
    const sorted = [...lags].sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    return [
      { bench: "apply", metric: "apply_per_s", value: round(span._count._all / seconds), unit: "events/s", variant },
      { bench: "apply", metric: "lag_p50_ms", value: round(percentile(sorted, 50)), unit: "ms", variant },
      { bench: "apply", metric: "lag_p99_ms", value: round(percentile(sorted, 99)), unit: "ms", variant },
      { bench: "apply", metric: "events_applied_twice", value: twice, unit: "events", variant },
      { bench: "apply", metric: "membership_mismatches", value: mismatches, unit: "customers", variant },
      { bench: "apply", metric: "receive_per_s", value: round(DELIVERIES / burst.seconds), unit: "req/s", variant },
    ];
  } finally {
    await workers?.stop();
    if (server) await new Promise<void>((done) => server?.close(() => done()));
    // The receiver's queue handle (pg-boss on PostgreSQL) goes before its database does.
    await (await globalThis.__flockAppQueue)?.stop({ timeoutMs: 0 });
    globalThis.__flockAppQueue = undefined;
    await receiver.stop();
    await db().$disconnect();
    globalThis.__flockDb = undefined;
    await scratch.drop();
  }
}

export async function benchApply(options: { customers?: number; seed: number; target?: "sqlite" | "pg" | "both" }): Promise<BenchResult[]> {
  const customers = options.customers ?? 100_000;
  const target = options.target ?? "both";
  const results: BenchResult[] = [];
  if (target !== "pg") results.push(...(await runOne("sqlite", customers, options.seed)));
  if (target !== "sqlite") results.push(...(await runOne("postgres", customers, options.seed)));
  return results;
}
