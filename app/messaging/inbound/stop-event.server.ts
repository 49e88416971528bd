/**
 * A STOP answers the last text the number got: it is recorded as an `unsubscribed` MessageEvent
 * on that outbox message (and its campaign or automation run), so campaign stats count it and
 * segments can ask `messages MATCHES (event = 'unsubscribed', campaign_id = …)`.
 *
 * "The last text": the latest SMS Flock handed to the provider for this number's customers,
 * sent within the shop's click attribution window (7 days unless changed) before the STOP; an
 * older text is not what the person is answering. A STOP with no such text still opts the
 * number out (apply-inbound.server.ts), it is only tied to no message. Keyed on the inbound
 * MessageSid, so Twilio's redelivery records it once.
 */
import type { Db } from "~/db/db.server";
import { readWindows } from "../attribution/attribution-store.server";

const HOUR_MS = 3_600_000;

export const stopEventId = (messageSid: string) => `stop:${messageSid}`;

export async function recordStopOnLastText(
  db: Db,
  shop: string,
  from: string,
  customerIds: readonly number[],
  messageSid: string,
  now: Date,
): Promise<void> {
  if (customerIds.length === 0) return;
  const { clickHours } = await readWindows(db, shop);
  const last = await db.outboxMessage.findFirst({
    where: {
      shop,
      channel: "SMS",
      recipient: from,
      customerId: { in: [...customerIds] },
      sentAt: { gte: new Date(now.getTime() - clickHours * HOUR_MS), lte: now },
    },
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    select: { id: true, customerId: true, campaignId: true },
  });
  if (!last) return;
  const providerEventId = stopEventId(messageSid);
  await db.messageEvent.upsert({
    where: { shop_providerEventId: { shop, providerEventId } },
    create: {
      shop,
      outboxMessageId: last.id,
      customerId: last.customerId,
      channel: "SMS",
      kind: "unsubscribed",
      campaignId: last.campaignId,
      providerEventId,
      at: now,
      detail: JSON.stringify({ inboundMessageSid: messageSid }),
    },
    update: {},
  });
}
