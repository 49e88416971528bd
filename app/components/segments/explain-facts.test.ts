import { describe, expect, it } from "vitest";
import { factLabel, factValue } from "./explain-facts";

describe("factLabel", () => {
  it.each([
    { key: "abandoned_checkouts.rows", label: "All abandoned checkouts" },
    { key: "abandoned_checkouts.matching_rows", label: "Abandoned checkouts matching the conditions" },
    { key: "orders_placed.count", label: "Count of the matching orders" },
    { key: "products_purchased.matching", label: "Matching purchases" },
    { key: "number_of_orders", label: "Number of orders" },
    { key: "last_order_date", label: "Last order date" },
    { key: "member", label: "On the list" },
  ])("$key → $label", ({ key, label }) => {
    expect(factLabel(key)).toBe(label);
    expect(factLabel(key)).not.toMatch(/[._]/);
  });
});

describe("factValue", () => {
  it.each([
    {
      description: "an instant in the shop's zone (winter)",
      value: "2026-11-20T12:00:00.000Z",
      timeZone: "America/New_York",
      text: "Nov 20, 2026, 7:00 AM EST",
    },
    {
      description: "the same instant elsewhere",
      value: "2026-11-20T12:00:00.000Z",
      timeZone: "Asia/Tokyo",
      text: "Nov 20, 2026, 9:00 PM GMT+9",
    },
    { description: "summer time", value: "2026-07-01T16:30:00Z", timeZone: "America/Los_Angeles", text: "Jul 1, 2026, 9:30 AM PDT" },
    { description: "nothing", value: null, timeZone: "UTC", text: "none" },
    { description: "an empty list", value: [], timeZone: "UTC", text: "none" },
    { description: "a list", value: ["vip", "local"], timeZone: "UTC", text: "vip, local" },
    { description: "a boolean", value: true, timeZone: "UTC", text: "yes" },
    { description: "a count", value: 0, timeZone: "UTC", text: "0" },
    { description: "an amount", value: "300.00", timeZone: "UTC", text: "300.00" },
  ])("$description", ({ value, timeZone, text }) => {
    expect(factValue(value, timeZone)).toBe(text);
  });
});
