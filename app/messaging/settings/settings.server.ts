// Per-shop channel settings: plain fields in ChannelSettings, secrets in ProviderCredential
// sealed with AES-256-GCM (app/lib/secret-box.ts, the shop and provider bound as associated
// data). Secrets never leave this module except to build a channel or check a signature; the
// page gets "•••• 1a2b".
import type { Db } from "~/db/db.server";
import { decryptSecret, encryptSecret } from "~/lib/secret-box";
import type { TwilioAuth, TwilioSender } from "../channels/twilio.server";
import type { BrandSettingsForm, EmailSettingsForm, FieldErrors, SmsSettingsForm } from "./forms";
import type { SenderType } from "./sender-types";
import type { ChannelSettingsView } from "./view";

type Provider = "twilio" | "sendgrid";
interface TwilioSecrets {
  authToken?: string;
  apiKeySecret?: string;
}
interface SendGridSecrets {
  apiKey?: string;
}

export function maskSecret(secret: string | undefined): string | null {
  return secret ? `•••• ${secret.slice(-4)}` : null;
}

async function readSecrets<T>(db: Db, shop: string, provider: Provider, key: Buffer): Promise<Partial<T>> {
  const row = await db.providerCredential.findUnique({ where: { shop_provider: { shop, provider } }, select: { encrypted: true } });
  return row ? (JSON.parse(decryptSecret(row.encrypted, key, `${shop}:${provider}`)) as Partial<T>) : {};
}

function sealSecrets(shop: string, provider: Provider, key: Buffer, secrets: object): string {
  return encryptSecret(JSON.stringify(secrets), key, `${shop}:${provider}`);
}

/** What the Settings page shows: every field, secrets masked. */
export async function getChannelSettingsView(db: Db, shop: string, key: Buffer): Promise<ChannelSettingsView> {
  const [row, shopRow, twilio, sendgrid] = await Promise.all([
    db.channelSettings.findUnique({ where: { shop } }),
    db.shop.findUnique({ where: { shop }, select: { name: true, smsHelpText: true } }),
    readSecrets<TwilioSecrets>(db, shop, "twilio", key),
    readSecrets<SendGridSecrets>(db, shop, "sendgrid", key),
  ]);
  return {
    sms: {
      twilioAccountSid: row?.twilioAccountSid ?? "",
      twilioApiKeySid: row?.twilioApiKeySid ?? "",
      twilioSender: row?.twilioSender ?? "",
      twilioSenderType: (row?.twilioSenderType as SenderType | null) ?? "",
      twilioSenderVerified: row?.twilioSenderVerified ?? false,
      smsPerSecond: row?.smsPerSecond ?? 1,
      authTokenMask: maskSecret(twilio.authToken),
      apiKeySecretMask: maskSecret(twilio.apiKeySecret),
    },
    email: {
      emailFromName: row?.emailFromName ?? "",
      emailFromAddress: row?.emailFromAddress ?? "",
      emailReplyTo: row?.emailReplyTo ?? "",
      emailUnsubscribeGroupId: row?.emailUnsubscribeGroupId ? String(row.emailUnsubscribeGroupId) : "",
      postalAddress: row?.postalAddress ?? "",
      sendgridEventKey: row?.sendgridEventKey ?? "",
      apiKeyMask: maskSecret(sendgrid.apiKey),
    },
    brand: { brandName: row?.brandName ?? shopRow?.name ?? "", smsHelpText: shopRow?.smsHelpText ?? "" },
  };
}

export type SaveResult = { ok: true } | { ok: false; errors: FieldErrors };

/** Saves the SMS form; a blank secret keeps the stored one, so other fields change without retyping it. */
export async function saveSmsSettings(db: Db, shop: string, form: SmsSettingsForm, key: Buffer): Promise<SaveResult> {
  const stored = await readSecrets<TwilioSecrets>(db, shop, "twilio", key);
  const authToken = form.twilioAuthToken ?? stored.authToken;
  // Twilio signs webhooks with the Auth Token even when messages go out with an API key.
  if (!authToken) return { ok: false, errors: { twilioAuthToken: "Enter the Auth Token (Twilio signs delivery reports with it)" } };
  const apiKeySecret = form.twilioApiKeySid ? (form.twilioApiKeySecret ?? stored.apiKeySecret) : undefined;
  if (form.twilioApiKeySid && !apiKeySecret) return { ok: false, errors: { twilioApiKeySecret: "Enter the API key's secret" } };
  const fields = {
    twilioAccountSid: form.twilioAccountSid,
    twilioApiKeySid: form.twilioApiKeySid ?? null,
    twilioSender: form.twilioSender,
    twilioSenderType: form.twilioSenderType,
    twilioSenderVerified: form.twilioSenderVerified,
    smsPerSecond: form.smsPerSecond,
  };
  const encrypted = sealSecrets(shop, "twilio", key, { authToken, ...(apiKeySecret ? { apiKeySecret } : {}) });
  await db.$transaction([
    db.channelSettings.upsert({ where: { shop }, create: { shop, ...fields }, update: fields }),
    db.providerCredential.upsert({
      where: { shop_provider: { shop, provider: "twilio" } },
      create: { shop, provider: "twilio", encrypted },
      update: { encrypted },
    }),
  ]);
  return { ok: true };
}

export async function saveEmailSettings(db: Db, shop: string, form: EmailSettingsForm, key: Buffer): Promise<SaveResult> {
  const stored = await readSecrets<SendGridSecrets>(db, shop, "sendgrid", key);
  const apiKey = form.sendgridApiKey ?? stored.apiKey;
  if (!apiKey) return { ok: false, errors: { sendgridApiKey: "Enter the SendGrid API key" } };
  const fields = {
    emailFromName: form.emailFromName,
    emailFromAddress: form.emailFromAddress,
    emailReplyTo: form.emailReplyTo ?? null,
    emailUnsubscribeGroupId: form.emailUnsubscribeGroupId,
    postalAddress: form.postalAddress,
    sendgridEventKey: form.sendgridEventKey ?? null,
  };
  const encrypted = sealSecrets(shop, "sendgrid", key, { apiKey });
  await db.$transaction([
    db.channelSettings.upsert({ where: { shop }, create: { shop, ...fields }, update: fields }),
    db.providerCredential.upsert({
      where: { shop_provider: { shop, provider: "sendgrid" } },
      create: { shop, provider: "sendgrid", encrypted },
      update: { encrypted },
    }),
  ]);
  return { ok: true };
}

export async function saveBrandSettings(db: Db, shop: string, form: BrandSettingsForm): Promise<SaveResult> {
  await db.$transaction([
    db.channelSettings.upsert({ where: { shop }, create: { shop, brandName: form.brandName }, update: { brandName: form.brandName } }),
    db.shop.update({ where: { shop }, data: { smsHelpText: form.smsHelpText ?? null } }),
  ]);
  return { ok: true };
}

export interface SmsChannelConfig {
  auth: TwilioAuth;
  sender: TwilioSender;
  authToken: string;
}

/** Everything a Twilio channel needs, or null when SMS is not set up. */
export async function loadSmsChannelConfig(db: Db, shop: string, key: Buffer): Promise<SmsChannelConfig | null> {
  const row = await db.channelSettings.findUnique({
    where: { shop },
    select: { twilioAccountSid: true, twilioApiKeySid: true, twilioSender: true },
  });
  const secrets = await readSecrets<TwilioSecrets>(db, shop, "twilio", key);
  if (!row?.twilioAccountSid || !row.twilioSender || !secrets.authToken) return null;
  const auth: TwilioAuth =
    row.twilioApiKeySid && secrets.apiKeySecret
      ? { accountSid: row.twilioAccountSid, apiKeySid: row.twilioApiKeySid, apiKeySecret: secrets.apiKeySecret }
      : { accountSid: row.twilioAccountSid, authToken: secrets.authToken };
  const sender: TwilioSender = /^MG[0-9a-fA-F]{32}$/.test(row.twilioSender)
    ? { messagingServiceSid: row.twilioSender }
    : { from: row.twilioSender };
  return { auth, sender, authToken: secrets.authToken };
}

export interface EmailChannelConfig {
  apiKey: string;
  fromName: string;
  fromAddress: string;
  replyTo: string | null;
  unsubscribeGroupId: number | null;
  postalAddress: string;
}

export async function loadEmailChannelConfig(db: Db, shop: string, key: Buffer): Promise<EmailChannelConfig | null> {
  const row = await db.channelSettings.findUnique({ where: { shop } });
  const secrets = await readSecrets<SendGridSecrets>(db, shop, "sendgrid", key);
  if (!row?.emailFromAddress || !secrets.apiKey) return null;
  return {
    apiKey: secrets.apiKey,
    fromName: row.emailFromName ?? "",
    fromAddress: row.emailFromAddress,
    replyTo: row.emailReplyTo,
    unsubscribeGroupId: row.emailUnsubscribeGroupId,
    postalAddress: row.postalAddress ?? "",
  };
}

/** The Auth Token that signs this shop's Twilio webhooks, or null (unknown shop: refuse). */
export async function twilioWebhookToken(db: Db, shop: string, key: Buffer): Promise<string | null> {
  return (await readSecrets<TwilioSecrets>(db, shop, "twilio", key)).authToken ?? null;
}

export async function sendGridEventKey(db: Db, shop: string): Promise<string | null> {
  return (await db.channelSettings.findUnique({ where: { shop }, select: { sendgridEventKey: true } }))?.sendgridEventKey ?? null;
}
