// The local Shopify Admin API stand-in: `POST /admin/api/2026-10/graphql.json` executed against
// Shopify's published 2026-10 schema over a generated store, plus the bulk operation result files
// (Shopify serves those from signed storage URLs that need no token). Loopback only.
import { createReadStream } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type AdminExecutor, executeAdminRequest } from "./admin-executor.server";
import { type BulkFinishPayload, BulkOperations } from "./bulk-operations.server";
import { CheckoutEvents } from "./checkout-events";
import { ConsentWebhooks, type ConsentWebhookTarget } from "./consent-mutations";
import { LeakyBucket } from "./cost";
import { ADMIN_API_VERSION, loadAdminSchema } from "./schema.server";
import type { StoreSource } from "./store-source";
import { StoreViews } from "./store-views";

export interface AdminStandInOptions {
  source: StoreSource;
  host?: string;
  port?: number;
  accessToken: string;
  /** Where bulk operation JSONL files are written. */
  dataDir: string;
  /** Leaky bucket; Shopify's standard plan restores 100 points a second. `clock` (ms) is for tests. */
  bucket?: { capacity: number; restorePerSecond: number; clock?: () => number };
  /** Called when a bulk operation finishes, with the `bulk_operations/finish` webhook body. */
  onBulkFinish?: (payload: BulkFinishPayload) => void | Promise<void>;
  /** Where the consent mutations send their consent webhooks (none without it). */
  consentWebhooks?: ConsentWebhookTarget;
  /** The clock consent webhooks are stamped with (default: the real one). */
  now?: () => Date;
}

export interface AdminStandIn {
  origin: string;
  /** The bulk operations (tests wait on `bulk.idle()`). */
  bulk: BulkOperations;
  /** The consent webhooks sent so far (tests wait on `consentWebhooks.idle()`). */
  consentWebhooks: ConsentWebhooks;
  /** Checkouts left and orders placed through `POST /sandbox/checkouts` and `/sandbox/orders`. */
  checkoutEvents: CheckoutEvents;
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const MAX_BODY_BYTES = 1 << 20;
// Shopify's bodies for these cases (https://shopify.dev/docs/api/usage/authentication, status codes).
const UNAUTHORIZED = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };
const NOT_FOUND = { errors: "Not Found" };

export async function startAdminStandIn(options: AdminStandInOptions): Promise<AdminStandIn> {
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK.has(host)) throw new Error(`Admin stand-in listens on loopback only, not ${host}`);
  const schema = loadAdminSchema();
  const views = new StoreViews(options.source);
  let origin = "";
  const bulk = new BulkOperations({
    schema,
    source: options.source,
    views,
    dataDir: options.dataDir,
    origin: () => origin,
    onFinish: options.onBulkFinish,
  });
  const { capacity, restorePerSecond, clock } = options.bucket ?? { capacity: 2000, restorePerSecond: 100 };
  const consentWebhooks = new ConsentWebhooks(options.consentWebhooks, options.source.shop.shop, options.now ?? (() => new Date()));
  const executor: AdminExecutor = { schema, views, bulk, bucket: new LeakyBucket(capacity, restorePerSecond, clock), consentWebhooks };
  // Store events the demo triggers; their webhooks go where the consent webhooks go.
  const checkoutEvents = new CheckoutEvents(options.source, consentWebhooks, consentWebhooks.now);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, { errors: [{ message: `Internal error: ${error instanceof Error ? error.message : String(error)}` }] });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const bulkFile = /^\/bulk\/(\d+)\.jsonl$/.exec(url.pathname);
    if (req.method === "GET" && bulkFile?.[1]) {
      const file = bulk.fileFor(bulkFile[1]);
      if (!file) return send(res, 404, NOT_FOUND);
      res.writeHead(200, { "Content-Type": "application/jsonl" });
      createReadStream(file).pipe(res);
      return;
    }
    if (req.method === "POST" && (url.pathname === "/sandbox/checkouts" || url.pathname === "/sandbox/orders")) {
      if (req.headers["x-shopify-access-token"] !== options.accessToken) return send(res, 401, UNAUTHORIZED);
      const input = JSON.parse((await readBody(req)) || "{}") as {
        backdateSeconds?: unknown;
        checkoutToken?: unknown;
        customerGid?: unknown;
      };
      if (url.pathname === "/sandbox/checkouts") {
        const customerGid = typeof input.customerGid === "string" ? input.customerGid : null;
        let made;
        try {
          made = checkoutEvents.abandon({ backdateSeconds: Number(input.backdateSeconds ?? 0) || 0, customerGid });
        } catch (error) {
          return send(res, 404, { errors: error instanceof Error ? error.message : String(error) });
        }
        return send(res, 200, { token: made.token, customerGid: made.customer.gid, phone: made.customer.phone });
      }
      const order = checkoutEvents.order(String(input.checkoutToken ?? ""));
      return order ? send(res, 200, order) : send(res, 404, NOT_FOUND);
    }
    const api = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
    if (!api || api[1] !== ADMIN_API_VERSION) return send(res, 404, NOT_FOUND);
    if (req.method !== "POST") return send(res, 405, { errors: "Method Not Allowed" });
    if (req.headers["x-shopify-access-token"] !== options.accessToken) return send(res, 401, UNAUTHORIZED);
    const body = await readBody(req);
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      return send(res, 400, { errors: { query: "Required parameter missing or invalid" } });
    }
    if (!request || typeof request !== "object" || typeof (request as { query?: unknown }).query !== "string") {
      return send(res, 400, { errors: { query: "Required parameter missing or invalid" } });
    }
    send(res, 200, await executeAdminRequest(executor, request as Record<string, unknown>));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    origin,
    bulk,
    consentWebhooks,
    checkoutEvents,
    async close() {
      await consentWebhooks.idle();
      bulk.cancelAll();
      await bulk.idle();
      const closed = new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      server.closeAllConnections();
      await closed;
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "X-Shopify-API-Version": ADMIN_API_VERSION });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("Request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
