// The consent mutations change what later reads see, refuse what Shopify refuses (userErrors),
// and send the consent webhook Shopify would, signed with the app's secret.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mapEmailConsentPayload, mapSmsConsentPayload } from "~/shopify/webhooks/payload-mappers";
import { CUSTOMER_EMAIL_CONSENT_UPDATE, CUSTOMER_SMS_CONSENT_UPDATE } from "~/shopify/graphql/consent";
import { startTestStandIn, TEST_WEBHOOK_SECRET } from "./test-support";

let t: Awaited<ReturnType<typeof startTestStandIn>>;
let gid: string;
let phone: string;
beforeAll(async () => {
  t = await startTestStandIn({ customers: 30 });
  const customer = [...t.source.chunks()].map((c) => c.customer).find((c) => c.phone !== null && c.email !== null);
  if (!customer?.phone) throw new Error("no customer with phone and email in the test store");
  gid = customer.gid;
  phone = customer.phone;
});
afterAll(async () => t.standIn.close());
beforeEach(() => {
  t.webhooks.length = 0;
});

const consentOf = async () =>
  (
    await t.gql(
      `query($id: ID!) { customer(id: $id) { defaultPhoneNumber { smsMarketingConsent { state updatedAt } } defaultEmailAddress { marketingState } } }`,
      { id: gid },
    )
  ).data.customer;
const input = (key: string, marketingState: string, customerId = gid) => ({
  input: { customerId, [key]: { marketingState, marketingOptInLevel: "SINGLE_OPT_IN", consentUpdatedAt: "2026-11-20T11:00:00Z" } },
});

describe("consent mutations", () => {
  it("customerSmsMarketingConsentUpdate applies the state and sends a signed customers_marketing_consent/update", async () => {
    const body = await t.gql(CUSTOMER_SMS_CONSENT_UPDATE, input("smsMarketingConsent", "UNSUBSCRIBED"));
    expect(body.errors).toBeUndefined();
    expect(body.data.customerSmsMarketingConsentUpdate.userErrors).toEqual([]);
    expect((await consentOf()).defaultPhoneNumber.smsMarketingConsent).toEqual({
      state: "UNSUBSCRIBED",
      updatedAt: "2026-11-20T11:00:00Z",
    });
    await t.standIn.consentWebhooks.idle();
    expect(t.webhooks).toHaveLength(1);
    const request = t.webhooks[0]!;
    const raw = await request.clone().text();
    expect(request.url).toBe("https://flock.test/webhooks/customers_marketing_consent/update");
    expect(request.headers.get("x-shopify-topic")).toBe("customers_marketing_consent/update");
    expect(request.headers.get("x-shopify-hmac-sha256")).toBe(createHmac("sha256", TEST_WEBHOOK_SECRET).update(raw).digest("base64"));
    const mapped = mapSmsConsentPayload(JSON.parse(raw));
    expect(mapped.gid).toBe(gid);
    expect(mapped.consent.state).toBe("UNSUBSCRIBED");
    expect(JSON.parse(raw).phone).toBe(phone);
  });

  it("customerEmailMarketingConsentUpdate applies the state and sends customers_email_marketing_consent/update", async () => {
    const body = await t.gql(CUSTOMER_EMAIL_CONSENT_UPDATE, input("emailMarketingConsent", "UNSUBSCRIBED"));
    expect(body.data.customerEmailMarketingConsentUpdate.userErrors).toEqual([]);
    expect((await consentOf()).defaultEmailAddress.marketingState).toBe("UNSUBSCRIBED");
    await t.standIn.consentWebhooks.idle();
    expect(t.webhooks.map((r) => r.headers.get("x-shopify-topic"))).toEqual(["customers_email_marketing_consent/update"]);
    expect(mapEmailConsentPayload(JSON.parse(await t.webhooks[0]!.text())).consent.state).toBe("UNSUBSCRIBED");
  });

  it.each([
    [
      "an email state that cannot be set",
      CUSTOMER_EMAIL_CONSENT_UPDATE,
      "customerEmailMarketingConsentUpdate",
      () => input("emailMarketingConsent", "NOT_SUBSCRIBED"),
      "INCLUSION",
    ],
    [
      "an unknown customer",
      CUSTOMER_SMS_CONSENT_UPDATE,
      "customerSmsMarketingConsentUpdate",
      () => input("smsMarketingConsent", "SUBSCRIBED", "gid://shopify/Customer/7100000009999"),
      "INVALID",
    ],
  ])("refuses %s with userErrors, changes nothing, sends no webhook", async (_label, document, field, variables, code) => {
    const before = await consentOf();
    const body = await t.gql(document, variables());
    expect(body.data[field].userErrors.map((e: { code: string }) => e.code)).toEqual([code]);
    expect(body.data[field].customer).toBeNull();
    expect(await consentOf()).toEqual(before);
    await t.standIn.consentWebhooks.idle();
    expect(t.webhooks).toEqual([]);
  });
});
