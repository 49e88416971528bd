// The Node HTTP server under Express and the webhook receiver (server.ts), with limits on how
// long a client may take to send its request. Node's defaults (60 s for the headers, 5 min for
// the whole request, checked every 30 s) let a few hundred slow clients, trickling headers or a
// body a byte at a time (slowloris), hold every connection for minutes.
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server, type ServerResponse } from "node:http";

export interface ServerTimeouts {
  /** Time to receive the complete request headers. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included (webhook bodies are up to 10 MiB). */
  requestTimeoutMs: number;
  /** How often Node checks the two above; a slow client is dropped up to this much later. */
  checkIntervalMs: number;
}

/**
 * Shopify gives a webhook 5 s to be answered (https://shopify.dev/docs/apps/build/webhooks/best-practices#respond-quickly),
 * and the app's own pages post small forms: a client still sending after these is not one we
 * serve. Node answers it 408 and closes the connection.
 */
export const SERVER_TIMEOUTS: ServerTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 20_000, checkIntervalMs: 1_000 };

export function createHttpServer(listener: RequestListener, timeouts: ServerTimeouts = SERVER_TIMEOUTS): Server {
  return createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
    listener,
  );
}

/**
 * Sets each of `defaults` that the response has not set by the time its head is written (as
 * the `on-headers` package does), so a route's own value is kept and never doubled: two
 * `X-Content-Type-Options` lines read as "nosniff, nosniff", which browsers do not honour.
 */
export function fillMissingHeaders(res: ServerResponse, defaults: Readonly<Record<string, string>>): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    for (const [name, value] of Object.entries(defaults)) if (!this.hasHeader(name)) this.setHeader(name, value);
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Remix's own rule for a page's form post (throwIfPotentialCSRFAttack in
 * @remix-run/server-runtime): an Origin whose host is not the request's X-Forwarded-Host or
 * Host. Remix throws on it, which answers 500 and logs an error for every forged cross-site
 * form; server.ts answers 403 by the same rule first.
 */
export function isCrossOriginWrite(method: string, headers: IncomingHttpHeaders): boolean {
  if (!UNSAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = single(headers.origin);
  if (origin === undefined || origin === "") return false;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  const host = single(headers["x-forwarded-host"])?.split(",")[0]?.trim() || single(headers.host);
  return !host || originHost !== host;
}
