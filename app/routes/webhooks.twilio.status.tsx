// Twilio status callbacks (queued → sent → delivered/undelivered/failed): verified, stored, 204.
import type { ActionFunctionArgs } from "@remix-run/node";
import { webhookDeps } from "~/messaging/webhooks/deps.server";
import { receiveTwilioWebhook } from "~/messaging/webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) => receiveTwilioWebhook(webhookDeps(), "status", request, new Date());
