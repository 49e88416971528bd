import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvFilename, majorUnits, memberCsvHeaderLine, memberCsvLine, quoteCsvCell, textCsvCell, unguardCsvCell } from "./export-csv";
import { splitCsvLine } from "../static-lists/static-list";

describe("CSV cells", () => {
  it.each([
    { description: "plain text is left alone", value: "Ada", expected: "Ada" },
    { description: "a comma is quoted", value: "Lovelace, Ada", expected: '"Lovelace, Ada"' },
    { description: "quotes are doubled inside quotes", value: 'Ada "the Countess"', expected: '"Ada ""the Countess"""' },
    { description: "a newline is quoted", value: "line one\nline two", expected: '"line one\nline two"' },
    { description: "a carriage return is quoted", value: "a\rb", expected: '"a\rb"' },
  ])("$description", ({ value, expected }) => {
    expect(quoteCsvCell(value)).toBe(expected);
  });

  it.each([
    { description: "= starts a formula", value: '=HYPERLINK("http://x")', expected: '"\'=HYPERLINK(""http://x"")"' },
    { description: "+ starts a formula (phone numbers too)", value: "+12135550100", expected: "'+12135550100" },
    { description: "- starts a formula", value: "-2+3", expected: "'-2+3" },
    { description: "@ starts a formula", value: "@SUM(A1)", expected: "'@SUM(A1)" },
    {
      description: "a tab start is neutralised (and quoted: the importer reads a tab as a separator)",
      value: "\t=1",
      expected: '"\'\t=1"',
    },
    { description: "a semicolon is quoted (the importer reads it as a separator)", value: "a;b", expected: '"a;b"' },
    { description: "a formula character later on is harmless", value: "a=b", expected: "a=b" },
    { description: "a quote before a formula start gets a guard too, so import can tell it from one", value: "'=x", expected: "''=x" },
    { description: "a quote before other text is left alone", value: "'twas", expected: "'twas" },
    { description: "null is an empty cell", value: null, expected: "" },
  ])("text cell: $description", ({ value, expected }) => {
    expect(textCsvCell(value)).toBe(expected);
  });
});

describe("formula guard undone on import", () => {
  it.each([
    { description: "the guard before + is removed", value: "'+12135550100", expected: "+12135550100" },
    { description: "the guard before = is removed", value: "'=1", expected: "=1" },
    { description: "a quote the merchant typed stays", value: "'twas", expected: "'twas" },
    { description: "a lone quote stays", value: "'", expected: "'" },
    { description: "one guard comes off a merchant's quoted formula", value: "''=x", expected: "'=x" },
    { description: "text without a guard stays", value: "+12135550100", expected: "+12135550100" },
  ])("$description", ({ value, expected }) => {
    expect(unguardCsvCell(value)).toBe(expected);
  });

  it("gives back any single-line text cell as written", () => {
    // Import trims cells, so the property holds for text without surrounding blanks or line breaks.
    const text = fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "'", "a", "1", ",", '"', " ", ";", "\t") }).map((s) => s.trim());
    fc.assert(
      fc.property(text, (value) => {
        expect(splitCsvLine(textCsvCell(value)).map(unguardCsvCell)).toEqual([value]);
      }),
    );
  });
});

describe("amounts in major units", () => {
  it.each([
    { description: "USD has cents", amount: 12_345n, currency: "USD", expected: "123.45" },
    { description: "leading zeros in the cents", amount: 5n, currency: "USD", expected: "0.05" },
    { description: "JPY has no decimals", amount: 1_200n, currency: "JPY", expected: "1200" },
    { description: "a negative balance keeps its sign", amount: -250n, currency: "EUR", expected: "-2.50" },
  ])("$description", ({ amount, currency, expected }) => {
    expect(majorUnits(amount, currency)).toBe(expected);
  });
});

describe("member lines", () => {
  it("writes the header and a row with every column, CRLF-terminated", () => {
    expect(memberCsvHeaderLine()).toBe(
      "customer_id,shopify_id,first_name,last_name,email,phone,amount_spent,currency,orders,last_order_date\r\n",
    );
    const line = memberCsvLine({
      id: 7,
      gid: "gid://shopify/Customer/42",
      firstName: "=cmd",
      lastName: "O'Hara, Jr.",
      email: "a@b.co",
      phone: "+12135550100",
      amountSpent: 12_345n,
      currency: "USD",
      orderCount: 3,
      lastOrderAt: new Date("2026-11-01T10:00:00Z"),
    });
    expect(line).toBe(`7,gid://shopify/Customer/42,'=cmd,"O'Hara, Jr.",a@b.co,'+12135550100,123.45,USD,3,2026-11-01T10:00:00.000Z\r\n`);
  });

  it("leaves missing values empty", () => {
    const line = memberCsvLine({
      id: 1,
      gid: "gid://shopify/Customer/1",
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      amountSpent: 0n,
      currency: "USD",
      orderCount: 0,
      lastOrderAt: null,
    });
    expect(line).toBe("1,gid://shopify/Customer/1,,,,,0.00,USD,0,\r\n");
  });
});

describe("csvFilename", () => {
  it.each([
    { name: "VIP buyers", expected: "VIP buyers.csv" },
    { name: 'a "quoted"/path\\name\n', expected: "a quoted path name.csv" },
    { name: "   ", expected: "segment.csv" },
  ])("$name → $expected", ({ name, expected }) => {
    expect(csvFilename(name)).toBe(expected);
  });
});
