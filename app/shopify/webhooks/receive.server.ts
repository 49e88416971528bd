// The receive path of every Shopify webhook route: verify, check the topic, store the raw
// event in the inbox, make sure an apply job is coming, answer 200. No sync work happens in
// the request: Shopify expects an answer within 5 s and retries otherwise
// (https://shopify.dev/docs/apps/build/webhooks/best-practices#respond-quickly).
import type { ActionFunctionArgs } from "@remix-run/node";
import { db, isPostgresUrl } from "~/db/db.server";
import { env } from "~/env.server";
import { appQueue } from "~/jobs/app-queue.server";
import { pauseSending } from "~/privacy/uninstall.server";
import { createApplyJobScheduler, type ApplyJobScheduler } from "./apply-queue.server";
import { createInboxWriter, prismaInboxCommit, sqliteInboxCommit, type InboxWriter } from "./inbox.server";
import { createInstalledShops, shopLookup, type InstalledShops } from "./installed-shops.server";
import { checkShopBinding, isStaleDelivery, stripNul } from "./shop-binding";
import { topicKey, type WebhookTopic } from "./topics";
import { verifyWebhook, type VerifiedWebhook } from "./verify";

export interface ReceiveDeps {
  inbox: InboxWriter;
  scheduler: ApplyJobScheduler;
  /** Which shops have an installation (cached). */
  shops: InstalledShops;
  /** When a delivery is received (tests pass their clock). */
  now: () => Date;
}

declare global {
  var __flockWebhookDeps: Promise<ReceiveDeps> | undefined;
}

/** Per-process inbox writer and job scheduler (kept on globalThis like `db`). */
export function receiveDeps(): Promise<ReceiveDeps> {
  globalThis.__flockWebhookDeps ??= (async () => {
    const config = env();
    const queue = await appQueue();
    const commit = isPostgresUrl(config.DATABASE_URL) ? prismaInboxCommit(db(), "postgres") : sqliteInboxCommit(config.DATABASE_URL);
    return {
      inbox: createInboxWriter(commit),
      scheduler: createApplyJobScheduler(queue),
      shops: createInstalledShops(shopLookup(db)),
      now: () => new Date(),
    };
  })();
  return globalThis.__flockWebhookDeps;
}

/** Tests and the benchmark supply their own queue. */
export function setReceiveDeps(deps: ReceiveDeps | undefined): void {
  globalThis.__flockWebhookDeps = deps ? Promise.resolve(deps) : undefined;
}

/** What to answer a verified delivery. */
export interface ReceiveAnswer {
  status: 200 | 400;
  body?: string;
  /** Why a delivery was acknowledged without being stored. */
  dropped?: "stale" | "not_installed" | "shop_installed";
}

function validDate(text: string | undefined): Date | null {
  const date = text ? new Date(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * Stores a verified delivery that came in at `topic`'s path: the topic header must name it and
 * the body must not name another shop (shop-binding.ts). Deliveries Shopify would no longer
 * make (triggered before its retry window) and deliveries for a shop with no installation are
 * acknowledged and dropped: a 200 stops Shopify's retries, and nothing is stored. Resolves
 * once the event is committed (or known), with the answer to give.
 */
export async function receiveVerified(topic: WebhookTopic, webhook: VerifiedWebhook): Promise<ReceiveAnswer> {
  if (topicKey(topic) !== webhook.topic) return { status: 400, body: "Topic does not match this route" };
  const binding = checkShopBinding(topic, webhook.shop, webhook.rawBody);
  if (!binding.ok) return { status: 400, body: binding.reason };
  const deps = await receiveDeps();
  const receivedAt = deps.now();
  const triggered = validDate(webhook.triggeredAt);
  if (isStaleDelivery(triggered, receivedAt)) return { status: 200, dropped: "stale" };
  // A trigger time ahead of the clock would outrank a later reinstall (pauseSending compares
  // them), so it counts as received now.
  const triggeredAt = triggered && triggered > receivedAt ? receivedAt : triggered;
  const shop = webhook.shop;
  const installation = topic === "shop/redact" || topic === "app/uninstalled" ? await deps.shops.fresh(shop) : await deps.shops.get(shop);
  if (!installation.installed) return { status: 200, dropped: "not_installed" };
  // shop/redact erases everything: only for a shop that uninstalled the app (Shopify sends it
  // 48 hours after the uninstall), never for one that is installed.
  if (topic === "shop/redact" && !installation.uninstalled) return { status: 200, dropped: "shop_installed" };
  const eventId = webhook.eventId ?? webhook.webhookId;
  await deps.inbox.store({
    shop,
    topic,
    eventId,
    apiVersion: webhook.apiVersion,
    payload: stripNul(webhook.rawBody),
    receivedAt,
    triggeredAt,
  });
  // Sending stops the moment the uninstall is known, not when the job gets to it.
  if (topic === "app/uninstalled") await pauseSending(db(), shop, triggeredAt ?? receivedAt);
  await deps.scheduler.ensureApplyJob(shop);
  return { status: 200 };
}

/**
 * The action of `app/routes/webhooks.<topic>.tsx`. The production server answers these paths
 * before Remix (http-receive.server.ts, same verification and storage); the routes serve
 * `remix vite:dev` and any request the server hands on.
 */
export function webhookAction(topic: WebhookTopic) {
  return async ({ request }: ActionFunctionArgs): Promise<Response> => {
    // Same answers as authenticate.webhook (verify.ts says what is left out and why); thrown
    // as Responses like it does: 401 bad HMAC, 400 missing body or headers, 405 not POST.
    const check = await verifyWebhook(request, env().SHOPIFY_API_SECRET);
    if (!check.ok) throw new Response(undefined, { status: check.status, statusText: check.statusText });
    const answer = await receiveVerified(topic, check.webhook);
    return new Response(answer.body ?? null, { status: answer.status });
  };
}

/**
 * The loader of every webhook route: Shopify only POSTs, so GET and HEAD are 405 (without a
 * loader Remix answers them 400 and logs an error). The production server answers these before
 * Remix (http-receive.server.ts).
 */
export function webhookLoader(): never {
  throw new Response(null, { status: 405, statusText: "Method Not Allowed", headers: { Allow: "POST" } });
}
