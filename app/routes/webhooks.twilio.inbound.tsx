// Inbound SMS to the shop's Twilio sender: verified, stored raw, answered with empty TwiML.
import type { ActionFunctionArgs } from "@remix-run/node";
import { webhookDeps } from "~/messaging/webhooks/deps.server";
import { receiveTwilioWebhook } from "~/messaging/webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) => receiveTwilioWebhook(webhookDeps(), "inbound", request, new Date());
