// "Send test message": a plain-text SMS or email to the merchant's own phone or address through
// the real adapters and the shop's saved settings, the provider's answer translated into what to do.
import { createSendGridChannel } from "../channels/sendgrid.server";
import { createTwilioChannel } from "../channels/twilio.server";
import { twilioStatusCallbackUrl, type MessagingDeps } from "./deps.server";
import type { TestMessageForm } from "./forms";
import { loadEmailChannelConfig, loadSmsChannelConfig } from "./settings.server";
import { translateTestResult, type TestOutcome } from "./translate";

async function brandName(deps: MessagingDeps, shop: string): Promise<string> {
  const row = await deps.db.channelSettings.findUnique({ where: { shop }, select: { brandName: true } });
  return row?.brandName ?? "Flock";
}

export async function sendTestMessage(deps: MessagingDeps, shop: string, form: TestMessageForm): Promise<TestOutcome> {
  const brand = await brandName(deps, shop);
  if (form.intent === "test-sms") {
    const config = await loadSmsChannelConfig(deps.db, shop, deps.key);
    if (!config) return { ok: false, message: "Save the SMS settings before sending a test." };
    const channel = createTwilioChannel({
      auth: config.auth,
      sender: config.sender,
      ...(deps.twilioOrigin ? { origin: deps.twilioOrigin } : {}),
    });
    const result = await channel.sendSms({
      to: form.testPhone,
      body: `${brand}: this is a test message from Flock. Reply HELP for help, STOP to opt out.`,
      statusCallback: twilioStatusCallbackUrl(deps.appUrl, shop),
    });
    return translateTestResult("twilio", result);
  }
  const config = await loadEmailChannelConfig(deps.db, shop, deps.key);
  if (!config) return { ok: false, message: "Save the email settings before sending a test." };
  const channel = createSendGridChannel({ apiKey: config.apiKey, ...(deps.sendgridOrigin ? { origin: deps.sendgridOrigin } : {}) });
  const [batch] = await channel.sendEmail({
    from: { email: config.fromAddress, name: config.fromName },
    ...(config.replyTo ? { replyTo: { email: config.replyTo } } : {}),
    subject: `Test email from ${brand}`,
    text: `This is a test email from ${brand}, sent by Flock.\n\n${config.postalAddress}`,
    html: `<p>This is a test email from <strong>${escapeHtml(brand)}</strong>, sent by Flock.</p><p style="color:#666">${escapeHtml(config.postalAddress)}</p>`,
    recipients: [{ email: form.testEmail, customArgs: { flock_test: "1", shop } }],
    categories: ["flock-test"],
    ...(config.unsubscribeGroupId ? { unsubscribeGroupId: config.unsubscribeGroupId } : {}),
  });
  if (!batch) return { ok: false, message: "No recipient." };
  return translateTestResult("sendgrid", batch.result);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
