import { describe, expect, it } from "vitest";
import { checkCreateMessage, messageSid, optOutKeyword, type CreateMessageInput } from "./rules";

const SERVICE = `MG${"a".repeat(32)}`;
const pools = new Map([[SERVICE, ["+14155550100"]]]);
const base: CreateMessageInput = { to: "+14155550123", from: "+14155550100", messagingServiceSid: null, body: "hi", mediaUrls: [] };

describe("Twilio Messages create rules", () => {
  it.each([
    { description: "no To", input: { ...base, to: null }, code: 21604 },
    { description: "a To that is not E.164", input: { ...base, to: "4155550123" }, code: 21211 },
    { description: "an impossible To", input: { ...base, to: "+1415" }, code: 21211 },
    { description: "neither From nor MessagingServiceSid", input: { ...base, from: null }, code: 21603 },
    { description: "a malformed Messaging Service", input: { ...base, from: null, messagingServiceSid: "MG123" }, code: 21705 },
    {
      description: "From outside the Messaging Service",
      input: { ...base, from: "+14155550199", messagingServiceSid: SERVICE },
      code: 21606,
    },
    { description: "a From that is no number or sender ID", input: { ...base, from: "+1-not" }, code: 21212 },
    { description: "no Body and no MediaUrl", input: { ...base, body: null }, code: 21619 },
    { description: "a body over 1,600 characters", input: { ...base, body: "x".repeat(1601) }, code: 21617 },
    { description: "an opted-out To", input: base, code: 21610, optedOut: ["+14155550123"] },
  ])("refuses $description with $code", ({ input, code, optedOut }) => {
    expect(checkCreateMessage(input, pools, new Set(optedOut ?? []))?.code).toBe(code);
  });

  it.each([
    { description: "From alone", input: base },
    { description: "a Messaging Service alone", input: { ...base, from: null, messagingServiceSid: SERVICE } },
    { description: "From inside its Messaging Service", input: { ...base, messagingServiceSid: SERVICE } },
    { description: "media without a body", input: { ...base, body: null, mediaUrls: ["https://example.com/a.png"] } },
    { description: "an alphanumeric sender", input: { ...base, from: "PAWS" } },
  ])("accepts $description", ({ input }) => {
    expect(checkCreateMessage(input, pools, new Set())).toBeNull();
  });

  it("writes SIDs as SM + 32 hex and reads Twilio's default keywords", () => {
    expect(messageSid("0123456789abcdef0123456789abcdef")).toBe("SM0123456789abcdef0123456789abcdef");
    expect(() => messageSid("xyz")).toThrow();
    expect(["stop", " Stop ", "UNSUBSCRIBE", "start", "help", "Hello"].map(optOutKeyword)).toEqual([
      "stop",
      "stop",
      "stop",
      "start",
      "help",
      null,
    ]);
  });
});
