// The production server's webhook receiver (server.ts puts it in front of Express and Remix):
// a POST to a subscribed topic's path (`/webhooks/orders/create`) is verified from the raw
// body and stored without Express, a fetch Request or Remix routing, which together cost more
// than the rest of the request. Same rules and same answers as the route action
// (receive.server.ts webhookAction): verify.ts decides 400/401, receiveVerified stores and
// answers 200 or 400. Anything else (other methods, other paths, other spellings of the path)
// goes on to Express and Remix, whose routes answer it as before.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { receiveVerified } from "./receive.server";
import { WEBHOOK_TOPICS, webhookPath, type WebhookTopic } from "./topics";
import { verifyWebhookDelivery } from "./verify";

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

/** The topic whose route `req` is a webhook delivery for, or undefined. */
export function webhookTopicOf(req: IncomingMessage): WebhookTopic | undefined {
  return req.method === "POST" ? TOPIC_BY_PATH.get((req.url ?? "").split("?")[0] ?? "") : undefined;
}

/**
 * Larger bodies are refused with 413 before they are verified: a forged request must not make
 * the server buffer whatever it sends. Shopify's largest payloads (orders with hundreds of
 * lines) are far below this.
 */
export const MAX_WEBHOOK_BYTES = 10 * 1024 * 1024;

async function receive(req: IncomingMessage, res: ServerResponse, topic: WebhookTopic, secret: string): Promise<void> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_WEBHOOK_BYTES) return tooLarge(req, res);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BYTES) return tooLarge(req, res);
    chunks.push(chunk as Buffer);
  }
  const check = verifyWebhookDelivery({ header: headerOf(req), body: decoder.decode(Buffer.concat(chunks)) }, secret);
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
    const topic = webhookTopicOf(req);
    if (!topic) return void next(req, res);
    receive(req, res, topic, secret()).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) answer(res, 500);
      else res.destroy();
    });
  };
}
