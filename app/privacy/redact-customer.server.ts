// customers/redact: erase one customer's personal data everywhere Flock keeps it.
// https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#customers-redact
//
// What happens, table by table:
// - Customer: kept as a tombstone without personal data (`redactedAt` set, every personal
//   column null, consent REDACTED) so that late webhooks, reconciliation or a re-import cannot
//   bring the person back: the webhook appliers skip redacted customers, and its
//   `shopifyUpdatedAt` is set to the far future so the import's monotonic upsert never wins.
// - Suppression: a keyed hash of each address the customer had opted out of is added first.
// - Orders (those listed and any other of the customer) and abandoned checkouts: unlinked
//   from the person (customer ids, email, phone, recovery URL cleared); amounts stay for the
//   merchant's totals. Facts and purchases are recomputed (to nothing) by the caller.
// - OutboxMessage, MessageEvent, ShortLink, segment memberships and their events: deleted.
// - WebhookInbox bodies that still mention the customer, and DataRequest exports: deleted.
// - Logs never hold personal data: app/lib/logger.server.ts scrubs it before writing.
import type { DbTx } from "~/db/db.server";
import { obj, optStr, type Json } from "~/shopify/mappers/fields";
import { gidNumber, toGid } from "~/shopify/mappers/gid";
import { MAX_EVENT_ATTEMPTS } from "~/shopify/webhooks/inbox.server";
import { suppressionHash, type SuppressionChannel } from "./suppression-hash";

export const REDACTED_UPDATED_AT = new Date("9999-12-31T00:00:00.000Z");

export interface RedactOptions {
  tx: DbTx;
  shop: string;
  now: Date;
  secret: Buffer;
}

function ids(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string | number => typeof v === "string" || typeof v === "number").map(String) : [];
}

/** Returns the redacted customer's id (for the facts refresh), or null when Flock never stored them. */
export async function redactCustomer(options: RedactOptions, payload: Json): Promise<number | null> {
  const { tx, shop, now } = options;
  const person = obj(payload.customer) ?? {};
  const rawId = person.id;
  const gid = typeof rawId === "string" || typeof rawId === "number" ? toGid("Customer", rawId) : null;
  const customer = gid
    ? await tx.customer.findUnique({
        where: { shop_gid: { shop, gid } },
        select: { id: true, email: true, phone: true, emailMarketingState: true, smsMarketingState: true },
      })
    : null;
  const emails = [optStr(person, "email"), customer?.email ?? null].filter((v): v is string => v !== null);
  const phones = [optStr(person, "phone"), customer?.phone ?? null].filter((v): v is string => v !== null);

  // 1. Keep opt-outs, as hashes.
  const suppress = async (channel: SuppressionChannel, address: string) => {
    const addressHash = suppressionHash(options.secret, shop, channel, address);
    await tx.suppression.upsert({
      where: { shop_channel_addressHash: { shop, channel, addressHash } },
      create: { shop, channel, addressHash, reason: "opted out before redaction" },
      update: {},
    });
  };
  if (customer?.emailMarketingState === "UNSUBSCRIBED") for (const e of emails) await suppress("EMAIL", e);
  if (customer?.smsMarketingState === "UNSUBSCRIBED") for (const p of phones) await suppress("SMS", p);

  // 2. Messages to the person.
  const recipients = [...emails, ...phones];
  const outbox = await tx.outboxMessage.findMany({
    where: {
      shop,
      OR: [...(customer ? [{ customerId: customer.id }] : []), ...(recipients.length ? [{ recipient: { in: recipients } }] : [])],
    },
    select: { id: true },
  });
  const outboxIds = outbox.map((m) => m.id);
  await tx.shortLink.deleteMany({ where: { shop, outboxMessageId: { in: outboxIds } } });
  await tx.messageEvent.deleteMany({
    where: { shop, OR: [{ outboxMessageId: { in: outboxIds } }, ...(customer ? [{ customerId: customer.id }] : [])] },
  });
  await tx.outboxMessage.deleteMany({ where: { shop, id: { in: outboxIds } } });
  // Storefront sign-ups (app/optin) keep the number, address, IP and browser (of the sign-up and of
  // an email's confirmation), whichever customer the phone or the email belongs to; their rate-limit
  // counters are keyed by the address. Emails are stored lower-cased there.
  const signupEmails = [...new Set([...emails, ...emails.map((e) => e.trim().toLowerCase())])];
  const signupWhere = [
    ...(customer ? [{ customerId: customer.id }, { emailCustomerId: customer.id }] : []),
    ...(signupEmails.length ? [{ email: { in: signupEmails } }] : []),
    ...(phones.length ? [{ phone: { in: phones } }] : []),
  ];
  if (signupWhere.length) await tx.optInRequest.deleteMany({ where: { shop, OR: signupWhere } });
  const counterKeys = [...signupEmails.map((e) => `email:${e}`), ...phones.map((p) => `phone:${p}`)];
  if (counterKeys.length) await tx.optInRateCount.deleteMany({ where: { shop, key: { in: counterKeys } } });

  // 3. Orders and checkouts lose their link to the person.
  const orderGids = ids(payload.orders_to_redact).map((id) => toGid("Order", id));
  const orderWhere = [
    { gid: { in: orderGids } },
    ...(gid ? [{ customerGid: gid }] : []),
    ...(customer ? [{ customerId: customer.id }] : []),
  ];
  await tx.order.updateMany({ where: { shop, OR: orderWhere }, data: { customerId: null, customerGid: null } });
  const checkoutWhere = [
    ...(gid ? [{ customerGid: gid }] : []),
    ...(customer ? [{ customerId: customer.id }] : []),
    ...(emails.length ? [{ email: { in: emails } }] : []),
    ...(phones.length ? [{ phone: { in: phones } }] : []),
  ];
  if (checkoutWhere.length) {
    await tx.abandonedCheckout.updateMany({
      where: { shop, OR: checkoutWhere },
      data: { customerId: null, customerGid: null, email: null, phone: null, recoveryUrl: null },
    });
  }

  // 4. Raw event bodies and earlier exports that name the person.
  const needles = [...(gid ? [gidNumber(gid)] : []), ...recipients];
  // Applied events keep no body (inbox.server.ts markApplied) and pending ones are applied
  // after this one, against the tombstone; only bodies given up on after repeated failures remain.
  for (const needle of needles) {
    await tx.webhookInbox.updateMany({
      where: { shop, processedAt: null, attempts: { gte: MAX_EVENT_ATTEMPTS }, payload: { contains: needle } },
      data: { payload: "", lastError: "body erased by customers/redact" },
    });
  }
  if (gid) await tx.dataRequest.deleteMany({ where: { shop, customerGid: gid } });

  if (!customer) return null;
  // 5. The customer row becomes a tombstone.
  await tx.segmentMembership.deleteMany({ where: { shop, customerId: customer.id } });
  await tx.segmentMembershipEvent.deleteMany({ where: { shop, customerId: customer.id } });
  // Their consent history goes too; the suppression hash above is what keeps an opt-out.
  await tx.consentChange.deleteMany({ where: { shop, customerId: customer.id } });
  // A campaign's holdout list and order attributions only name the customer by id: unlinked too.
  await tx.campaignHoldout.deleteMany({ where: { shop, customerId: customer.id } });
  await tx.orderAttribution.updateMany({ where: { shop, customerId: customer.id }, data: { customerId: null } });
  await tx.customer.update({
    where: { id: customer.id },
    data: {
      email: null,
      phone: null,
      firstName: null,
      lastName: null,
      tags: "",
      countryCode: null,
      provinceCode: null,
      city: null,
      zip: null,
      address1: null,
      address2: null,
      locale: null,
      note: null,
      emailMarketingState: "REDACTED",
      emailMarketingOptIn: null,
      emailConsentUpdatedAt: null,
      smsMarketingState: "REDACTED",
      smsMarketingOptIn: null,
      smsConsentUpdatedAt: null,
      verifiedEmail: false,
      shopifyAmountSpent: null,
      shopifyNumberOfOrders: null,
      redactedAt: now,
      shopifyUpdatedAt: REDACTED_UPDATED_AT,
    },
  });
  return customer.id;
}
