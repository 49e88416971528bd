// customers/create, customers/update, customers/delete and the two consent topics.
//
// Not the bulk import's upsertCustomer: since 2025-01 customer payloads carry neither tags nor
// marketing consent, and writing every column would reset those to defaults. Only the fields
// the payload has are written, and only when its `updated_at` is newer than the stored one.
// Consent has its own clock (`consent_updated_at`) so a consent event and a customer update
// never overwrite each other. A redacted customer stays redacted whatever arrives late.
import type { Json } from "~/shopify/mappers/fields";
import type { Affected, ApplyContext } from "./context";
import {
  mapCustomerPayload,
  mapEmailConsentPayload,
  mapSmsConsentPayload,
  payloadGid,
  type ConsentPatch,
  type CustomerPatch,
} from "./payload-mappers";
import { EPOCH } from "./tx-sql.server";

type Channel = "email" | "sms";

async function findCustomer(ctx: ApplyContext, gid: string) {
  return ctx.tx.customer.findUnique({
    where: { shop_gid: { shop: ctx.shop, gid } },
    select: { id: true, shopifyUpdatedAt: true, redactedAt: true, emailConsentUpdatedAt: true, smsConsentUpdatedAt: true },
  });
}

function consentColumns(channel: Channel, consent: ConsentPatch, at: Date | null) {
  return channel === "email"
    ? { emailMarketingState: consent.state, emailMarketingOptIn: consent.optIn, emailConsentUpdatedAt: at }
    : { smsMarketingState: consent.state, smsMarketingOptIn: consent.optIn, smsConsentUpdatedAt: at };
}

/** Orders and checkouts that arrived before their customer get its id now. */
async function linkCustomer(ctx: ApplyContext, id: number, gid: string, affected: Affected): Promise<void> {
  const orders = await ctx.tx.order.updateMany({ where: { shop: ctx.shop, customerGid: gid, customerId: null }, data: { customerId: id } });
  const checkouts = await ctx.tx.abandonedCheckout.updateMany({
    where: { shop: ctx.shop, customerGid: gid, customerId: null },
    data: { customerId: id },
  });
  if (orders.count > 0 || checkouts.count > 0) affected.add(id);
}

export async function applyCustomerUpsert(ctx: ApplyContext, payload: Json, affected: Affected): Promise<void> {
  const patch = mapCustomerPayload(payload, ctx.triggeredAt);
  const existing = await findCustomer(ctx, patch.gid);
  if (existing?.redactedAt) return;
  const { emailConsent, smsConsent, gid, ...fields } = patch;
  let id = existing?.id;
  if (!existing) {
    const created = await ctx.tx.customer.create({ data: { shop: ctx.shop, gid, ...fields }, select: { id: true } });
    id = created.id;
    await linkCustomer(ctx, created.id, gid, affected);
  } else if (existing.shopifyUpdatedAt < patch.shopifyUpdatedAt) {
    await ctx.tx.customer.update({ where: { id: existing.id }, data: fields });
  }
  if (id === undefined) return;
  affected.add(id);
  // Payloads from API versions before 2025-01 still embed consent.
  if (emailConsent) await applyConsentTo(ctx, id, "email", emailConsent, existing?.emailConsentUpdatedAt ?? null, patch);
  if (smsConsent) await applyConsentTo(ctx, id, "sms", smsConsent, existing?.smsConsentUpdatedAt ?? null, patch);
}

async function applyConsentTo(
  ctx: ApplyContext,
  id: number,
  channel: Channel,
  consent: ConsentPatch,
  stored: Date | null,
  patch?: CustomerPatch,
): Promise<void> {
  const at = consent.updatedAt ?? patch?.shopifyUpdatedAt ?? ctx.triggeredAt;
  if (stored && stored >= at) return;
  await ctx.tx.customer.update({ where: { id }, data: consentColumns(channel, consent, at) });
}

/**
 * customers_email_marketing_consent/update and customers_marketing_consent/update. A consent
 * event may come before customers/create: the customer is then created as a stub whose
 * `shopifyUpdatedAt` is the epoch, so the real customer payload fills it in.
 */
export async function applyConsent(ctx: ApplyContext, channel: Channel, payload: Json, affected: Affected): Promise<void> {
  const { gid, consent } = channel === "email" ? mapEmailConsentPayload(payload) : mapSmsConsentPayload(payload);
  const existing = await findCustomer(ctx, gid);
  if (existing?.redactedAt) return;
  const at = consent.updatedAt ?? ctx.triggeredAt;
  if (!existing) {
    const created = await ctx.tx.customer.create({
      data: { shop: ctx.shop, gid, shopifyCreatedAt: EPOCH, shopifyUpdatedAt: EPOCH, ...consentColumns(channel, consent, at) },
      select: { id: true },
    });
    await linkCustomer(ctx, created.id, gid, affected);
    affected.add(created.id);
    return;
  }
  await applyConsentTo(
    ctx,
    existing.id,
    channel,
    { ...consent, updatedAt: at },
    channel === "email" ? existing.emailConsentUpdatedAt : existing.smsConsentUpdatedAt,
  );
  affected.add(existing.id);
}

/** customers/delete (`{ id }`): a tombstone when the customer was never stored, so a late create cannot revive it. */
export async function applyCustomerDelete(ctx: ApplyContext, payload: Json, affected: Affected): Promise<void> {
  const gid = payloadGid("Customer", payload);
  const existing = await findCustomer(ctx, gid);
  if (existing) {
    await ctx.tx.customer.updateMany({ where: { id: existing.id, deletedAt: null }, data: { deletedAt: ctx.triggeredAt } });
    affected.add(existing.id);
    return;
  }
  const created = await ctx.tx.customer.create({
    data: { shop: ctx.shop, gid, shopifyCreatedAt: EPOCH, shopifyUpdatedAt: EPOCH, deletedAt: ctx.triggeredAt },
    select: { id: true },
  });
  affected.add(created.id);
}
