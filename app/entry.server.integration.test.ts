// The headers of every document and data response, through the app's real entry
// (entry.server.tsx) and Shopify's own addDocumentResponseHeaders. React rendering is stubbed:
// only the headers are under test.
import { createElement } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "~/env.server";
import { createTestDb, type TestDb } from "../tests/setup/test-db";
import type * as EntryModule from "./entry.server";

vi.mock("@remix-run/react", () => ({ RemixServer: () => createElement("p", null, "page") }));

type Entry = typeof EntryModule;
let t: TestDb;
let entry: Entry;
beforeAll(async () => {
  // Shopify's session storage opens the configured database on import: give it a real one.
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  resetEnvCache();
  entry = await import("./entry.server");
});
afterAll(async () => t?.drop());

async function documentHeaders(url: string): Promise<Record<string, string | null>> {
  // The stubbed RemixServer reads no context.
  const context = {} as Parameters<Entry["default"]>[3];
  const response = (await entry.default(new Request(url), 200, new Headers(), context)) as Response;
  await response.text();
  const h = response.headers;
  return {
    nosniff: h.get("x-content-type-options"),
    referrer: h.get("referrer-policy"),
    cache: h.get("cache-control"),
    csp: h.get("content-security-policy"),
  };
}

describe("document and data headers", () => {
  it("an embedded page may be framed only by its shop and the Shopify admin", async () => {
    const headers = await documentHeaders(
      "https://flock.test/app?shop=super-toys.myshopify.com&host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvc3VwZXItdG95cw",
    );
    expect(headers).toMatchObject({ nosniff: "nosniff", referrer: "same-origin", cache: "no-store" });
    expect(headers.csp).toMatch(/^frame-ancestors https:\/\/super-toys\.myshopify\.com https:\/\/admin\.shopify\.com( |;)/);
  });

  it.each(["http://127.0.0.1:3000/app", "http://127.0.0.1:3000/app/customers/1", "https://flock.test/auth/login", "https://flock.test/"])(
    "%s may not be framed at all",
    async (url) => {
      expect(await documentHeaders(url)).toEqual({
        nosniff: "nosniff",
        referrer: "same-origin",
        cache: "no-store",
        csp: "frame-ancestors 'none'",
      });
    },
  );

  it("loader data is not stored by any cache", async () => {
    const response = entry.handleDataRequest(
      new Response('{"email":"a@b.c"}', { status: 200, headers: { "Cache-Control": "max-age=60" } }),
    );
    expect([
      response.status,
      response.headers.get("cache-control"),
      response.headers.get("x-content-type-options"),
      await response.text(),
    ]).toEqual([200, "no-store", "nosniff", '{"email":"a@b.c"}']);
    const redirect = entry.handleDataRequest(Response.redirect("https://flock.test/app", 302));
    expect([redirect.status, redirect.headers.get("location"), redirect.headers.get("cache-control")]).toEqual([
      302,
      "https://flock.test/app",
      "no-store",
    ]);
  });
});

describe("errors", () => {
  it("does not log a request whose client went away, and logs any other", () => {
    // GIVEN a request aborted mid-body (the Express adapter aborts the signal on close)
    const aborted = new AbortController();
    aborted.abort();
    const args = (signal: AbortSignal) => ({
      request: new Request("http://127.0.0.1:3000/app/segments/new", { method: "POST", signal }),
      params: {},
      context: {},
    });
    // (this test reads console.error itself instead of failing on it)
    const logged: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...line: unknown[]) => void logged.push(line));
    // WHEN Remix reports the failed body read, and then a real error
    entry.handleError(new Error("aborted"), args(aborted.signal));
    const real = new Error("a bug");
    entry.handleError(real, args(new AbortController().signal));
    // THEN only the real error is logged
    expect(logged).toEqual([[real]]);
  });
});
