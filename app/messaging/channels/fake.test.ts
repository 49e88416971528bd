import { describe, expect, it } from "vitest";
import { permanent, unknown } from "../channel";
import { FakeEmailChannel, FakeSmsChannel } from "./fake";

describe("fake channels for domain tests", () => {
  it("answers queued results in order, then sent, and records what may have gone out", async () => {
    const sms = new FakeSmsChannel().willAnswer(permanent("21610", "opted out"), unknown("dropped"));
    expect(await sms.sendSms({ to: "+14155550100", body: "a" })).toEqual(permanent("21610", "opted out"));
    expect(await sms.sendSms({ to: "+14155550101", body: "b" })).toEqual(unknown("dropped"));
    expect(await sms.sendSms({ to: "+14155550102", body: "c" })).toMatchObject({
      kind: "sent",
      providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/),
    });
    // The refused message did not go out; the unknown one may have.
    expect(sms.sent.map((m) => m.body)).toEqual(["b", "c"]);
  });

  it("answers one result per email send for all its recipients", async () => {
    const email = new FakeEmailChannel().willAnswer(permanent("403", "unverified sender"));
    const message = {
      from: { email: "s@example.com" },
      subject: "s",
      text: "t",
      recipients: [{ email: "a@example.com" }, { email: "b@example.com" }],
    };
    expect(await email.sendEmail(message)).toEqual([
      { recipients: ["a@example.com", "b@example.com"], result: permanent("403", "unverified sender") },
    ]);
    expect((await email.sendEmail(message))[0]?.result.kind).toBe("sent");
    expect(email.sent).toHaveLength(1);
  });
});
