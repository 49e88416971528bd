// The segment editor's inputs at their limits (issue #12 item 4): validation that names the field,
// NUL characters (PostgreSQL text cannot hold them) answered 400 instead of 500, and a live count
// and preview that take every query save takes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_QUERY_CHARS } from "~/segments/engine/segment-rules";
import { buildCustomer, uniqueShop } from "../../tests/factories/store";
import { openSandboxApp, type SandboxApp } from "../../tests/setup/sandbox-app";
import type { TestDb } from "../../tests/setup/test-db";
import type * as DetailRoute from "./app.segments.$id";
import type * as CountRoute from "./app.segments.count";
import type * as NewRoute from "./app.segments.new";
import type * as PreviewRoute from "./app.segments.preview";
import type * as SuggestRoute from "./app.segments.suggest";

const SHOP = uniqueShop();
let app: SandboxApp;
let t: TestDb;
let routes: {
  create: typeof NewRoute;
  detail: typeof DetailRoute;
  count: typeof CountRoute;
  preview: typeof PreviewRoute;
  suggest: typeof SuggestRoute;
};

beforeAll(async () => {
  app = await openSandboxApp(SHOP);
  t = app.t;
  for (const orderCount of [3, 1, 0]) {
    const c = await t.db.customer.create({ data: buildCustomer(SHOP, { tags: "vip" }), select: { id: true } });
    await t.db.customerFacts.create({ data: { customerId: c.id, shop: SHOP, orderCount, amountSpent: 0n, version: 1n } });
  }
  // Shopify's session storage opens the configured database on import: import after DATABASE_URL is set.
  routes = {
    create: await import("./app.segments.new"),
    detail: await import("./app.segments.$id"),
    count: await import("./app.segments.count"),
    preview: await import("./app.segments.preview"),
    suggest: await import("./app.segments.suggest"),
  };
});

afterAll(async () => app?.close());

const url = (path: string) => `http://127.0.0.1:3000${path}`;
function post(path: string, fields: Record<string, string>, params: Record<string, string> = {}) {
  return { request: new Request(url(path), { method: "POST", body: new URLSearchParams(fields) }), params, context: {} };
}

/** The status and body of a refused save (Remix `data()`), or the redirect of an accepted one. */
async function save(fields: Record<string, string>, id?: string): Promise<{ status: number; body?: unknown }> {
  const result = id
    ? await routes.detail.action(post(`/app/segments/${id}`, fields, { id }))
    : await routes.create.action(post("/app/segments/new", fields));
  if ("init" in result) return { status: result.init?.status ?? 200, body: result.data };
  return { status: result.status };
}

/** A query of `ORs` of one clause, padded to exactly `length` characters with spaces (which the parser skips). */
function queryOfLength(length: number): string {
  const clause = "number_of_orders >= 1";
  const n = Math.floor((length - clause.length) / (clause.length + 4)) + 1;
  const text = Array.from({ length: n }, () => clause).join(" OR ");
  return text.padEnd(length, " ");
}

describe("saving a segment: messages name the field", () => {
  it.each([
    {
      description: "an empty name",
      fields: { name: "  ", query: "number_of_orders >= 1" },
      expected: { ok: false, field: "name", message: "Name is empty" },
    },
    {
      description: "a name over 200 characters",
      fields: { name: "n".repeat(201), query: "number_of_orders >= 1" },
      expected: { ok: false, field: "name", message: "Name is longer than 200 characters" },
    },
    {
      description: "a NUL character in the name",
      fields: { name: "VIP\u0000", query: "number_of_orders >= 1" },
      expected: { ok: false, field: "name", message: "Name holds a NUL character" },
    },
    {
      description: "an empty query",
      fields: { name: "Empty", query: " \n " },
      expected: { ok: false, field: "query", message: "Query is empty" },
    },
    {
      description: "a query over the limit",
      fields: { name: "Long", query: queryOfLength(MAX_QUERY_CHARS + 1) },
      expected: { ok: false, field: "query", message: "Query is longer than 20,000 characters" },
    },
    {
      description: "a NUL character in the query",
      fields: { name: "Nul", query: "customer_tags CONTAINS 'a\u0000b'" },
      expected: { ok: false, field: "query", message: "Query holds a NUL character" },
    },
    {
      description: "a query that does not parse",
      fields: { name: "Broken", query: "number_of_orders >=" },
      expected: expect.objectContaining({ ok: false, field: "query", reason: "parse_error", line: 1 }),
    },
  ])("refuses $description with 400, and writes nothing", async ({ fields, expected }) => {
    const before = await t.db.segment.count({ where: { shop: SHOP } });
    expect(await save(fields)).toEqual({ status: 400, body: expected });
    expect(await t.db.segment.count({ where: { shop: SHOP } })).toBe(before);
  });

  it("refuses a NUL character when an existing segment is edited, keeping its definition", async () => {
    const created = await save({ name: "Buyers", query: "number_of_orders >= 1" });
    expect(created.status).toBe(302);
    const segment = await t.db.segment.findFirstOrThrow({ where: { shop: SHOP, name: "Buyers" }, select: { id: true } });
    expect(await save({ name: "Buyers\u0000", query: "number_of_orders >= 2" }, segment.id)).toEqual({
      status: 400,
      body: { ok: false, field: "name", message: "Name holds a NUL character" },
    });
    expect(await t.db.segment.findUniqueOrThrow({ where: { id: segment.id }, select: { name: true, query: true } })).toEqual({
      name: "Buyers",
      query: "number_of_orders >= 1",
    });
  });
});

describe("live count and preview", () => {
  it("count and preview take, in a POST body, a query just under the limit that save takes too", async () => {
    // GIVEN a query one character under the limit — far more than fits in a URL
    const query = queryOfLength(MAX_QUERY_CHARS - 1);
    expect(query).toHaveLength(19_999);

    // WHEN the editor posts it to the count and the preview
    const counted = await routes.count.action(post("/app/segments/count", { q: query }));
    const previewed = await routes.preview.action(post("/app/segments/preview", { q: query, page: "1" }));

    // THEN both answer for the two customers with orders, and save takes the same text
    expect(counted.status).toBe(200);
    expect(await counted.json()).toEqual({ ok: true, count: 2, total: 3, warnings: [] });
    expect(previewed.status).toBe(200);
    expect(await previewed.json()).toMatchObject({
      ok: true,
      count: 2,
      page: 1,
      hasNext: false,
      rows: [expect.anything(), expect.anything()],
    });
    expect((await save({ name: "Long but fine", query })).status).toBe(302);
  });

  it.each([
    { description: "over the limit", q: queryOfLength(MAX_QUERY_CHARS + 1), message: "Query is longer than 20,000 characters" },
    { description: "with a NUL character", q: "customer_tags CONTAINS 'a\u0000'", message: "Query holds a NUL character" },
  ])("count and preview refuse a query $description with 400, as save does", async ({ q, message }) => {
    const counted = await routes.count.action(post("/app/segments/count", { q }));
    expect({ status: counted.status, body: await counted.json() }).toEqual({
      status: 400,
      body: { ok: false, reason: "invalid_query", message },
    });
    const previewed = await routes.preview.action(post("/app/segments/preview", { q, page: "1" }));
    expect({ status: previewed.status, body: await previewed.json() }).toEqual({
      status: 400,
      body: { ok: false, reason: "invalid_request", message },
    });
  });
});

describe("suggestions", () => {
  it.each(["tag", "city", "product", "collection"])("refuses a NUL character in a %s search with 400 and says so", async (kind) => {
    const thrown = await routes.suggest
      .loader({
        request: new Request(url(`/app/segments/suggest?kind=${kind}&q=${encodeURIComponent("vi\u0000p")}`)),
        params: {},
        context: {},
      })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect({ status: response.status, text: await response.text() }).toEqual({
      status: 400,
      text: "Bad suggestion request: Search text holds a NUL character",
    });
  });

  it("still finds a tag without NUL", async () => {
    expect(
      await routes.suggest.loader({ request: new Request(url("/app/segments/suggest?kind=tag&q=vi")), params: {}, context: {} }),
    ).toEqual({ suggestions: [{ value: "vip", label: "vip" }] });
  });
});
