// A shop's dispatcher as production runs it: its channels built from the saved settings (the
// stand-ins' origins only in the sandbox), its configured texts per second, its sending rules
// (calendar and cap; the shop's country, "US" only when unknown), the worker's clock.
import { recoveredCheckoutRows } from "~/automations/abandoned-cart/recovered.server";
import type { Db } from "~/db/db.server";
import { createSendGridChannel } from "../channels/sendgrid.server";
import { createTwilioChannel } from "../channels/twilio.server";
import { twilioStatusCallbackUrl, type MessagingDeps } from "../settings/deps.server";
import { loadEmailChannelConfig, loadSmsChannelConfig } from "../settings/settings.server";
import type { QuietHoursSettings } from "../rules/quiet-hours/settings";
import { quietHoursFor, shopCountryOf, type SendingRules } from "../sending-rules/rules";
import { loadSendingRules } from "../sending-rules/store.server";
import { campaignEmailParts } from "./campaign-email.server";
import { systemClock, type DispatchClock } from "./clock";
import type { DispatchDeps } from "./dispatcher.server";

export async function shopDispatchDeps(deps: MessagingDeps, shop: string, clock: DispatchClock = systemClock): Promise<DispatchDeps> {
  const [smsConfig, emailConfig, settings, rules] = await Promise.all([
    loadSmsChannelConfig(deps.db, shop, deps.key),
    loadEmailChannelConfig(deps.db, shop, deps.key),
    deps.db.channelSettings.findUnique({ where: { shop }, select: { smsPerSecond: true } }),
    sendingRulesDeps(deps.db, shop),
  ]);
  return {
    db: deps.db,
    key: deps.key,
    clock,
    sms: smsConfig
      ? createTwilioChannel({ auth: smsConfig.auth, sender: smsConfig.sender, ...(deps.twilioOrigin ? { origin: deps.twilioOrigin } : {}) })
      : null,
    email: emailConfig
      ? {
          channel: createSendGridChannel({ apiKey: emailConfig.apiKey, ...(deps.sendgridOrigin ? { origin: deps.sendgridOrigin } : {}) }),
          from: { email: emailConfig.fromAddress, ...(emailConfig.fromName ? { name: emailConfig.fromName } : {}) },
          ...(emailConfig.replyTo ? { replyTo: { email: emailConfig.replyTo } } : {}),
          ...(emailConfig.unsubscribeGroupId ? { unsubscribeGroupId: emailConfig.unsubscribeGroupId } : {}),
        }
      : null,
    smsPerSecond: settings?.smsPerSecond ?? 1,
    statusCallbackUrl: twilioStatusCallbackUrl(deps.appUrl, shop),
    // An abandoned-checkout step whose checkout was bought meanwhile is not sent.
    cancelledBySource: (forShop, rows) => recoveredCheckoutRows(deps.db, forShop, rows),
    // Campaign emails go out with their HTML part, built from the campaign per run.
    emailParts: campaignEmailParts(deps.db, { appUrl: deps.appUrl, key: deps.key }),
    ...rules,
  };
}

/** The shop's stored calendar (in its country; "US" only when unknown) and cap, as the dispatcher takes them. */
export async function sendingRulesDeps(db: Db, shop: string): Promise<Required<Pick<DispatchDeps, "frequencyCap" | "quietHours">>> {
  const [rules, shopRow] = await Promise.all([
    loadSendingRules(db, shop),
    db.shop.findUnique({ where: { shop }, select: { countryCode: true } }),
  ]);
  return { frequencyCap: rules.frequencyCap, quietHours: quietHoursByZone(rules, shopCountryOf(shopRow?.countryCode)) };
}

/**
 * One settings object per zone: the quiet-hours code caches its policies per settings object,
 * and the dispatcher asks once per message.
 */
export function quietHoursByZone(rules: SendingRules, shopCountry: string): (shopTimeZone: string) => QuietHoursSettings {
  const byZone = new Map<string, QuietHoursSettings>();
  return (shopTimeZone) => {
    let settings = byZone.get(shopTimeZone);
    if (!settings) {
      settings = quietHoursFor(rules, shopTimeZone, shopCountry);
      byZone.set(shopTimeZone, settings);
    }
    return settings;
  };
}
