// The vendors' own vectors (copied into app/sandbox/contracts with their provenance) against
// our checks, and against the stand-ins' signers, which must agree with them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { signTwilioRequest } from "~/sandbox/twilio/signature";
import { verifySendGridSignature, verifyTwilioSignature } from "./signatures.server";

const twilioVector = JSON.parse(readFileSync("app/sandbox/contracts/twilio/request-validation-vector.json", "utf8")) as {
  authToken: string;
  url: string;
  params: Record<string, string>;
  expectedSignature: string;
};
const sendgridVectors = (
  JSON.parse(readFileSync("app/sandbox/contracts/sendgrid/event-webhook/signed-event-webhook-vectors.json", "utf8")) as {
    vectors: { name: string; publicKey: string; signature: string; timestamp: string; rawBody: string; expectValid: boolean }[];
  }
).vectors;

describe("Twilio X-Twilio-Signature", () => {
  it("accepts Twilio's documented example and the stand-in's signer produces the same signature", () => {
    const { authToken, url, params, expectedSignature } = twilioVector;
    expect(verifyTwilioSignature(authToken, expectedSignature, url, params)).toBe(true);
    expect(signTwilioRequest(authToken, url, params)).toBe(expectedSignature);
  });

  it.each([
    { description: "a tampered parameter", change: (v: typeof twilioVector) => ({ ...v, params: { ...v.params, Digits: "9999" } }) },
    { description: "an added parameter", change: (v: typeof twilioVector) => ({ ...v, params: { ...v.params, Extra: "1" } }) },
    { description: "another URL", change: (v: typeof twilioVector) => ({ ...v, url: v.url.replace("foo=1", "foo=2") }) },
    { description: "another auth token (forged)", change: (v: typeof twilioVector) => ({ ...v, authToken: "54321" }) },
  ])("refuses $description", ({ change }) => {
    const v = change(twilioVector);
    expect(verifyTwilioSignature(v.authToken, twilioVector.expectedSignature, v.url, v.params)).toBe(false);
  });
});

describe("SendGrid Event Webhook ECDSA signature", () => {
  it.each(sendgridVectors)("verifies vector $name as SendGrid signed it", (vector) => {
    const now = new Date(Number(vector.timestamp) * 1000 + 5_000);
    const check = verifySendGridSignature({ ...vector, rawBody: Buffer.from(vector.rawBody, "utf8"), now });
    expect(check.ok).toBe(vector.expectValid);
  });

  it.each(sendgridVectors)("refuses vector $name tampered, without its CRLF, re-timed or replayed late", (vector) => {
    const now = new Date(Number(vector.timestamp) * 1000);
    const body = Buffer.from(vector.rawBody, "utf8");
    const check = (overrides: Partial<Parameters<typeof verifySendGridSignature>[0]>) =>
      verifySendGridSignature({ ...vector, rawBody: body, now, ...overrides }).ok;
    expect(check({ rawBody: Buffer.from(vector.rawBody.replace("event", "Event"), "utf8") })).toBe(false);
    expect(check({ rawBody: Buffer.from(vector.rawBody.trimEnd(), "utf8") })).toBe(false);
    expect(check({ timestamp: String(Number(vector.timestamp) + 1) })).toBe(false);
    expect(check({ now: new Date(now.getTime() + 601_000) })).toBe(false);
    expect(check({ signature: "" })).toBe(false);
  });
});
