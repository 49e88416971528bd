import { describe, expect, it } from "vitest";
import { addSecurityHeaders } from "./security-headers";

const EMBEDDED = "frame-ancestors https://toys.myshopify.com https://admin.shopify.com https://*.spin.dev;";

interface Case {
  description: string;
  kind: "document" | "data";
  before: Record<string, string>;
  csp: string | null;
}

describe("addSecurityHeaders", () => {
  const cases: Case[] = [
    { description: "a sandbox or login page", kind: "document", before: {}, csp: "frame-ancestors 'none'" },
    {
      description: "an embedded page keeps its shop's frame-ancestors",
      kind: "document",
      before: { "Content-Security-Policy": EMBEDDED },
      csp: EMBEDDED,
    },
    {
      description: "another policy gains frame-ancestors 'none'",
      kind: "document",
      before: { "Content-Security-Policy": "default-src 'self'" },
      csp: "default-src 'self'; frame-ancestors 'none'",
    },
    { description: "loader data", kind: "data", before: {}, csp: null },
    { description: "data that was cacheable", kind: "data", before: { "Cache-Control": "max-age=3600" }, csp: null },
  ];
  it.each(cases)("$description", ({ kind, before, csp }) => {
    const headers = new Headers(before);
    addSecurityHeaders(headers, kind);
    expect({
      nosniff: headers.get("X-Content-Type-Options"),
      referrer: headers.get("Referrer-Policy"),
      cache: headers.get("Cache-Control"),
      csp: headers.get("Content-Security-Policy"),
    }).toEqual({ nosniff: "nosniff", referrer: "same-origin", cache: "no-store", csp });
  });
});
