import { describe, expect, it } from "vitest";
import { permanent, retryable, sent, unknown } from "../channel";
import { fieldErrors, SmsSettingsForm } from "./forms";
import { senderProblem } from "./sender-types";
import { translateTestResult } from "./translate";

describe("sender types", () => {
  it.each([
    { type: "10dlc", sender: "+14155550100", ok: true },
    { type: "10dlc", sender: "+447700900123", ok: false },
    { type: "toll-free", sender: "+18885550100", ok: true },
    { type: "toll-free", sender: "+14155550100", ok: false },
    { type: "short-code", sender: "12345", ok: true },
    { type: "short-code", sender: "1234567", ok: false },
    { type: "alphanumeric", sender: "PAWS", ok: true },
    { type: "alphanumeric", sender: "123456", ok: false },
    { type: "toll-free", sender: `MG${"b".repeat(32)}`, ok: true },
  ] as const)("$type sender $sender is ok: $ok", ({ type, sender, ok }) => {
    expect(senderProblem(type, sender) === null).toBe(ok);
  });

  it("reports the sender's problem on the sender field", () => {
    const result = SmsSettingsForm.safeParse({
      twilioAccountSid: `AC${"0".repeat(32)}`,
      twilioSenderType: "short-code",
      twilioSender: "+14155550100",
      smsPerSecond: "1",
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error)).toEqual({ twilioSender: "A short code is 5 or 6 digits" });
  });
});

describe("test message results in words", () => {
  it.each([
    { result: permanent("20003", "Authenticate"), provider: "twilio", ok: false, says: "Check both in the Twilio Console" },
    { result: permanent("21610", "unsubscribed"), provider: "twilio", ok: false, says: "Text START" },
    {
      result: permanent("30001", "Queue overflow"),
      provider: "twilio",
      ok: false,
      says: "Twilio refused the message (30001): Queue overflow",
    },
    { result: permanent("401", "denied"), provider: "sendgrid", ok: false, says: "Mail Send permission" },
    { result: permanent("403", "from"), provider: "sendgrid", ok: false, says: "not a verified sender" },
    { result: retryable("429", 30), provider: "sendgrid", ok: false, says: "in 30 seconds" },
    { result: unknown("timeout"), provider: "twilio", ok: false, says: "may still arrive" },
    { result: sent("SM1"), provider: "twilio", ok: true, says: "accepted the test message (SM1)" },
  ] as const)("$provider $result.kind $result.code", ({ result, provider, ok, says }) => {
    const outcome = translateTestResult(provider, result);
    expect(outcome.ok).toBe(ok);
    expect(outcome.message).toContain(says);
  });
});
