import { describe, expect, it } from "vitest";
import { normalisePhone, parseContactList } from "./static-list";

describe("parseContactList", () => {
  it("reads emails and phones, skips the header, reports invalid rows", () => {
    const csv = "email,name\nAda@Example.com,Ada\n\"+1 (212) 555-0100\",Bob\nnot a contact\n\n212.555.0101\n";
    expect(parseContactList(csv)).toEqual([
      { row: 2, kind: "email", value: "ada@example.com" },
      { row: 3, kind: "phone", value: "+12125550100" },
      { row: 4, kind: "invalid", text: "not a contact", reason: "no email address or phone number" },
      { row: 6, kind: "phone", value: "+12125550101" },
    ]);
  });

  it.each([
    { text: "+44 20 7946 0958", expected: "+442079460958" },
    { text: "0044 20 7946 0958", expected: "+442079460958" },
    { text: "12125550100", expected: "+12125550100" },
    { text: "555-0100", expected: null },
    { text: "abc", expected: null },
  ])("normalises $text", ({ text, expected }) => {
    expect(normalisePhone(text)).toBe(expected);
  });
});
