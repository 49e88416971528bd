// The production server's webhook receiver (server.ts puts it in front of Express and Remix):
// a POST to a subscribed topic's path (`/webhooks/orders/create`) is verified from the raw
// body and stored without Express, a fetch Request or Remix routing, which together cost more
// than the rest of the request. Same rules and same answers as the route action
// (receive.server.ts webhookAction): verify.ts decides 400/401, receiveVerified stores and
// answers 200 or 400. Every spelling Remix would route to a topic's path (any case, trailing
// slashes, a query string, percent-escapes) is answered here, so the body limit holds for all
// of them; other methods on those paths get 405. Anything else goes on to Express and Remix.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { receiveVerified } from "./receive.server";
import { WEBHOOK_TOPICS, webhookPath, type WebhookTopic } from "./topics";
import { MAX_WEBHOOK_BYTES, verifyWebhookDelivery } from "./verify";

const TOPIC_BY_PATH: ReadonlyMap<string, WebhookTopic> = new Map(WEBHOOK_TOPICS.map((topic) => [webhookPath(topic), topic]));
// fetch's text() decoding, so the body (and its signature check) is exactly the route's.
const decoder = new TextDecoder("utf-8");

function headerOf(req: IncomingMessage): (name: string) => string | null {
  return (name) => {
    const value = req.headers[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  };
}

function answer(res: ServerResponse, status: number, body?: string): void {
  if (body === undefined) res.writeHead(status, { "Content-Length": 0 }).end();
  else res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body) }).end(body);
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Connection", "close");
  answer(res, 413, `Webhook body over ${MAX_WEBHOOK_BYTES} bytes`);
  req.resume();
}

function decodedPath(url: string): string {
  const path = url.split(/[?#]/)[0] ?? "";
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * The topic whose route a request URL reaches, or undefined. Remix matches routes without
 * regard to case and ignores trailing slashes; repeated slashes are folded as well.
 */
export function webhookTopicOfUrl(url: string): WebhookTopic | undefined {
  const path = decodedPath(url)
    .toLowerCase()
    .replace(/\/{2,}/g, "/")
    .replace(/\/+$/, "");
  return TOPIC_BY_PATH.get(path);
}

/** The limit the route action holds to as well (verify.ts). */
export { MAX_WEBHOOK_BYTES };

/** The body, or undefined once the request was answered (too large) or the client went away. */
async function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | undefined> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_WEBHOOK_BYTES) return void tooLarge(req, res);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_WEBHOOK_BYTES) return void tooLarge(req, res);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    // A client that hangs up mid-body (or is cut off by the server's request timeout) is not
    // an error of ours: nothing was received, nothing is stored or logged.
    if (req.destroyed) return void res.destroy();
    throw error;
  }
  return Buffer.concat(chunks);
}

async function receive(req: IncomingMessage, res: ServerResponse, topic: WebhookTopic, secret: string): Promise<void> {
  const body = await readBody(req, res);
  if (body === undefined) return;
  const check = verifyWebhookDelivery({ header: headerOf(req), body: decoder.decode(body) }, secret);
  if (!check.ok) return answer(res, check.status);
  const out = await receiveVerified(topic, check.webhook);
  answer(res, out.status, out.body);
}

/**
 * The server's request listener: webhook deliveries are received here, everything else goes
 * to `next` (the Express app). An unexpected error answers 500, as Remix would.
 */
export function withWebhookReceiver(secret: () => string, next: RequestListener, onError: (error: unknown) => void): RequestListener {
  return (req, res) => {
    const topic = webhookTopicOfUrl(req.url ?? "");
    if (!topic) return void next(req, res);
    if (req.method !== "POST") {
      // Shopify only POSTs; a body sent with another method is not read.
      res.setHeader("Allow", "POST");
      res.setHeader("Connection", "close");
      answer(res, 405);
      return void req.resume();
    }
    receive(req, res, topic, secret()).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) answer(res, 500);
      else res.destroy();
    });
  };
}
