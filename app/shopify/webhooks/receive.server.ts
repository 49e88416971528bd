// The receive path of every Shopify webhook route: verify, check the topic, store the raw
// event in the inbox, make sure an apply job is coming, answer 200. No sync work happens in
// the request: Shopify expects an answer within 5 s and retries otherwise
// (https://shopify.dev/docs/apps/build/webhooks/best-practices#respond-quickly).
import type { ActionFunctionArgs } from "@remix-run/node";
import { db, isPostgresUrl } from "~/db.server";
import { env } from "~/env.server";
import { createQueue } from "~/jobs/create-queue.server";
import { createLogger } from "~/lib/logger.server";
import { pauseSending } from "~/privacy/uninstall.server";
import { createApplyJobScheduler, type ApplyJobScheduler } from "./apply-queue.server";
import { createInboxWriter, prismaInboxCommit, sqliteInboxCommit, type InboxWriter } from "./inbox.server";
import { topicKey, type WebhookTopic } from "./topics";
import { verifyWebhook, type VerifiedWebhook } from "./verify";

export interface ReceiveDeps {
  inbox: InboxWriter;
  scheduler: ApplyJobScheduler;
}

declare global {
  var __flockWebhookDeps: Promise<ReceiveDeps> | undefined;
}

/** Per-process inbox writer and job scheduler (kept on globalThis like `db`). */
export function receiveDeps(): Promise<ReceiveDeps> {
  globalThis.__flockWebhookDeps ??= (async () => {
    const config = env();
    const queue = await createQueue(config, { db: db(), log: createLogger({ level: config.LOG_LEVEL }), supervise: false });
    const commit = isPostgresUrl(config.DATABASE_URL) ? prismaInboxCommit(db(), "postgres") : sqliteInboxCommit(config.DATABASE_URL);
    return { inbox: createInboxWriter(commit), scheduler: createApplyJobScheduler(queue) };
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
}

/**
 * Stores a verified delivery that came in at `topic`'s path: the topic header must name it;
 * resolves once the event is committed (or known), with the answer to give.
 */
export async function receiveVerified(topic: WebhookTopic, webhook: VerifiedWebhook): Promise<ReceiveAnswer> {
  if (topicKey(topic) !== webhook.topic) return { status: 400, body: "Topic does not match this route" };
  const deps = await receiveDeps();
  const eventId = webhook.eventId ?? webhook.webhookId;
  const triggeredAt = webhook.triggeredAt ? new Date(webhook.triggeredAt) : null;
  const receivedAt = new Date();
  const validTrigger = triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : null;
  await deps.inbox.store({ shop: webhook.shop, topic, eventId, apiVersion: webhook.apiVersion, payload: webhook.rawBody, receivedAt, triggeredAt: validTrigger });
  // Sending stops the moment the uninstall is known, not when the job gets to it.
  if (topic === "app/uninstalled") await pauseSending(db(), webhook.shop, validTrigger ?? receivedAt);
  await deps.scheduler.ensureApplyJob(webhook.shop);
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
