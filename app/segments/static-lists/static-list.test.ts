import { describe, expect, it } from "vitest";
import { normalisePhone, parseContactList, readContactList, splitCsvRecords } from "./static-list";

describe("parseContactList", () => {
  it("reads emails and phones, skips the header, reports invalid rows", () => {
    const csv = 'email,name\nAda@Example.com,Ada\n"+1 (212) 555-0100",Bob\nnot a contact\n\n212.555.0101\n';
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

  it("reads only the contact columns a header names, so an export imports again", () => {
    // An amount of 10 digits would read as a NANP phone, and a name may hold an address or line breaks.
    const csv = [
      "customer_id,shopify_id,first_name,last_name,email,phone,amount_spent,currency,orders,last_order_date",
      '1,gid://shopify/Customer/1,"Ada\r\nof x@y.co",Lovelace,,\'+12135550100,12345678.90,USD,3,',
      '2,gid://shopify/Customer/2,Bob,"Smith; Jr",bob@example.com,\'+12135550101,0.00,USD,0,',
      "3,gid://shopify/Customer/3,Cy,,,,2125550199.00,USD,1,",
    ].join("\r\n");
    expect(parseContactList(csv)).toEqual([
      { row: 2, kind: "phone", value: "+12135550100" },
      { row: 4, kind: "email", value: "bob@example.com" },
      {
        row: 5,
        kind: "invalid",
        text: "3,gid://shopify/Customer/3,Cy,,,,2125550199.00,USD,1,",
        reason: "no email address or phone number in the contact columns",
      },
    ]);
  });

  it("strips only the formula guard the export adds", () => {
    expect(parseContactList("'+44 20 7946 0958\n'2125550100\n''+12125550100\n")).toEqual([
      { row: 1, kind: "phone", value: "+442079460958" },
      { row: 2, kind: "invalid", text: "'2125550100", reason: "no email address or phone number" },
      { row: 3, kind: "invalid", text: "''+12125550100", reason: "no email address or phone number" },
    ]);
  });

  it("quotes back at most 200 characters of a refused row, and refuses an address longer than 254", () => {
    const [long, address] = parseContactList(`${"x".repeat(5_000)}\n${"a".repeat(250)}@example.com\n`);
    expect(long).toEqual({ row: 1, kind: "invalid", text: `${"x".repeat(200)}…`, reason: "no email address or phone number" });
    expect(address).toMatchObject({ row: 2, kind: "invalid" });
  });
});

describe("splitCsvRecords", () => {
  it("keeps quoted line breaks and separators inside a record, numbering records by their first line", () => {
    expect(splitCsvRecords('a,"b\nc"\n"d;e"\tf\n\ng')).toEqual([
      { line: 1, text: 'a,"b\nc"', cells: ["a", "b\nc"] },
      { line: 3, text: '"d;e"\tf', cells: ["d;e", "f"] },
      { line: 4, text: "", cells: [""] },
      { line: 5, text: "g", cells: ["g"] },
    ]);
  });
});

describe("readContactList", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it.each([
    {
      description: "a header without contacts",
      text: "email,phone\r\n\r\n",
      expected: { ok: false, message: "The file has a header row but no contacts" },
    },
    { description: "blank lines only", text: "\n \n", expected: { ok: false, message: "The file has no contacts" } },
    { description: "a NUL character", text: "email\na\u0000@b.co\n", expected: { ok: false, message: "Line 2 holds a NUL character" } },
    {
      description: "one contact after a UTF-8 byte-order mark",
      text: "\uFEFFemail\nada@example.com\n",
      expected: { ok: true, entries: [{ row: 2, kind: "email", value: "ada@example.com" }] },
    },
  ])("$description", ({ text, expected }) => {
    expect(readContactList(bytes(text))).toEqual(expected);
  });
});
