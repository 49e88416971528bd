/**
 * "Send a test": the campaign's message to the merchant's own phone or email, rendered for a
 * sample customer, through the outbox like every message (key `test:…`, transactional: no
 * consent or quiet hours stand in the way of the merchant's own test).
 */
import { z } from "zod";
import { checkCampaign, type FieldError } from "./campaign-form";
import { draftOf } from "./campaign-row";
import { requireCampaign, segmentRefs } from "./campaign-store.server";
import { renderShopOf, type CampaignDeps } from "./deps.server";
import { campaignRenderer } from "./render";
import { enqueueCampaignMessages } from "./send.server";

const Phone = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, "Enter the phone number in international format, for example +12125550123.");
const Email = z.string().trim().email("Enter an email address, for example you@example.com.");

export type TestSendResult = { ok: true; to: string } | { ok: false; errors: FieldError[] };

export async function sendCampaignTest(
  deps: CampaignDeps,
  shop: string,
  campaignId: string,
  to: string,
  now: Date,
): Promise<TestSendResult> {
  const row = await requireCampaign(deps.db, shop, campaignId);
  const shopInfo = await renderShopOf(deps.db, shop);
  const draft = draftOf(row, shopInfo.timeZone);
  const address = (draft.channel === "SMS" ? Phone : Email).safeParse(to);
  if (!address.success)
    return { ok: false, errors: [{ field: "testTo", message: address.error.issues[0]?.message ?? "Enter where to send the test." }] };
  // Only the message matters for a test: the audience and schedule may still be unfinished.
  const errors = checkCampaign(
    { ...draft, name: draft.name || "test", includeSegmentIds: [], excludeSegmentIds: [], sendMode: "now" },
    { now, shopTimeZone: shopInfo.timeZone, segments: await segmentRefs(deps.db, shop) },
  ).filter((e) => e.field !== "audience");
  if (errors.length > 0) return { ok: false, errors };
  const render = await campaignRenderer(draft, shopInfo);
  const message = render({ id: 0, firstName: "Alex", lastName: "Doe", countryCode: null }, `${deps.appUrl}/unsubscribe/test`);
  await enqueueCampaignMessages(
    deps,
    [
      {
        shop,
        idempotencyKey: `test:campaign:${campaignId}:${now.getTime()}`,
        channel: draft.channel,
        customerId: null,
        recipient: address.data,
        subject: message.subject === null ? null : `[Test] ${message.subject}`,
        body: message.body,
        notBefore: now,
      },
    ],
    now,
  );
  return { ok: true, to: address.data };
}
