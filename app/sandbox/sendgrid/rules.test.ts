import { describe, expect, it } from "vitest";
import { checkMailSend, type MailSendBody } from "./rules";

const base: MailSendBody = { personalizations: [{ to: [{ email: "a@example.com" }] }], from: { email: "shop@example.com" }, subject: "s", content: [{ type: "text/plain", value: "x" }] };
const verified = ["Shop@example.com"];

describe("SendGrid Mail Send rules the spec cannot express", () => {
  it.each([
    { description: "no personalizations", body: { ...base, personalizations: [] }, status: 400, field: "personalizations" },
    { description: "1,001 personalizations", body: { ...base, personalizations: Array.from({ length: 1001 }, () => ({ to: [{ email: "a@example.com" }] })) }, status: 400, field: "personalizations" },
    { description: "no content and no template", body: { ...base, content: undefined }, status: 400, field: "content" },
    { description: "only empty content", body: { ...base, content: [{ type: "text/plain", value: "" }] }, status: 400, field: "content" },
    { description: "no subject anywhere", body: { ...base, subject: undefined }, status: 400, field: "subject" },
    { description: "an unverified sender", body: { ...base, from: { email: "other@example.com" } }, status: 403, field: "from" },
  ])("refuses $description ($status, $field)", ({ body, status, field }) => {
    expect(checkMailSend(body, verified)).toMatchObject({ status, errors: [{ field }] });
  });

  it.each([
    { description: "content, any case of a verified sender", body: base },
    { description: "a template without content", body: { ...base, content: undefined, template_id: "d-1" } },
    { description: "subjects per personalization", body: { ...base, subject: undefined, personalizations: [{ to: [{ email: "a@example.com" }], subject: "p" }] } },
    { description: "exactly 1,000 personalizations", body: { ...base, personalizations: Array.from({ length: 1000 }, () => ({ to: [{ email: "a@example.com" }] })) } },
  ])("accepts $description", ({ body }) => {
    expect(checkMailSend(body, verified)).toBeNull();
  });
});
