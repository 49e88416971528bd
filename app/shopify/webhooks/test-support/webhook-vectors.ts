// Webhook requests for equivalence tests: Shopify's own sample payloads signed like Shopify,
// then varied every way the verification rules care about (verify.integration.test.ts,
// http-receive.integration.test.ts).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { webhookSignature } from "../verify";

// Shopify's own sample payloads (copied into tests/fixtures/shopify/webhooks with their
// provenance), plus a body with multi-byte characters: the signature covers the UTF-8 bytes.
const FIXTURES = "tests/fixtures/shopify/webhooks";
const SAMPLES = ["app-uninstalled.json", "checkouts-create.json", "checkouts-update.json", "collections-update.json"];
function payloads(): { name: string; body: string }[] {
  const samples = SAMPLES.map((name) => ({ name, body: readFileSync(join(FIXTURES, name), "utf8") }));
  return [...samples, { name: "utf8", body: '{"id":820982911946154508,"note":"Grüße — ✓ 😀"}' }];
}

export interface WebhookCase {
  name: string;
  method?: string;
  body: string;
  headers: Record<string, string>;
}

function baseHeaders(body: string, secret: string): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": "orders/create",
    "X-Shopify-Shop-Domain": "vector-shop.myshopify.com",
    "X-Shopify-Api-Version": "2026-10",
    "X-Shopify-Webhook-Id": randomUUID(),
    "X-Shopify-Event-Id": randomUUID(),
    "X-Shopify-Triggered-At": "2026-11-23T10:00:00.000Z",
    "X-Shopify-Hmac-Sha256": webhookSignature(body, secret),
  };
}

function without(headers: Record<string, string>, name: string): Record<string, string> {
  const copy = { ...headers };
  delete copy[name];
  return copy;
}

export function webhookCases(secret: string): WebhookCase[] {
  const out: WebhookCase[] = [];
  for (const { name, body } of payloads()) {
    const h = baseHeaders(body, secret);
    out.push({ name: `${name}: valid`, body, headers: h });
    out.push({
      name: `${name}: lower-case header names`,
      body,
      headers: Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v])),
    });
    out.push({
      name: `${name}: forged (other secret)`,
      body,
      headers: { ...h, "X-Shopify-Hmac-Sha256": webhookSignature(body, "not-the-secret") },
    });
    out.push({ name: `${name}: body changed after signing`, body: `${body} `, headers: h });
    out.push({
      name: `${name}: hex instead of base64`,
      body,
      headers: { ...h, "X-Shopify-Hmac-Sha256": Buffer.from(webhookSignature(body, secret), "base64").toString("hex") },
    });
    out.push({ name: `${name}: unsigned`, body, headers: without(h, "X-Shopify-Hmac-Sha256") });
    out.push({ name: `${name}: empty signature`, body, headers: { ...h, "X-Shopify-Hmac-Sha256": "" } });
    out.push({ name: `${name}: GET`, method: "GET", body: "", headers: h });
    for (const header of ["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Api-Version", "X-Shopify-Webhook-Id"]) {
      out.push({ name: `${name}: no ${header}`, body, headers: without(h, header) });
      out.push({ name: `${name}: no ${header}, forged`, body, headers: { ...without(h, header), "X-Shopify-Hmac-Sha256": "AAAA" } });
    }
    out.push({
      name: `${name}: no event id, no triggered-at`,
      body,
      headers: without(without(h, "X-Shopify-Event-Id"), "X-Shopify-Triggered-At"),
    });
    out.push({ name: `${name}: unknown API version`, body, headers: { ...h, "X-Shopify-Api-Version": "1999-01" } });
    for (const shop of [
      "not a shop",
      "evil.example.com",
      "admin.shopify.com/store/vector-shop",
      "-x.myshopify.com",
      "x.myshopify.com/",
      "vector-shop.myshopify.com, other-shop.myshopify.com",
    ]) {
      out.push({ name: `${name}: shop ${shop}`, body, headers: { ...h, "X-Shopify-Shop-Domain": shop } });
      out.push({
        name: `${name}: shop ${shop}, forged`,
        body,
        headers: { ...h, "X-Shopify-Shop-Domain": shop, "X-Shopify-Hmac-Sha256": "AAAA" },
      });
    }
    const events = {
      "shopify-hmac-sha256": h["X-Shopify-Hmac-Sha256"] ?? "",
      "shopify-topic": "orders/create",
      "shopify-shop-domain": "vector-shop.myshopify.com",
      "shopify-api-version": "2026-10",
      "shopify-webhook-id": randomUUID(),
    };
    out.push({ name: `${name}: events-style headers`, body, headers: events });
    out.push({ name: `${name}: events-style, forged`, body, headers: { ...events, "shopify-hmac-sha256": "AAAA" } });
  }
  // fetch's text() drops a leading byte-order mark before the library signs the text, so a
  // body signed with its BOM fails; a receiver decoding differently would accept it.
  const bom = `\uFEFF{"id":1}`;
  out.push({ name: "byte-order mark, signed with it", body: bom, headers: baseHeaders(bom, secret) });
  out.push({
    name: "byte-order mark, signed without it",
    body: bom,
    headers: { ...baseHeaders(bom, secret), "X-Shopify-Hmac-Sha256": webhookSignature('{"id":1}', secret) },
  });
  const empty = baseHeaders("", secret);
  out.push({ name: "empty body, signed", body: "", headers: empty });
  return out;
}

export function caseRequest(c: WebhookCase, url = "https://flock.test/webhooks/orders/create"): Request {
  return new Request(url, { method: c.method ?? "POST", headers: c.headers, ...(c.method === "GET" ? {} : { body: c.body }) });
}
