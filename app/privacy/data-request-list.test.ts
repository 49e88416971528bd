import { describe, expect, it } from "vitest";
import { dataRequestViews, type StoredDataRequest } from "./data-request-list";

const REQUESTED = new Date("2026-11-01T03:00:00Z"); // Oct 31 in Los Angeles, Nov 1 in UTC
const row = (overrides: Partial<StoredDataRequest> = {}): StoredDataRequest => ({
  id: "shop.myshopify.com:9001",
  customerGid: "gid://shopify/Customer/42",
  requestedAt: REQUESTED,
  completedAt: REQUESTED,
  customer: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
  ...overrides,
});

describe("data request rows on Settings", () => {
  it("names the customer, gives both days in the shop's zone and the download link", () => {
    const [view] = dataRequestViews([row()], "America/Los_Angeles", new Date("2026-11-05T00:00:00Z"));
    expect(view).toEqual({
      id: "shop.myshopify.com:9001",
      url: "/app/data-requests/shop.myshopify.com%3A9001",
      who: "Ada Lovelace (ada@example.com)",
      requested: "Oct 31, 2026",
      sendBy: "Nov 30, 2026",
      overdue: false,
    });
  });

  it("falls back to the Shopify id for a customer Flock does not hold, and flags a request past 30 days", () => {
    const [view] = dataRequestViews([row({ customer: null })], "UTC", new Date("2026-12-01T03:00:01Z"));
    expect(view).toMatchObject({ who: "Shopify customer 42", sendBy: "Dec 1, 2026", overdue: true });
  });

  it("offers no download while the export is not built", () => {
    const [view] = dataRequestViews(
      [row({ completedAt: null, customer: { firstName: null, lastName: null, email: "x@example.com" } })],
      "UTC",
      REQUESTED,
    );
    expect(view).toMatchObject({ url: null, who: "x@example.com" });
  });
});
