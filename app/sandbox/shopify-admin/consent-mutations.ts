// customerSmsMarketingConsentUpdate and customerEmailMarketingConsentUpdate as Shopify answers
// them: the customer's consent changes (later reads and bulk exports see it), refused input comes
// back as userErrors, and the matching consent webhook (customers_marketing_consent/update,
// customers_email_marketing_consent/update) is signed with the app's secret and sent to the app,
// as Shopify sends it for any consent change, including the app's own.
// https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerSmsMarketingConsentUpdate
import { createHmac, randomUUID } from "node:crypto";
import type { GenCustomer } from "~/sandbox/store-generator/types";
import type { StoreViews } from "./store-views";

export type ConsentOverlay = Partial<
  Pick<GenCustomer, "emailState" | "emailOptIn" | "emailConsentAt" | "smsState" | "smsOptIn" | "smsConsentAt">
>;

export interface ConsentWebhookTarget {
  /** The app's public origin; webhooks go to `${appUrl}/webhooks/<topic>`. */
  appUrl: string;
  /** The app's API secret (Shopify signs webhooks with it). */
  secret: string;
  /** Sends the signed request; `fetch` unless a test routes it straight to the app. */
  send?: (request: Request) => Promise<Response>;
}

export class ConsentWebhooks {
  readonly #pending = new Set<Promise<unknown>>();
  readonly failures: string[] = [];
  constructor(
    readonly target: ConsentWebhookTarget | undefined,
    readonly shopDomain: string,
    readonly now: () => Date,
  ) {}

  /** Sent after the mutation answers, as Shopify's delivery is asynchronous. */
  deliver(topic: string, payload: Record<string, unknown>): void {
    const target = this.target;
    if (!target) return;
    const body = JSON.stringify(payload);
    const request = new Request(`${target.appUrl.replace(/\/$/, "")}/webhooks/${topic}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Shop-Domain": this.shopDomain,
        "X-Shopify-Api-Version": "2026-10",
        "X-Shopify-Webhook-Id": randomUUID(),
        "X-Shopify-Event-Id": randomUUID(),
        "X-Shopify-Triggered-At": this.now().toISOString(),
        "X-Shopify-Hmac-Sha256": createHmac("sha256", target.secret).update(body, "utf8").digest("base64"),
      },
      body,
    });
    const sending = (async () => {
      try {
        const response = await (target.send ?? fetch)(request);
        if (!response.ok) this.failures.push(`${topic}: HTTP ${response.status}`);
      } catch (error) {
        this.failures.push(`${topic}: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
    this.#pending.add(sending);
    void sending.finally(() => this.#pending.delete(sending));
  }

  /** Resolves when every webhook sent so far has been answered. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}

type UserError = { field: string[]; message: string; code: "INVALID" | "MISSING_ARGUMENT" | "INCLUSION" };
const refused = (error: UserError) => ({ customer: null, userErrors: [error] });
const OPT_IN = new Set(["SINGLE_OPT_IN", "CONFIRMED_OPT_IN", "UNKNOWN"]);
const numericId = (gid: string) => Number(gid.slice(gid.lastIndexOf("/") + 1));

export function updateConsent(
  views: StoreViews,
  webhooks: ConsentWebhooks,
  channel: "SMS" | "EMAIL",
  args: Record<string, unknown>,
): unknown {
  const input = (args.input ?? {}) as Record<string, unknown>;
  const key = channel === "SMS" ? "smsMarketingConsent" : "emailMarketingConsent";
  const consent = (input[key] ?? {}) as Record<string, unknown>;
  const customerId = typeof input.customerId === "string" ? input.customerId : "";
  const view = views.node(customerId) as {
    __typename?: string;
    defaultPhoneNumber?: { phoneNumber: string } | null;
    defaultEmailAddress?: { emailAddress: string } | null;
  } | null;
  if (!view || view.__typename !== "Customer")
    return refused({ field: ["input", "customerId"], message: "Customer not found", code: "INVALID" });
  const address = channel === "SMS" ? view.defaultPhoneNumber?.phoneNumber : view.defaultEmailAddress?.emailAddress;
  if (!address) {
    return refused({
      field: ["input", "customerId"],
      message: channel === "SMS" ? "Customer must have a phone number" : "Customer must have an email address",
      code: "MISSING_ARGUMENT",
    });
  }
  const state = String(consent.marketingState);
  if (!["SUBSCRIBED", "UNSUBSCRIBED", "PENDING"].includes(state)) {
    return refused({ field: ["input", key, "marketingState"], message: `Marketing state ${state} cannot be set`, code: "INCLUSION" });
  }
  const optIn =
    consent.marketingOptInLevel === undefined || consent.marketingOptInLevel === null
      ? "SINGLE_OPT_IN"
      : String(consent.marketingOptInLevel);
  if (!OPT_IN.has(optIn))
    return refused({ field: ["input", key, "marketingOptInLevel"], message: "Invalid opt-in level", code: "INVALID" });
  const at = typeof consent.consentUpdatedAt === "string" ? new Date(consent.consentUpdatedAt) : webhooks.now();
  if (Number.isNaN(at.getTime())) return refused({ field: ["input", key, "consentUpdatedAt"], message: "Invalid date", code: "INVALID" });
  const stored = state as GenCustomer["smsState"];
  const level = optIn as NonNullable<GenCustomer["smsOptIn"]>;
  views.setConsent(
    customerId,
    channel === "SMS"
      ? { smsState: stored, smsOptIn: level, smsConsentAt: at }
      : { emailState: stored, emailOptIn: level, emailConsentAt: at },
  );
  const webhookConsent = {
    state: state.toLowerCase(),
    opt_in_level: optIn.toLowerCase(),
    consent_updated_at: at.toISOString(),
    consent_collected_from: "OTHER",
  };
  if (channel === "SMS")
    webhooks.deliver("customers_marketing_consent/update", {
      id: numericId(customerId),
      phone: address,
      sms_marketing_consent: webhookConsent,
    });
  else
    webhooks.deliver("customers_email_marketing_consent/update", {
      customer_id: numericId(customerId),
      email_address: address,
      email_marketing_consent: webhookConsent,
    });
  return { customer: views.node(customerId), userErrors: [] };
}
