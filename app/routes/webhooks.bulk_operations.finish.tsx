// bulk_operations/finish → the inbox; applied later by the shopify.webhooks.apply job (app/shopify/webhooks).
import { webhookAction, webhookLoader } from "~/shopify/webhooks/receive.server";

export const action = webhookAction("bulk_operations/finish");
export const loader = webhookLoader;
