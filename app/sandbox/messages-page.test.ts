import { describe, expect, it } from "vitest";
import { groupThreads, inboxEmails } from "./messages-page.server";

const sms = (over: Partial<Parameters<typeof groupThreads>[0][number]>) => ({
  sid: "SM1",
  accountSid: "AC1",
  direction: "outbound-api" as const,
  from: "+14155550100",
  to: "+14155550123",
  body: "hi",
  status: "delivered",
  errorCode: null,
  dateCreated: "2026-11-20T10:00:00.000Z",
  optedOut: false,
  webhooks: [],
  ...over,
});

describe("sandbox messages page", () => {
  it("threads SMS by the customer's number, replies going to our sender, newest thread first", () => {
    const threads = groupThreads([
      sms({ sid: "SM1" }),
      sms({
        sid: "SM2",
        direction: "inbound",
        from: "+14155550123",
        to: "+14155550100",
        body: "STOP",
        dateCreated: "2026-11-20T10:01:00.000Z",
        optedOut: true,
      }),
      sms({ sid: "SM3", to: "+14155550999", dateCreated: "2026-11-20T09:00:00.000Z", status: "undelivered", errorCode: 30003 }),
    ]);
    expect(threads.map((t) => [t.number, t.sender, t.optedOut, t.messages.map((m) => [m.sid, m.mine, m.status])])).toEqual([
      [
        "+14155550123",
        "+14155550100",
        true,
        [
          ["SM1", true, "delivered"],
          ["SM2", false, "delivered"],
        ],
      ],
      ["+14155550999", "+14155550100", false, [["SM3", true, "undelivered (30003)"]]],
    ]);
  });

  it("shows one inbox entry per recipient with its subject, parts, headers and events", () => {
    const [first, second] = inboxEmails([
      {
        messageId: "m1",
        receivedAt: "2026-11-20T10:00:00.000Z",
        body: {
          personalizations: [
            { to: [{ email: "a@example.com" }], custom_args: { outbox: "o1" } },
            { to: [{ email: "b@example.com" }], subject: "Hi B" },
          ],
          from: { email: "shop@example.com", name: "Shop" },
          subject: "Hello",
          content: [
            { type: "text/plain", value: "t" },
            { type: "text/html", value: "<p>h</p>" },
          ],
          asm: { group_id: 7 },
        },
        events: [{ event: "delivered", email: "a@example.com", answer: 204 }],
      },
    ]);
    expect(first).toMatchObject({ to: "a@example.com", subject: "Hello", text: "t", html: "<p>h</p>", events: ["delivered → 204"] });
    expect(first?.headers).toEqual(
      expect.arrayContaining([
        ["From", "Shop <shop@example.com>"],
        ["Unsubscribe group", "7"],
        ["custom_args.outbox", "o1"],
      ]),
    );
    expect(second).toMatchObject({ to: "b@example.com", subject: "Hi B", events: [] });
  });
});
