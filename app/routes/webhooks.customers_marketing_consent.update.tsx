// customers_marketing_consent/update → the inbox; applied later by the shopify.webhooks.apply job (app/shopify/webhooks).
import { webhookAction, webhookLoader } from "~/shopify/webhooks/receive.server";

export const action = webhookAction("customers_marketing_consent/update");
export const loader = webhookLoader;
