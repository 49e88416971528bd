// The stand-in's discount mutations driven by Flock's own issuer over loopback: codes created,
// refused as Shopify refuses them (userErrors), replaced (deactivated), and a repeated create
// finding the code it made before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminDiscountIssuer } from "~/automations/abandoned-cart/discounts.server";
import type { NewStepCode } from "~/automations/abandoned-cart/discount-port";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import { startTestStandIn, TEST_NOW, TEST_TOKEN } from "./test-support";

let t: Awaited<ReturnType<typeof startTestStandIn>>;
let customerGid: string;
beforeAll(async () => {
  t = await startTestStandIn({ customers: 10 });
  customerGid = [...t.source.chunks()][0]!.customer.gid;
});
afterAll(async () => t.standIn.close());

const issuer = () =>
  adminDiscountIssuer(async (shop) =>
    createFetchGraphql({ origin: t.standIn.origin, shop, accessToken: TEST_TOKEN, apiVersion: "2026-10" }),
  );
const stepCode = (overrides: Partial<NewStepCode> = {}): NewStepCode => ({
  shop: "flock-test.myshopify.com",
  code: "BACK2-AAAA0001",
  title: "Flock cart recovery",
  discount: { kind: "percent", value: 10, expiresInHours: 48 },
  customerGid,
  startsAt: TEST_NOW,
  endsAt: new Date(TEST_NOW.getTime() + 48 * 3_600_000),
  currency: "USD",
  ...overrides,
});
const codeQuery = `query($code: String!) { codeDiscountNodeByCode(code: $code) { id codeDiscount { ... on DiscountCodeBasic { status usageLimit appliesOncePerCustomer endsAt } } } }`;

describe("discount codes in the Admin stand-in", () => {
  it("creates a single-use code for one customer, finds it again on a repeated create, and deactivates it", async () => {
    const created = await issuer().create(stepCode());
    expect(created).toEqual({ ok: true, gid: expect.stringMatching(/^gid:\/\/shopify\/DiscountCodeNode\//) });
    const found = (await t.gql(codeQuery, { code: "back2-aaaa0001" })).data.codeDiscountNodeByCode;
    expect(found.codeDiscount).toEqual({
      status: "ACTIVE",
      usageLimit: 1,
      appliesOncePerCustomer: true,
      endsAt: "2026-11-22T12:00:00.000Z",
    });
    // a tick repeated after a crash: TAKEN, then the code it made is used
    expect(await issuer().create(stepCode())).toEqual(created);
    if (!created.ok) throw new Error("not created");
    expect(await issuer().deactivate("flock-test.myshopify.com", created.gid)).toEqual({ ok: true, gid: created.gid });
    expect((await t.gql(codeQuery, { code: "BACK2-AAAA0001" })).data.codeDiscountNodeByCode.codeDiscount.status).toBe("EXPIRED");
  });

  it.each([
    {
      description: "an unknown customer",
      overrides: { code: "BACK1-X1", customerGid: "gid://shopify/Customer/1" },
      error: /context\.customers\.add: Customer gid:\/\/shopify\/Customer\/1 does not exist \(INVALID\)/,
    },
    {
      description: "an end before the start",
      overrides: { code: "BACK1-X2", endsAt: new Date(TEST_NOW.getTime() - 1000) },
      error: /END_DATE_BEFORE_START_DATE/,
    },
    { description: "a blank code", overrides: { code: "" }, error: /code: Code can't be blank \(BLANK\)/ },
    {
      description: "a zero amount",
      overrides: { code: "BACK1-X3", discount: { kind: "amount" as const, value: 0, expiresInHours: 1 } },
      error: /GREATER_THAN/,
    },
  ])("answers userErrors for $description", async ({ overrides, error }) => {
    const result = await issuer().create(stepCode(overrides));
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.errors.join("; ")).toMatch(error);
  });

  it("refuses to deactivate a discount it does not have", async () => {
    expect(await issuer().deactivate("flock-test.myshopify.com", "gid://shopify/DiscountCodeNode/999")).toEqual({
      ok: false,
      errors: ["id: Discount does not exist (INVALID)"],
    });
  });
});
