// customers/data_request → the inbox; applied later by the shopify.webhooks.apply job (app/shopify/webhooks).
import { webhookAction, webhookLoader } from "~/shopify/webhooks/receive.server";

export const action = webhookAction("customers/data_request");
export const loader = webhookLoader;
