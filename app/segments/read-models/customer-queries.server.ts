/**
 * What the customer page reads: the customer's contact and key facts, the live segments they
 * are in, every segment of the shop to explain against, and the explanation for one of them.
 */
import type { CustomerProfile, SegmentOption } from "~/components/customers/customer-profile";
import { LIVE_CUSTOMER } from "~/db/shop-scope.server";
import { forShop } from "~/db/shop-scope.server";
import { customerDisplayName, formatMinorUnits } from "../membership/member-rows.server";
import { shopTimeZone } from "./segment-queries.server";
import { explainCustomer, type SegmentDeps } from "../segment-service.server";

/** "SUBSCRIBED" → "Subscribed", "NOT_SUBSCRIBED" → "Not subscribed". */
function consentLabel(state: string): string {
  const words = state.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The customer's profile, or null when they are not a live customer of the shop. */
export async function findCustomerProfile(deps: SegmentDeps, shop: string, customerId: number): Promise<CustomerProfile | null> {
  const [customer, shopRow] = await Promise.all([
    forShop(deps.db, shop).customer.findFirst({
      where: { id: customerId, ...LIVE_CUSTOMER },
      select: {
        id: true,
        firstName: true,
        lastName: true,
        email: true,
        phone: true,
        tags: true,
        city: true,
        provinceCode: true,
        countryCode: true,
        emailMarketingState: true,
        smsMarketingState: true,
        shopifyCreatedAt: true,
        facts: { select: { amountSpent: true, orderCount: true, lastOrderAt: true } },
      },
    }),
    deps.db.shop.findUnique({ where: { shop }, select: { currency: true } }),
  ]);
  if (!customer) return null;
  return {
    id: customer.id,
    name: customerDisplayName(customer),
    email: customer.email,
    phone: customer.phone,
    amountSpent: formatMinorUnits(customer.facts?.amountSpent ?? 0n, shopRow?.currency ?? "USD"),
    orders: customer.facts?.orderCount ?? 0,
    lastOrderAt: customer.facts?.lastOrderAt?.toISOString() ?? null,
    customerSince: customer.shopifyCreatedAt.toISOString(),
    tags: customer.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    location: [customer.city, customer.provinceCode, customer.countryCode].filter(Boolean).join(", ") || null,
    emailConsent: consentLabel(customer.emailMarketingState),
    smsConsent: consentLabel(customer.smsMarketingState),
  };
}

/**
 * The customer page: profile, the live segments the customer is in, all live segments of the
 * shop, and the per-clause explanation for `segmentId` (default: the first segment they are
 * in, else the shop's first). Null when the customer is not the shop's.
 */
export async function customerWithSegments(deps: SegmentDeps, shop: string, customerId: number, segmentId: string | null, now: Date) {
  const scoped = forShop(deps.db, shop);
  const [customer, memberships, segments, timeZone] = await Promise.all([
    findCustomerProfile(deps, shop, customerId),
    scoped.segmentMembership.findMany({
      where: { customerId, segment: { deletedAt: null } },
      select: { segment: { select: { id: true, name: true } } },
      orderBy: { segment: { name: "asc" } },
    }),
    scoped.segment.findMany({ where: { deletedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    shopTimeZone(deps.db, shop),
  ]);
  if (!customer) return null;
  const memberOf: SegmentOption[] = memberships.map((m) => m.segment);
  const selected = segments.find((s) => s.id === segmentId) ?? memberOf[0] ?? segments[0] ?? null;
  // The customer and the segment are known to be the shop's: explain without reading them again.
  const explained = selected ? await explainCustomer(deps, shop, customerId, selected.id, now) : null;
  return {
    customer,
    timeZone,
    memberOf,
    segments: segments satisfies SegmentOption[],
    explanation:
      selected && explained
        ? {
            segment: selected,
            member: memberOf.some((s) => s.id === selected.id),
            result: explained.ok ? explained : { ok: false as const, message: explained.message },
          }
        : null,
  };
}
