// The Twilio adapter's additions for the dispatcher, against the stand-in through Prism: a text
// with a ValidityPeriod is accepted, and findSent lists what went to a number since a time (the
// reconciliation of texts whose outcome is unknown).
import { afterAll, beforeAll, expect, it } from "vitest";
import { SANDBOX_TWILIO, startTwilioStandIn, type TwilioStandIn } from "~/sandbox/twilio/stand-in.server";
import { createTwilioChannel } from "./twilio.server";

let now = new Date("2026-11-20T15:00:00Z");
let standIn: TwilioStandIn;
beforeAll(async () => {
  standIn = await startTwilioStandIn({ now: () => now, stepDelayMs: 0 });
});
afterAll(async () => standIn?.close());

it("sends with a ValidityPeriod and finds the texts sent to a number since a time", async () => {
  const channel = createTwilioChannel({
    auth: { accountSid: SANDBOX_TWILIO.accountSid, authToken: SANDBOX_TWILIO.authToken },
    sender: { from: SANDBOX_TWILIO.number },
    origin: standIn.origin,
  });
  const earlier = await channel.sendSms({ to: "+14155550177", body: "Yesterday's news", validityPeriodSeconds: 600 });
  now = new Date("2026-11-20T16:00:00Z");
  const since = now;
  const result = await channel.sendSms({ to: "+14155550177", body: "Winter sale", validityPeriodSeconds: 3600 });
  await channel.sendSms({ to: "+14155550178", body: "Winter sale" });
  await standIn.fake.idle();

  expect([earlier.kind, result.kind]).toEqual(["sent", "sent"]);
  const found = await channel.findSent("+14155550177", since);
  expect(found).toEqual([{ providerId: result.kind === "sent" ? result.providerId : "", to: "+14155550177", body: "Winter sale" }]);
  expect(await channel.findSent("+14155550179", since)).toEqual([]);
});
