// customerCreate on the stand-in refuses what Shopify refuses, so a test that passes here would
// not fail against the real Admin API on input.
import { describe, expect, it } from "vitest";
import { buildCreatedCustomer, type ExistingCustomers } from "./customer-create";

const NOW = new Date("2026-11-20T15:00:00Z");
const GID = "gid://shopify/Customer/9000000000001";
const existing: ExistingCustomers = { findByEmail: (e) => e === "taken@example.com", findByPhone: (p) => p === "+12135550100" };

describe("customerCreate (stand-in)", () => {
  it.each([
    ["no name, phone or email", {}, [{ field: ["input"], message: "A name, phone number, or email address must be present" }]],
    [
      "an id on create",
      { id: "gid://shopify/Customer/1", email: "a@example.com" },
      [{ field: ["input", "id"], message: "Id cannot be specified on create" }],
    ],
    ["a malformed email", { email: "nope" }, [{ field: ["email"], message: "Email is invalid" }]],
    ["a taken email (any case)", { email: "Taken@Example.com" }, [{ field: ["email"], message: "Email has already been taken" }]],
    ["a malformed phone", { phone: "12" }, [{ field: ["phone"], message: "Phone is invalid" }]],
    ["a taken phone", { phone: "+1 213 555 0100" }, [{ field: ["phone"], message: "Phone has already been taken" }]],
  ])("refuses %s", (_name, input, userErrors) => {
    expect(buildCreatedCustomer({ input }, existing, GID, NOW)).toEqual({ userErrors });
  });

  it("creates a customer with the phone in E.164, no consent and the tags given", () => {
    const result = buildCreatedCustomer(
      { input: { phone: "+1 (213) 555-0111", locale: "es", tags: ["flock-signup"] } },
      existing,
      GID,
      NOW,
    );
    expect("chunk" in result && result.chunk.customer).toMatchObject({
      gid: GID,
      phone: "+12135550111",
      email: null,
      smsState: "NOT_SUBSCRIBED",
      emailState: "NOT_SUBSCRIBED",
      tags: ["flock-signup"],
      locale: "es",
      createdAt: NOW,
    });
  });
});
