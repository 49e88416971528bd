// products/update → the inbox; applied later by the shopify.webhooks.apply job (app/shopify/webhooks).
import { webhookAction, webhookLoader } from "~/shopify/webhooks/receive.server";

export const action = webhookAction("products/update");
export const loader = webhookLoader;
