// The Mail v3 body the channel sends equals the one @sendgrid/mail's own Mail helper builds from
// the same data, personalizations included (the channel writes those itself, for speed).
import { Mail } from "@sendgrid/helpers/classes";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EmailMessage } from "../channel";
import { mailBody, mailData } from "./sendgrid.server";

const helperBody = (message: EmailMessage) => Mail.create(mailData(message, message.recipients)).toJSON();

const text = fc.string({ maxLength: 12 });
const record = fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/), text, { maxKeys: 3 });
const recipient = fc.record(
  {
    email: fc.emailAddress(),
    name: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,10}$/),
    customArgs: record,
    subject: text,
    headers: fc.dictionary(fc.constantFrom("List-Unsubscribe", "X-Flock", "X-Other"), fc.stringMatching(/^[a-z0-9:<>]{1,12}$/), {
      maxKeys: 2,
    }),
    substitutions: fc.dictionary(fc.stringMatching(/^-[a-z]{1,6}-$/), text, { maxKeys: 4 }),
  },
  { requiredKeys: ["email"] },
);

describe("mailBody", () => {
  it("equals the Mail helper's body for any recipients and message options", () => {
    fc.assert(
      fc.property(
        fc.array(recipient, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 99_999 }), { nil: undefined }),
        (recipients, withHtml, unsubscribeGroupId) => {
          const message: EmailMessage = {
            from: { email: "shop@example.com", name: "Paws" },
            replyTo: { email: "help@example.com" },
            subject: "Hi -name-",
            text: "Hello -name-",
            ...(withHtml ? { html: "<p>Hello -name-</p>" } : {}),
            recipients,
            categories: ["campaign"],
            headers: { "X-Flock-Test": "1" },
            ...(unsubscribeGroupId !== undefined ? { unsubscribeGroupId } : {}),
          };
          expect(mailBody(message, recipients)).toEqual(helperBody(message));
        },
      ),
    );
  });

  it("refuses a request without recipients", () => {
    const message: EmailMessage = { from: { email: "shop@example.com" }, subject: "s", text: "t", recipients: [] };
    expect(() => mailBody(message, [])).toThrow("at least one recipient");
  });
});
