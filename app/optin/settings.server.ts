// The shop's sign-up form settings (OptInSettings), with the defaults a shop without a row gets.
import type { Db } from "~/db/db.server";

export interface OptInSettingsView {
  enabled: boolean;
  programName: string;
  frequencyText: string;
  termsUrl: string;
  privacyUrl: string;
  welcomeText: string;
  discountCode: string;
  /** Email sign-ups: subscribed at once, or only after the confirmation email's link. */
  emailOptInLevel: "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN";
}

export const DEFAULT_FREQUENCY = "Recurring automated marketing messages, up to 6 msgs/month.";

/** Settings as stored, the program name falling back to the brand, then the shop's name. */
export async function loadOptInSettings(db: Db, shop: string): Promise<OptInSettingsView> {
  const [row, channel, shopRow] = await Promise.all([
    db.optInSettings.findUnique({ where: { shop } }),
    db.channelSettings.findUnique({ where: { shop }, select: { brandName: true } }),
    db.shop.findUnique({ where: { shop }, select: { name: true } }),
  ]);
  const fallbackName = channel?.brandName || shopRow?.name || shop.replace(/\.myshopify\.com$/, "");
  return {
    enabled: row?.enabled ?? false,
    programName: row?.programName || fallbackName,
    frequencyText: row?.frequencyText || DEFAULT_FREQUENCY,
    termsUrl: row?.termsUrl ?? "",
    privacyUrl: row?.privacyUrl ?? "",
    welcomeText: row?.welcomeText ?? "",
    discountCode: row?.discountCode ?? "",
    emailOptInLevel: row?.emailOptInLevel === "CONFIRMED_OPT_IN" ? "CONFIRMED_OPT_IN" : "SINGLE_OPT_IN",
  };
}
