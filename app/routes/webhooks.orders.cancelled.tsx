// orders/cancelled → the inbox; applied later by the shopify.webhooks.apply job (app/shopify/webhooks).
import { webhookAction, webhookLoader } from "~/shopify/webhooks/receive.server";

export const action = webhookAction("orders/cancelled");
export const loader = webhookLoader;
