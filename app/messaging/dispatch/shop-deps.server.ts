// A shop's dispatcher as production runs it: its channels built from the saved settings (the
// stand-ins' origins only in the sandbox), its configured texts per second, the system clock.
import { createSendGridChannel } from "../channels/sendgrid.server";
import { createTwilioChannel } from "../channels/twilio.server";
import { twilioStatusCallbackUrl, type MessagingDeps } from "../settings/deps.server";
import { loadEmailChannelConfig, loadSmsChannelConfig } from "../settings/settings.server";
import { systemClock } from "./clock";
import type { DispatchDeps } from "./dispatcher.server";

export async function shopDispatchDeps(deps: MessagingDeps, shop: string): Promise<DispatchDeps> {
  const [smsConfig, emailConfig, settings] = await Promise.all([
    loadSmsChannelConfig(deps.db, shop, deps.key),
    loadEmailChannelConfig(deps.db, shop, deps.key),
    deps.db.channelSettings.findUnique({ where: { shop }, select: { smsPerSecond: true } }),
  ]);
  return {
    db: deps.db,
    key: deps.key,
    clock: systemClock,
    sms: smsConfig ? createTwilioChannel({ auth: smsConfig.auth, sender: smsConfig.sender, ...(deps.twilioOrigin ? { origin: deps.twilioOrigin } : {}) }) : null,
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
  };
}
