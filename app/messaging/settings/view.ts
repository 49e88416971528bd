// What the Settings page receives: every field, secrets only as masks ("•••• 1a2b").
import type { SenderType } from "./sender-types";

export interface ChannelSettingsView {
  sms: {
    twilioAccountSid: string;
    twilioApiKeySid: string;
    twilioSender: string;
    twilioSenderType: SenderType | "";
    twilioSenderVerified: boolean;
    smsPerSecond: number;
    authTokenMask: string | null;
    apiKeySecretMask: string | null;
  };
  email: {
    emailFromName: string;
    emailFromAddress: string;
    emailReplyTo: string;
    emailUnsubscribeGroupId: string;
    postalAddress: string;
    sendgridEventKey: string;
    apiKeyMask: string | null;
  };
  brand: { brandName: string; smsHelpText: string };
}
