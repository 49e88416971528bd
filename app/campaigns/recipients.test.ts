import { describe, expect, it } from "vitest";
import {
  maskAddress,
  RecipientQuery,
  recipientCsvHeaderLine,
  recipientCsvLine,
  recipientStatusOf,
  recipientView,
  sourcesOf,
  type Recipient,
} from "./recipients";

describe("maskAddress", () => {
  it.each([
    { description: "a US phone keeps its last four digits", address: "+12125550123", expected: "+•••••••0123" },
    { description: "a UK phone", address: "+447700900123", expected: "+••••••••0123" },
    { description: "an email keeps its first letter and domain", address: "jane.doe@example.com", expected: "j•••@example.com" },
    { description: "a one-letter email", address: "j@example.com", expected: "j•••@example.com" },
    { description: "a short number shows nothing", address: "1234", expected: "••••" },
    { description: "no address", address: null, expected: "" },
  ])("$description", ({ address, expected }) => {
    expect(maskAddress(address)).toBe(expected);
  });
});

describe("recipientStatusOf", () => {
  it.each([
    { row: { status: "QUEUED", skipReason: null, lastError: null }, expected: { status: "queued", reason: null } },
    { row: { status: "SENDING", skipReason: null, lastError: null }, expected: { status: "queued", reason: null } },
    { row: { status: "SENT", skipReason: null, lastError: null }, expected: { status: "sent", reason: null } },
    { row: { status: "DELIVERED", skipReason: null, lastError: null }, expected: { status: "delivered", reason: null } },
    {
      row: { status: "UNDELIVERED", skipReason: null, lastError: "30003: Unreachable" },
      expected: { status: "failed", reason: "30003: Unreachable" },
    },
    { row: { status: "FAILED", skipReason: null, lastError: null }, expected: { status: "failed", reason: "no reason given" } },
    { row: { status: "SKIPPED", skipReason: "no_consent", lastError: null }, expected: { status: "skipped", reason: "no_consent" } },
    { row: { status: "SUPPRESSED", skipReason: null, lastError: null }, expected: { status: "skipped", reason: "suppressed" } },
    {
      row: { status: "UNKNOWN", skipReason: null, lastError: null },
      expected: { status: "unknown", reason: "outcome not known; not resent" },
    },
  ])("$row.status → $expected.status", ({ row, expected }) => {
    expect(recipientStatusOf(row)).toEqual(expected);
  });

  it("every filter but all and held out reads exactly the outbox statuses shown as it", () => {
    for (const filter of ["queued", "sent", "delivered", "failed", "unknown", "skipped"] as const) {
      const { outbox, holdout } = sourcesOf(filter);
      expect(holdout).toBe(false);
      expect(outbox.length).toBeGreaterThan(0);
      for (const status of outbox) expect(recipientStatusOf({ status, skipReason: null, lastError: null }).status).toBe(filter);
    }
    expect(sourcesOf("held_out")).toEqual({ outbox: [], holdout: true });
    expect(sourcesOf("all").outbox).toHaveLength(9);
  });
});

describe("RecipientQuery", () => {
  it("defaults to all from the start and reads a cursor", () => {
    expect(RecipientQuery.parse({})).toEqual({ status: "all" });
    expect(RecipientQuery.parse({ status: "failed", after: "123" })).toEqual({ status: "failed", after: 123 });
  });
  it.each([{ status: "bounced" }, { after: "-1" }, { after: "1 OR 1=1" }])("refuses %o", (input) => {
    expect(RecipientQuery.safeParse(input).success).toBe(false);
  });
});

const base: Recipient = {
  customerId: 7,
  gid: "gid://shopify/Customer/7",
  firstName: "Ada",
  lastName: "Lovelace",
  address: "+12125550123",
  status: "delivered",
  reason: null,
  sentAt: new Date("2026-12-07T19:00:00Z"),
  clickedAt: new Date("2026-12-07T19:05:00Z"),
  order: { name: "#1001", revenue: 4250n, currency: "USD" },
};

describe("recipient CSV", () => {
  it("writes every column, the address in full", () => {
    expect(recipientCsvHeaderLine()).toBe(
      "customer_id,shopify_id,first_name,last_name,address,status,reason,sent_at,clicked_at,order,order_revenue,currency\r\n",
    );
    expect(recipientCsvLine(base)).toBe(
      "7,gid://shopify/Customer/7,Ada,Lovelace,'+12125550123,delivered,,2026-12-07T19:00:00.000Z,2026-12-07T19:05:00.000Z,#1001,42.50,USD\r\n",
    );
  });

  it("neutralises formula starts in names and reasons, and quotes separators", () => {
    const line = recipientCsvLine({
      ...base,
      firstName: '=HYPERLINK("http://x")',
      lastName: "@SUM(A1)",
      status: "failed",
      reason: "-1, provider said no",
      order: null,
      clickedAt: null,
    });
    expect(line).toBe(
      '7,gid://shopify/Customer/7,"\'=HYPERLINK(""http://x"")",\'@SUM(A1),\'+12125550123,failed,"\'-1, provider said no",2026-12-07T19:00:00.000Z,,,,\r\n',
    );
  });

  it("a held-out customer has a status and nothing sent", () => {
    expect(recipientCsvLine({ ...base, status: "held_out", sentAt: null, clickedAt: null, order: null, address: "ada@example.com" })).toBe(
      "7,gid://shopify/Customer/7,Ada,Lovelace,ada@example.com,held_out,,,,,,\r\n",
    );
  });
});

describe("recipientView", () => {
  it("masks the address and names a customer without a name by id", () => {
    expect(recipientView({ ...base, firstName: null, lastName: null })).toEqual({
      customerId: 7,
      name: "Customer 7",
      address: "+•••••••0123",
      status: "delivered",
      reason: null,
      sentAt: "2026-12-07T19:00:00.000Z",
      clickedAt: "2026-12-07T19:05:00.000Z",
      order: { name: "#1001", revenue: "42.50 USD" },
    });
  });
});
