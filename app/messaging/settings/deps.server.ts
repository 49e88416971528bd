// What the messaging settings need from the environment: the database, the secrets key, the
// app's public URL (for webhook URLs and their signatures) and, in the sandbox only, the
// stand-ins' origins. Production never overrides the providers' hosts.
import { db, type Db } from "~/db/db.server";
import { decodeKey, env } from "~/env.server";
import { sandboxDecision } from "~/lib/sandbox-guard.server";

export interface MessagingDeps {
  db: Db;
  key: Buffer;
  appUrl: string;
  twilioOrigin?: string;
  sendgridOrigin?: string;
}

export function messagingDeps(): MessagingDeps {
  const config = env();
  const key = decodeKey(config.FLOCK_ENCRYPTION_KEY);
  if (!key) throw new Error("FLOCK_ENCRYPTION_KEY is not 32 bytes");
  const sandbox = sandboxDecision(config).enabled;
  return {
    db: db(),
    key,
    appUrl: config.SHOPIFY_APP_URL.replace(/\/$/, ""),
    ...(sandbox && config.FLOCK_SANDBOX_TWILIO_ORIGIN ? { twilioOrigin: config.FLOCK_SANDBOX_TWILIO_ORIGIN } : {}),
    ...(sandbox && config.FLOCK_SANDBOX_SENDGRID_ORIGIN ? { sendgridOrigin: config.FLOCK_SANDBOX_SENDGRID_ORIGIN } : {}),
  };
}

export function twilioStatusCallbackUrl(appUrl: string, shop: string): string {
  return `${appUrl}/webhooks/twilio/status?shop=${encodeURIComponent(shop)}`;
}
