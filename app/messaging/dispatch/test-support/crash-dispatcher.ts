/**
 * The real dispatcher in its own process, for the crash test: it dispatches one shop through the
 * Twilio and SendGrid stand-ins and SIGKILLs itself right after the provider answered, before
 * the outcome reaches the outbox.
 *
 *   tsx app/messaging/dispatch/test-support/crash-dispatcher.ts <database url> <shop> <now ISO> <twilio origin> <sendgrid origin>
 *
 * Prints `answered <kind>` on stdout (synchronously, so it is written before the kill).
 */
import { writeSync } from "node:fs";
import { connectDb } from "~/db/db.server";
import { SANDBOX_SENDGRID } from "~/sandbox/sendgrid/stand-in.server";
import { SANDBOX_TWILIO } from "~/sandbox/twilio/stand-in.server";
import type { EmailChannel, SendResult, SmsChannel, SmsLookup } from "../../channel";
import { createSendGridChannel } from "../../channels/sendgrid.server";
import { createTwilioChannel } from "../../channels/twilio.server";
import { ManualClock } from "../clock";
import { dispatchShop } from "../dispatcher.server";
import { TEST_KEY } from "./dispatch-fixtures";

const [url, shop, nowIso, twilioOrigin, sendgridOrigin] = process.argv.slice(2);
if (!url || !shop || !nowIso || !twilioOrigin || !sendgridOrigin) {
  process.stderr.write("usage: crash-dispatcher.ts <database url> <shop> <now ISO> <twilio origin> <sendgrid origin>\n");
  process.exit(2);
}

function die(result: SendResult): never {
  writeSync(1, `answered ${result.kind}\n`);
  process.kill(process.pid, "SIGKILL");
  throw new Error("unreachable");
}

const twilio = createTwilioChannel({
  auth: { accountSid: SANDBOX_TWILIO.accountSid, authToken: SANDBOX_TWILIO.authToken },
  sender: { from: SANDBOX_TWILIO.number },
  origin: twilioOrigin,
});
const sms: SmsChannel & SmsLookup = {
  sendSms: async (message) => die(await twilio.sendSms(message)),
  findSent: (to, since) => twilio.findSent(to, since),
};
const sendgrid = createSendGridChannel({ apiKey: SANDBOX_SENDGRID.apiKey, origin: sendgridOrigin });
const email: EmailChannel = {
  sendEmail: async (message) => {
    const [first] = await sendgrid.sendEmail(message);
    return first ? die(first.result) : [];
  },
};

await dispatchShop(
  {
    db: connectDb(url),
    key: TEST_KEY,
    clock: new ManualClock(new Date(nowIso)),
    sms,
    email: { channel: email, from: { email: SANDBOX_SENDGRID.fromEmail } },
    smsPerSecond: 10,
  },
  shop,
  { leaseMs: 60_000 },
);
process.stderr.write("the dispatcher finished without sending anything\n");
process.exit(3);
