// Inbound SMS to the shop's Twilio sender: verified, stored raw, answered with empty TwiML.
import type { ActionFunctionArgs } from "@remix-run/node";
import { messagingDeps } from "~/messaging/settings/deps.server";
import { receiveTwilioWebhook } from "~/messaging/webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) => receiveTwilioWebhook(messagingDeps(), "inbound", request, new Date());
