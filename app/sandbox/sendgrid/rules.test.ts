import { describe, expect, it } from "vitest";
import { checkMailSend, deliveredMail, type MailSendBody } from "./rules";

const base: MailSendBody = {
  personalizations: [{ to: [{ email: "a@example.com" }] }],
  from: { email: "shop@example.com" },
  subject: "s",
  content: [{ type: "text/plain", value: "x" }],
};
const verified = ["Shop@example.com"];

describe("SendGrid Mail Send rules the spec cannot express", () => {
  it.each([
    { description: "no personalizations", body: { ...base, personalizations: [] }, status: 400, field: "personalizations" },
    {
      description: "1,001 personalizations",
      body: { ...base, personalizations: Array.from({ length: 1001 }, () => ({ to: [{ email: "a@example.com" }] })) },
      status: 400,
      field: "personalizations",
    },
    { description: "no content and no template", body: { ...base, content: undefined }, status: 400, field: "content" },
    { description: "only empty content", body: { ...base, content: [{ type: "text/plain", value: "" }] }, status: 400, field: "content" },
    { description: "no subject anywhere", body: { ...base, subject: undefined }, status: 400, field: "subject" },
    { description: "an unverified sender", body: { ...base, from: { email: "other@example.com" } }, status: 403, field: "from" },
    {
      description: "over 10,000 bytes of substitutions in one personalization",
      body: {
        ...base,
        personalizations: [
          { to: [{ email: "a@example.com" }] },
          { to: [{ email: "b@example.com" }], substitutions: { "-a-": "é".repeat(4_999) } },
        ],
      },
      status: 400,
      field: "personalizations.1.substitutions",
    },
  ])("refuses $description ($status, $field)", ({ body, status, field }) => {
    expect(checkMailSend(body, verified)).toMatchObject({ status, errors: [{ field }] });
  });

  it.each([
    { description: "content, any case of a verified sender", body: base },
    { description: "a template without content", body: { ...base, content: undefined, template_id: "d-1" } },
    {
      description: "subjects per personalization",
      body: { ...base, subject: undefined, personalizations: [{ to: [{ email: "a@example.com" }], subject: "p" }] },
    },
    {
      description: "10,000 bytes of substitutions",
      body: { ...base, personalizations: [{ to: [{ email: "a@example.com" }], substitutions: { "-a-": "x".repeat(9_997) } }] },
    },
    {
      description: "exactly 1,000 personalizations",
      body: { ...base, personalizations: Array.from({ length: 1000 }, () => ({ to: [{ email: "a@example.com" }] })) },
    },
  ])("accepts $description", ({ body }) => {
    expect(checkMailSend(body, verified)).toBeNull();
  });
});

describe("deliveredMail", () => {
  it("applies the personalization's substitutions to its subject and every content part, each tag everywhere", () => {
    const body: MailSendBody = {
      ...base,
      subject: "Hi -name-",
      content: [
        { type: "text/plain", value: "Hi -name-, -link- -link-" },
        { type: "text/html", value: '<a href="-link-">-name-</a>' },
      ],
      personalizations: [
        { to: [{ email: "a@example.com" }], substitutions: { "-name-": "Ann", "-link-": "https://x.test/a" } },
        { to: [{ email: "b@example.com" }], subject: "Yo -name-", substitutions: { "-name-": "Bob", "-link-": "https://x.test/b" } },
      ],
    };
    expect(deliveredMail(body, 0)).toEqual({
      subject: "Hi Ann",
      content: [
        { type: "text/plain", value: "Hi Ann, https://x.test/a https://x.test/a" },
        { type: "text/html", value: '<a href="https://x.test/a">Ann</a>' },
      ],
    });
    expect(deliveredMail(body, 1).subject).toBe("Yo Bob");
  });
});
