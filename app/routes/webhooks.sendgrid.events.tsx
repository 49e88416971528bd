// SendGrid Event Webhook batches: ECDSA-verified, stored by sg_event_id, 204.
import type { ActionFunctionArgs } from "@remix-run/node";
import { webhookDeps } from "~/messaging/webhooks/deps.server";
import { receiveSendGridEvents } from "~/messaging/webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) => receiveSendGridEvents(webhookDeps(), request, new Date());
