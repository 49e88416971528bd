// `npm run bench -- webhooks`: signed webhooks on loopback under load, through both real
// receive paths: `server` is what the production server (server.ts) answers them with, the
// webhook receiver in front of Express and Remix; `route` is the Remix route action itself
// (app/routes/webhooks.orders.create.tsx and friends, handed a fetch Request as Remix would).
// Each: HMAC check, raw body into the inbox, apply job coalesced, 200. Reports requests per second whose event was
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

export function setEnv(url: string): void {
  process.env.DATABASE_URL = url;
  process.env.SHOPIFY_API_KEY ??= "bench-api-key";
  process.env.SHOPIFY_API_SECRET ??= "bench-api-secret";
  process.env.SHOPIFY_APP_URL ??= "https://flock.bench";
  process.env.SCOPES ??= "read_customers";
  process.env.FLOCK_ENCRYPTION_KEY ??= "2".repeat(64);
  process.env.LOG_LEVEL = "silent";
}

/** The route path: each POST handed to the route module's action as a fetch Request, as Remix would. */
function routeHandler(actions: Map<string, Action>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
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
  };
}

/** The production server's path: the webhook receiver server.ts puts in front of Express. */
export async function serverHandler(secret: string): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  const { withWebhookReceiver } = await import("~/shopify/webhooks/http-receive.server");
  const notFound = (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(404).end();
  return withWebhookReceiver(
    () => secret,
    notFound,
    (error) => console.error(error),
  );
}

export async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

export interface Signed {
  path: string;
  topic: string;
  body: Buffer;
  hmac: string;
}

/**
 * The load generator runs in a worker thread, so it does not share the server's event loop:
 * `total` requests over `CONNECTIONS` keep-alive sockets, one request in flight per socket;
 * returns the latencies (ms) of 200s. Like autocannon it writes prepared request bytes on raw
 * sockets and reads only the status line and Content-Length of each answer, so the client's
 * own cost stays small next to the server's (node:http's client cost about as much CPU per
 * request as the server). Each request still carries fresh webhook and event ids.
 * Plain JavaScript (eval'd), so the worker needs no TypeScript loader.
 */
const LOAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const net = require("node:net");
const { randomUUID } = require("node:crypto");
const { port, signed, total, connections, shop } = workerData;
const prepared = signed.map((s) => ({
  head: "POST " + s.path + " HTTP/1.1\\r\\nHost: 127.0.0.1:" + port + "\\r\\nContent-Type: application/json\\r\\nContent-Length: " + s.body.length +
    "\\r\\nX-Shopify-Topic: " + s.topic + "\\r\\nX-Shopify-Hmac-Sha256: " + s.hmac + "\\r\\nX-Shopify-Shop-Domain: " + shop + "\\r\\nX-Shopify-Api-Version: 2026-10\\r\\n",
  body: Buffer.from(s.body),
}));
const ok = [];
const sentAt = new Array(total);
let failed = 0;
let next = 0;
function connection() {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let started = 0;
    const send = () => {
      if (next >= total) { socket.end(); return resolve(); }
      const p = prepared[next % prepared.length];
      sentAt[next] = Date.now();
      next += 1;
      const ids = "X-Shopify-Webhook-Id: " + randomUUID() + "\\r\\nX-Shopify-Event-Id: " + randomUUID() + "\\r\\nX-Shopify-Triggered-At: " + new Date().toISOString() + "\\r\\n\\r\\n";
      started = performance.now();
      socket.write(Buffer.concat([Buffer.from(p.head + ids, "latin1"), p.body]));
    };
    socket.on("data", (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      const end = buffer.indexOf("\\r\\n\\r\\n");
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString("latin1");
      const match = /\\r\\ncontent-length: *(\\d+)/i.exec(head);
      let length = end + 4;
      if (match) length += Number(match[1]);
      else if (/\\r\\ntransfer-encoding: *chunked/i.test(head)) {
        // Chunks until the empty one: size line, data, CRLF; then the final CRLF.
        for (;;) {
          const line = buffer.indexOf("\\r\\n", length);
          if (line < 0) return;
          const size = parseInt(buffer.subarray(length, line).toString("latin1"), 16);
          length = line + 2 + size + 2;
          if (size === 0) break;
        }
      }
      if (buffer.length < length) return;
      buffer = buffer.subarray(length);
      if (head.startsWith("HTTP/1.1 200 ")) ok.push(performance.now() - started); else failed += 1;
      send();
    });
    socket.on("error", () => { failed += 1; resolve(); });
    socket.on("connect", send);
  });
}
(async () => {
  const start = performance.now();
  await Promise.all(Array.from({ length: connections }, connection));
  const seconds = (performance.now() - start) / 1000;
  parentPort.postMessage({ ok, failed, seconds, sentAt });
})();
`;

/** `sentAt[i]` (epoch ms) is when request i (of `signed[i % signed.length]`) was sent. */
export async function load(
  port: number,
  signed: readonly Signed[],
  total: number,
  shop: string,
): Promise<{ ok: number[]; failed: number; seconds: number; sentAt: number[] }> {
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

export function percentile(sorted: readonly number[], p: number): number {
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
  const { db } = await import("~/db/db.server");
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
  const shop = "bench-shop.myshopify.com";
  // Deliveries for a shop with no installation are dropped unstored: the bench shop is installed.
  await db().shop.create({ data: { shop, name: "Bench" } });
  const round = (n: number) => Math.round(n * 10) / 10;
  const results: BenchResult[] = [];
  const variants = [
    { variant: "server", handler: await serverHandler(secret) },
    { variant: "route", handler: routeHandler(actions) },
  ];
  try {
    for (const { variant, handler } of variants) {
      const server = await serve(handler);
      try {
        const port = (server.address() as AddressInfo).port;
        await load(port, signed, warmup, shop);
        const before = await db().webhookInbox.count();
        const cpuBefore = process.cpuUsage();
        const run = await load(port, signed, requests, shop);
        const cpu = process.cpuUsage(cpuBefore);
        const stored = (await db().webhookInbox.count()) - before;
        if (run.failed > 0 || stored !== run.ok.length)
          throw new Error(`webhooks bench (${variant}): ${run.failed} failed, ${run.ok.length} answered 200 but ${stored} stored`);
        const sorted = [...run.ok].sort((a, b) => a - b);
        results.push(
          { bench: "webhooks", metric: "req_per_s", value: round(stored / run.seconds), unit: "req/s", variant },
          { bench: "webhooks", metric: "p50_ms", value: round(percentile(sorted, 50)), unit: "ms", variant },
          { bench: "webhooks", metric: "p99_ms", value: round(percentile(sorted, 99)), unit: "ms", variant },
          // CPU time of the whole process (server, writer thread and load generator) per
          // request: what a request costs whatever else the machine is doing.
          {
            bench: "webhooks",
            metric: "cpu_ms_per_req",
            value: Math.round(((cpu.user + cpu.system) / 1000 / stored) * 1000) / 1000,
            unit: "ms",
            variant,
          },
        );
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
    return results;
  } finally {
    await db().$disconnect();
    await scratch.drop();
  }
}
