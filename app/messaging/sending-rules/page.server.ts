// The Sending rules page's loader data and action: the stored rules as form values with the
// summary, and a submission checked field by field and saved only when everything holds.
import type { Db } from "~/db/db.server";
import { sendingRulesValues } from "./form";
import type { SendingRulesActionResult, SendingRulesPageData } from "./page-data";
import { FALLBACK_SHOP_COUNTRY } from "./rules";
import { readSendingRules, saveSendingRules } from "./store.server";
import { summarizeSendingRules } from "./summary";

export async function sendingRulesPageData(db: Db, shop: string): Promise<SendingRulesPageData> {
  const [stored, shopRow] = await Promise.all([
    readSendingRules(db, shop),
    db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true, countryCode: true } }),
  ]);
  return {
    values: sendingRulesValues(stored.rules),
    summary: summarizeSendingRules(stored.rules),
    corrupt: stored.corrupt,
    shopTimeZone: shopRow?.ianaTimezone ?? "UTC",
    shopCountry: shopRow?.countryCode ?? null,
    fallbackCountry: FALLBACK_SHOP_COUNTRY,
  };
}

export async function submitSendingRules(db: Db, shop: string, fields: Record<string, string>): Promise<SendingRulesActionResult> {
  const result = await saveSendingRules(db, shop, fields);
  if (!result.ok) {
    const count = Object.keys(result.errors).length;
    return {
      ok: false,
      errors: result.errors,
      message: `Nothing was saved: ${count === 1 ? "1 field needs" : `${count} fields need`} fixing (marked below).`,
    };
  }
  return { ok: true, message: "Sending rules saved" };
}
