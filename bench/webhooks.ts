// `npm run bench -- webhooks`: the real webhook route (app/routes/webhooks.orders.create.tsx
// and friends) on loopback under load, with validly signed events: HMAC check, raw body
// into the inbox, apply job coalesced, 200. Reports requests per second whose event was
// committed durably before the answer (the inbox row count is checked at the end) and the
// p99 latency. The load generator is built in (node:http keep-alive agents): autocannon is
// not a dependency. SQLite runs as the app runs it (Prisma's better-sqlite3 adapter, default
// journal and synchronous settings; the inbox writer runs WAL with synchronous=FULL), so every
// acknowledged event has been fsynced. The load generator runs in a worker thread.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { createScratchDb } from "../scripts/lib/migrations";
import type { Bench, BenchResult } from "./types";

const CONNECTIONS = 64;
const WARMUP = 1_000;
const REQUESTS = 20_000;
const TOPICS = [
  { topic: "orders/create", fixture: "orders-create" },
  { topic: "customers/update", fixture: "customers-update" },
  { topic: "checkouts/update", fixture: "checkouts-update" },
] as const;

type Action = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;

function setEnv(url: string): void {
  process.env.DATABASE_URL = url;
  process.env.SHOPIFY_API_KEY ??= "bench-api-key";
  process.env.SHOPIFY_API_SECRET ??= "bench-api-secret";
  process.env.SHOPIFY_APP_URL ??= "https://flock.bench";
  process.env.SCOPES ??= "read_customers";
  process.env.FLOCK_ENCRYPTION_KEY ??= "2".repeat(64);
  process.env.LOG_LEVEL = "silent";
}

/** Loopback HTTP server handing each POST to the route module's action, as Remix would. */
async function serve(actions: Map<string, Action>): Promise<Server> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const action = actions.get(req.url ?? "");
      if (!action) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: "POST", headers, body: Buffer.concat(chunks) });
      action({ request, params: {}, context: {} }).then(
        (response) => void response.text().then((text) => res.writeHead(response.status).end(text)),
        (thrown: unknown) => res.writeHead(thrown instanceof Response ? thrown.status : 500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

interface Signed { path: string; topic: string; body: Buffer; hmac: string }

/**
 * The load generator runs in a worker thread, so it does not share the server's event loop:
 * `total` requests over `CONNECTIONS` keep-alive sockets; returns the latencies (ms) of 200s.
 * Plain JavaScript (eval'd), so the worker needs no TypeScript loader.
 */
const LOAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const { randomUUID } = require("node:crypto");
const { port, signed, total, connections, shop } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const ok = [];
let failed = 0;
let next = 0;
function one(s) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request({ host: "127.0.0.1", port, path: s.path, method: "POST", agent, headers: {
      "Content-Type": "application/json", "Content-Length": s.body.length, "X-Shopify-Topic": s.topic, "X-Shopify-Hmac-Sha256": s.hmac,
      "X-Shopify-Shop-Domain": shop, "X-Shopify-Api-Version": "2026-10", "X-Shopify-Webhook-Id": randomUUID(), "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString() } }, (res) => {
      res.resume();
      res.on("end", () => { if (res.statusCode === 200) ok.push(performance.now() - started); else failed += 1; resolve(); });
    });
    req.on("error", () => { failed += 1; resolve(); });
    req.end(Buffer.from(s.body));
  });
}
(async () => {
  const start = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (next < total) { const s = signed[next % signed.length]; next += 1; await one(s); }
  }));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  parentPort.postMessage({ ok, failed, seconds });
})();
`;

async function load(port: number, signed: readonly Signed[], total: number, shop: string): Promise<{ ok: number[]; failed: number; seconds: number }> {
  const worker = new Worker(LOAD_SOURCE, { eval: true, workerData: { port, signed, total, connections: CONNECTIONS, shop } });
  try {
    return await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  } finally {
    await worker.terminate();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export const benchWebhooks: Bench = () => runWebhooksBench(REQUESTS, WARMUP);

/**
 * The measurement, with its sizes as arguments (a smoke run uses small ones). `prepare` runs
 * once the app is configured, before the server starts (what-if probes patch things there).
 */
export async function runWebhooksBench(requests: number, warmup: number, prepare?: () => Promise<void>): Promise<BenchResult[]> {
  const scratch = await createScratchDb("sqlite", "webhooks");
  setEnv(scratch.url);
  const { resetEnvCache } = await import("~/env.server");
  resetEnvCache();
  const { db } = await import("~/db.server");
  const actions = new Map<string, Action>();
  for (const { topic } of TOPICS) {
    const route = (await import(`../app/routes/webhooks.${topic.replace("/", ".")}.tsx`)) as { action: Action };
    actions.set(`/webhooks/${topic}`, route.action);
  }
  const secret = process.env.SHOPIFY_API_SECRET ?? "";
  const signed: Signed[] = TOPICS.map(({ topic, fixture }) => {
    const body = readFileSync(join(process.cwd(), "tests/fixtures/shopify/webhooks", `${fixture}.json`));
    return { path: `/webhooks/${topic}`, topic, body, hmac: createHmac("sha256", secret).update(body).digest("base64") };
  });
  await prepare?.();
  const server = await serve(actions);
  const port = (server.address() as AddressInfo).port;
  const shop = "bench-shop.myshopify.com";
  try {
    await load(port, signed, warmup, shop);
    const before = await db().webhookInbox.count();
    const run = await load(port, signed, requests, shop);
    const stored = (await db().webhookInbox.count()) - before;
    if (run.failed > 0 || stored !== run.ok.length) throw new Error(`webhooks bench: ${run.failed} failed, ${run.ok.length} answered 200 but ${stored} stored`);
    const sorted = [...run.ok].sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    const results: BenchResult[] = [
      { bench: "webhooks", metric: "req_per_s", value: round(stored / run.seconds), unit: "req/s", variant: "sqlite" },
      { bench: "webhooks", metric: "p50_ms", value: round(percentile(sorted, 50)), unit: "ms", variant: "sqlite" },
      { bench: "webhooks", metric: "p99_ms", value: round(percentile(sorted, 99)), unit: "ms", variant: "sqlite" },
    ];
    return results;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db().$disconnect();
    await scratch.drop();
  }
}
