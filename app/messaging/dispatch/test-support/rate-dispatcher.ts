/**
 * One worker process dispatching a shop in real time through the Twilio stand-in (the fake, no
 * Prism) until nothing is due, for the shared-rate test. Every process started with the same
 * base date and anchor shares one clock (clock.ts shiftedClock).
 *
 *   tsx app/messaging/dispatch/test-support/rate-dispatcher.ts <database url> <shop> <base ISO> <anchor ms> <twilio origin> <per second> <batch size>
 *
 * Prints `sent <n>` when done.
 */
import { connectDb } from "~/db/db.server";
import { SANDBOX_TWILIO } from "~/sandbox/twilio/stand-in.server";
import { createTwilioChannel } from "../../channels/twilio.server";
import { shiftedClock } from "../clock";
import { dispatchShop } from "../dispatcher.server";
import { TEST_KEY } from "./dispatch-fixtures";

const [url, shop, baseIso, anchor, origin, perSecond, batchSize] = process.argv.slice(2);
if (!url || !shop || !baseIso || !anchor || !origin || !perSecond || !batchSize) {
  process.stderr.write(
    "usage: rate-dispatcher.ts <database url> <shop> <base ISO> <anchor ms> <twilio origin> <per second> <batch size>\n",
  );
  process.exit(2);
}

const db = connectDb(url);
const sms = createTwilioChannel({
  auth: { accountSid: SANDBOX_TWILIO.accountSid, authToken: SANDBOX_TWILIO.authToken },
  sender: { from: SANDBOX_TWILIO.number },
  origin,
});
const deps = {
  db,
  key: TEST_KEY,
  clock: shiftedClock(new Date(baseIso), Number(anchor)),
  sms,
  email: null,
  smsPerSecond: Number(perSecond),
};
// The SDK loads its Messages resource and opens its connection on first use; a worker that did
// that inside its first slot would start late and the span measured at the stand-in would shrink.
await sms.findSent("+15005550000", deps.clock.now());
let sent = 0;
for (;;) {
  const report = await dispatchShop(deps, shop, { batchSize: Number(batchSize), budgetMs: 1000 });
  sent += report.sent;
  if (report.nextDueAt === null || report.nextDueAt > deps.clock.now()) break;
}
process.stdout.write(`sent ${sent}\n`);
await db.$disconnect();
