import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubText } from "./logger.server";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: "debug", destination }), text: () => lines.join("") };
}

const PERSONAL = [
  "ada.lovelace@example.com",
  "+12135550123",
  "Ada",
  "Lovelace",
  "12 Analytical St",
  "shpat_secret_token",
  "AC0123-auth-token",
];

describe("log redaction", () => {
  it("never writes personal data or secrets, however they are passed", () => {
    // GIVEN a logger writing to memory
    const { log, text } = capture();
    // WHEN personal data and secrets reach it as fields, nested objects, errors and message text
    log.info({ email: "ada.lovelace@example.com", phone: "+12135550123", firstName: "Ada", lastName: "Lovelace" }, "customer synced");
    log.warn(
      { customer: { address: { address1: "12 Analytical St" }, name: "Ada Lovelace" }, accessToken: "shpat_secret_token" },
      "nested",
    );
    log.error({ err: new Error("Twilio rejected +12135550123 for ada.lovelace@example.com") }, "send failed");
    log.info("sending to ada.lovelace@example.com at +1 (213) 555-0123");
    log.debug({ request: { headers: { authorization: "Basic AC0123-auth-token" } } }, "provider call");
    // THEN none of it appears in the output, while the useful context does
    const out = text();
    for (const value of PERSONAL) expect(out).not.toContain(value);
    expect(out).not.toContain("555-0123");
    expect(out).toContain("customer synced");
    expect(out).toContain("[redacted]");
    expect(out).toContain("[email]");
    expect(out).toContain("[phone]");
  });

  it("keeps ids, counts and GIDs readable", () => {
    const { log, text } = capture();
    log.info({ shop: "demo.myshopify.com", customerGid: "gid://shopify/Customer/7100000000001", count: 3000 }, "import done");
    const out = text();
    expect(out).toContain("gid://shopify/Customer/7100000000001");
    expect(out).toContain('"count":3000');
    expect(out).toContain("demo.myshopify.com");
  });

  it.each([
    ["mail me at a.b+c@shop.co.uk please", "mail me at [email] please"],
    ["call 020 7946 0958", "call [phone]"],
    ["order #1001 has 3 items", "order #1001 has 3 items"],
  ])("scrubText(%s)", (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });
});

describe("scrubText leaves non-personal numbers alone", () => {
  it.each(["2026-11-23T10:00:00Z", "gid://shopify/Order/5500000000123", "checkout 8f3a2b1c9d recovered"])("%s", (text) => {
    expect(scrubText(text)).toBe(text);
  });
});
