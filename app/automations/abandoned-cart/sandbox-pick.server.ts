// Sandbox only: which demo customer leaves the checkout. The dispatcher runs on the system clock,
// so a text to someone inside their quiet hours would wait until morning; the demo picks a
// customer (subscribed to texts and email, with nothing sent to them yet, so the frequency cap
// is open) whom the dispatcher's own rules let us text from now until shortly after the first step
// is due. The generated store has customers from Tokyo and Sydney to Los Angeles, so someone is
// awake at any hour.
import type { Db } from "~/db/db.server";
import { sendingRulesDeps } from "~/messaging/dispatch/shop-deps.server";
import { lookupPhoneLocation } from "~/messaging/rules/quiet-hours/phone-location";
import { textableThroughout } from "./sandbox-window";

/** Room after the first step's due time: the tick (every 30 s) and the dispatcher's next pass. */
const SLACK_MS = 10 * 60_000;
const CANDIDATES = 500;

export interface TextableCustomer {
  gid: string;
  phone: string;
  countryCode: string | null;
}

export async function pickTextableCustomer(db: Db, shop: string, now: Date, firstStepInSeconds: number): Promise<TextableCustomer | null> {
  const [deps, shopRow, candidates] = await Promise.all([
    sendingRulesDeps(db, shop),
    db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } }),
    db.customer.findMany({
      where: { shop, smsMarketingState: "SUBSCRIBED", emailMarketingState: "SUBSCRIBED", phone: { not: null }, email: { not: null } },
      select: { id: true, gid: true, phone: true, countryCode: true, provinceCode: true },
      orderBy: { id: "asc" },
      take: CANDIDATES,
    }),
  ]);
  // Same fallback as the dispatcher's batch context.
  const quietHours = deps.quietHours(shopRow?.ianaTimezone ?? "UTC");
  const messaged = new Set(
    (
      await db.outboxMessage.findMany({
        where: { shop, customerId: { in: candidates.map((c) => c.id) } },
        select: { customerId: true },
        distinct: ["customerId"],
      })
    ).map((m) => m.customerId),
  );
  const from = now.getTime();
  const to = from + firstStepInSeconds * 1000 + SLACK_MS;
  for (const c of candidates) {
    if (messaged.has(c.id) || c.phone === null) continue;
    const location = { phone: await lookupPhoneLocation(c.phone), address: { country: c.countryCode, province: c.provinceCode } };
    if (textableThroughout(location, quietHours, from, to)) return { gid: c.gid, phone: c.phone, countryCode: c.countryCode };
  }
  return null;
}
