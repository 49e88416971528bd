// `npm run demo`'s messaging side: the Twilio and SendGrid stand-ins (Prism in front), pointed
// at the app's signed webhooks, and the demo shop configured with their sandbox credentials on
// first run (later runs keep whatever the merchant changed in Settings).
import type { Db } from "~/db/db.server";
import { saveBrandSettings, saveEmailSettings, saveSmsSettings } from "~/messaging/settings/settings.server";
import { SANDBOX_SENDGRID, startSendGridStandIn } from "./sendgrid/stand-in.server";
import { sandboxAccount, SANDBOX_TWILIO, startTwilioStandIn } from "./twilio/stand-in.server";

export interface DemoMessaging {
  /** The environment the app reads to reach the stand-ins (sandbox only). */
  env: Record<
    "FLOCK_SANDBOX_TWILIO_ORIGIN" | "FLOCK_SANDBOX_TWILIO_CONTROL" | "FLOCK_SANDBOX_SENDGRID_ORIGIN" | "FLOCK_SANDBOX_SENDGRID_CONTROL",
    string
  >;
  close(): Promise<void>;
}

export async function startDemoMessaging(options: { db: Db; shop: string; appUrl: string; key: Buffer }): Promise<DemoMessaging> {
  const shopParam = `shop=${encodeURIComponent(options.shop)}`;
  const [twilio, sendgrid] = await Promise.all([
    startTwilioStandIn({ accounts: [sandboxAccount(`${options.appUrl}/webhooks/twilio/inbound?${shopParam}`)] }),
    startSendGridStandIn({ eventWebhookUrl: `${options.appUrl}/webhooks/sendgrid/events?${shopParam}` }),
  ]);
  if (!(await options.db.channelSettings.findUnique({ where: { shop: options.shop }, select: { shop: true } }))) {
    await saveBrandSettings(options.db, options.shop, {
      brandName: "Paws & Whiskers",
      smsHelpText: "Paws & Whiskers: questions? Email help@pawsandwhiskers.example. Reply STOP to opt out.",
    });
    await saveSmsSettings(
      options.db,
      options.shop,
      {
        twilioAccountSid: SANDBOX_TWILIO.accountSid,
        twilioAuthToken: SANDBOX_TWILIO.authToken,
        twilioSenderType: "10dlc",
        twilioSender: SANDBOX_TWILIO.number,
        twilioSenderVerified: true,
        smsPerSecond: 10,
      },
      options.key,
    );
    await saveEmailSettings(
      options.db,
      options.shop,
      {
        sendgridApiKey: SANDBOX_SENDGRID.apiKey,
        emailFromName: SANDBOX_SENDGRID.fromName,
        emailFromAddress: SANDBOX_SENDGRID.fromEmail,
        emailUnsubscribeGroupId: SANDBOX_SENDGRID.unsubscribeGroupId,
        postalAddress: "Paws & Whiskers, 500 Market Street, San Francisco, CA 94105",
        sendgridEventKey: sendgrid.fake.keys.publicKey,
      },
      options.key,
    );
  }
  return {
    env: {
      FLOCK_SANDBOX_TWILIO_ORIGIN: twilio.origin,
      FLOCK_SANDBOX_TWILIO_CONTROL: twilio.fakeOrigin,
      FLOCK_SANDBOX_SENDGRID_ORIGIN: sendgrid.origin,
      FLOCK_SANDBOX_SENDGRID_CONTROL: sendgrid.fakeOrigin,
    },
    close: async () => void (await Promise.all([twilio.close(), sendgrid.close()])),
  };
}
