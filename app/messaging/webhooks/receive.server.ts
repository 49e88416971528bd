// Twilio status callbacks, inbound SMS and SendGrid Event Webhook batches: the shop comes from
// the URL we registered (?shop=), its key checks the signature, and only then is the body read
// and stored as MessageEvent rows keyed by the provider's ids, so a redelivery is stored once.
// Nothing else happens in the request: what STOP or a bounce means is decided later from the
// stored rows. Unsigned requests get 401, forged, tampered or stale ones 403.
import type { Db } from "~/db/db.server";
import type { EnqueueJob } from "../consent/consent-store.server";
import { applySendGridEvent, applyTwilioStatus } from "../inbound/apply-events.server";
import { applyInboundSms, type ConfirmOptIn, type PendingOptIns } from "../inbound/apply-inbound.server";
import type { MessagingDeps } from "../settings/deps.server";
import { sendGridEventKey, twilioWebhookToken } from "../settings/settings.server";
import { verifySendGridSignature, verifyTwilioSignature } from "./signatures.server";

/** The messaging deps plus what applying needs: the job queue for consent write-backs. */
export interface WebhookDeps extends MessagingDeps {
  enqueue: EnqueueJob;
  pendingOptIns?: PendingOptIns;
  confirmOptIn?: ConfirmOptIn;
  /** Wakes order attribution once a delivery, open or click is stored (kickAttribution in app/messaging/attribution). */
  kickAttribution?: (shop: string, now: Date) => Promise<void>;
}

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

interface EventRow {
  shop: string;
  channel: "SMS" | "EMAIL";
  kind: string;
  providerEventId: string;
  at: Date;
  detail: string;
  outboxMessageId: string | null;
  customerId: number | null;
  campaignId: string | null;
}

async function storeEvents(db: Db, rows: EventRow[]): Promise<void> {
  await db.$transaction(
    rows.map((row) =>
      db.messageEvent.upsert({
        where: { shop_providerEventId: { shop: row.shop, providerEventId: row.providerEventId } },
        create: row,
        update: {},
      }),
    ),
  );
}

interface OutboxLink {
  outboxMessageId: string | null;
  customerId: number | null;
  campaignId: string | null;
  providerMessageId: string | null;
}

const NO_LINK: OutboxLink = { outboxMessageId: null, customerId: null, campaignId: null, providerMessageId: null };

/** The outbox row a callback names, by our own id (SendGrid custom_args) or the provider's. */
async function outboxLink(db: Db, shop: string, by: { id?: string | null; providerMessageId?: string | null }): Promise<OutboxLink> {
  const select = { id: true, customerId: true, campaignId: true, providerMessageId: true } as const;
  const row =
    (by.id ? await db.outboxMessage.findFirst({ where: { shop, id: by.id }, select }) : null) ??
    (by.providerMessageId ? await db.outboxMessage.findFirst({ where: { shop, providerMessageId: by.providerMessageId }, select }) : null);
  if (!row) return { ...NO_LINK, providerMessageId: by.providerMessageId ?? null };
  return {
    outboxMessageId: row.id,
    customerId: row.customerId,
    campaignId: row.campaignId,
    providerMessageId: row.providerMessageId ?? by.providerMessageId ?? null,
  };
}

export type TwilioWebhookKind = "status" | "inbound";

export async function receiveTwilioWebhook(deps: WebhookDeps, kind: TwilioWebhookKind, request: Request, now: Date): Promise<Response> {
  const url = new URL(request.url);
  const signature = request.headers.get("x-twilio-signature");
  if (!signature) return new Response("Missing X-Twilio-Signature", { status: 401 });
  const shop = url.searchParams.get("shop") ?? "";
  const authToken = shop ? await twilioWebhookToken(deps.db, shop, deps.key) : null;
  if (!authToken) return new Response("Unknown shop", { status: 403 });
  // Twilio signs the URL it called: ours as the public sees it, not as the proxy hands it on.
  const publicUrl = `${deps.appUrl}${url.pathname}${url.search}`;
  const params = Object.fromEntries(new URLSearchParams(await request.text()));
  if (!verifyTwilioSignature(authToken, signature, publicUrl, params)) return new Response("Invalid signature", { status: 403 });
  const settings = await deps.db.channelSettings.findUnique({ where: { shop }, select: { twilioAccountSid: true } });
  if (params.AccountSid !== settings?.twilioAccountSid) return new Response("Account does not match the shop", { status: 403 });
  const sid = params.MessageSid ?? "";
  if (!/^(SM|MM)[0-9a-f]{32}$/.test(sid)) return new Response("MessageSid missing", { status: 400 });
  const detail = JSON.stringify(params);
  if (kind === "inbound") {
    await storeEvents(deps.db, [
      {
        shop,
        channel: "SMS",
        kind: "sms.inbound",
        providerEventId: `twilio:${sid}`,
        at: now,
        detail,
        outboxMessageId: null,
        customerId: null,
        campaignId: null,
      },
    ]);
    await applyInboundSms(
      deps,
      { shop, messageSid: sid, from: params.From ?? "", body: params.Body ?? "", optOutType: params.OptOutType ?? null },
      now,
    );
    return new Response(EMPTY_TWIML, { status: 200, headers: { "content-type": "text/xml" } });
  }
  const status = params.MessageStatus ?? "";
  if (!/^[a-z_]+$/.test(status)) return new Response("MessageStatus missing", { status: 400 });
  const { providerMessageId: _sid, ...link } = await outboxLink(deps.db, shop, { providerMessageId: sid });
  await storeEvents(deps.db, [
    { shop, channel: "SMS", kind: `sms.${status}`, providerEventId: `twilio:${sid}:${status}`, at: now, detail, ...link },
  ]);
  await applyTwilioStatus(deps, shop, { messageSid: sid, status, errorCode: params.ErrorCode ?? null, to: params.To ?? null }, now);
  if (status === "delivered" && link.outboxMessageId) await deps.kickAttribution?.(shop, now);
  return new Response(null, { status: 204 });
}

interface SendGridEvent {
  sg_event_id?: unknown;
  sg_message_id?: unknown;
  event?: unknown;
  timestamp?: unknown;
  outbox_message_id?: unknown;
  email?: unknown;
  type?: unknown;
  reason?: unknown;
}

const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

export async function receiveSendGridEvents(deps: WebhookDeps, request: Request, now: Date): Promise<Response> {
  const url = new URL(request.url);
  const signature = request.headers.get("x-twilio-email-event-webhook-signature");
  const timestamp = request.headers.get("x-twilio-email-event-webhook-timestamp");
  if (!signature || !timestamp) return new Response("Missing Event Webhook signature headers", { status: 401 });
  const shop = url.searchParams.get("shop") ?? "";
  const publicKey = shop ? await sendGridEventKey(deps.db, shop) : null;
  if (!publicKey) return new Response("Unknown shop", { status: 403 });
  const rawBody = Buffer.from(await request.arrayBuffer());
  const check = verifySendGridSignature({ publicKey, signature, timestamp, rawBody, now });
  if (!check.ok) return new Response(`Invalid signature: ${check.reason}`, { status: 403 });
  let events: unknown;
  try {
    events = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return new Response("Body is not JSON", { status: 400 });
  }
  if (!Array.isArray(events)) return new Response("Body is not an array of events", { status: 400 });
  const rows: EventRow[] = [];
  const applies: {
    event: string;
    email: string | null;
    type: string | null;
    reason: string | null;
    providerMessageId: string | null;
    at: Date;
  }[] = [];
  for (const [index, raw] of (events as SendGridEvent[]).entries()) {
    if (typeof raw.sg_event_id !== "string" || typeof raw.event !== "string" || typeof raw.timestamp !== "number") {
      return new Response(`Event ${index} lacks sg_event_id, event or timestamp`, { status: 400 });
    }
    // sg_message_id is the X-Message-Id we stored, followed by ".filter…" per recipient.
    const sgMessageId = str(raw.sg_message_id)?.split(".")[0] ?? null;
    const { providerMessageId, ...link } = await outboxLink(deps.db, shop, {
      id: str(raw.outbox_message_id),
      providerMessageId: sgMessageId,
    });
    const at = new Date(raw.timestamp * 1000);
    rows.push({
      shop,
      channel: "EMAIL",
      kind: `email.${raw.event}`,
      providerEventId: `sendgrid:${raw.sg_event_id}`,
      at,
      detail: JSON.stringify(raw),
      ...link,
      outboxMessageId: link.outboxMessageId ?? str(raw.outbox_message_id),
    });
    applies.push({ event: raw.event, email: str(raw.email), type: str(raw.type), reason: str(raw.reason), providerMessageId, at });
  }
  await storeEvents(deps.db, rows);
  for (const facts of applies) await applySendGridEvent(deps, shop, facts, facts.at);
  if (rows.some((r) => r.outboxMessageId && (r.kind === "email.open" || r.kind === "email.click"))) await deps.kickAttribution?.(shop, now);
  return new Response(null, { status: 204 });
}
