// The segment routes called directly (Epic Stack style) as the sandbox session: a real
// database, the app's own db() and facts index, and the HTTP shapes the pages rely on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../tests/factories/store";
import { openSandboxApp, type SandboxApp } from "../../tests/setup/sandbox-app";
import type { TestDb } from "../../tests/setup/test-db";
import type * as IndexRoute from "./app.segments._index";
import type * as DetailRoute from "./app.segments.$id";
import type * as ExplainRoute from "./app.segments.$id_.explain.$customerId";
import type * as CountRoute from "./app.segments.count";
import type * as NewRoute from "./app.segments.new";

const SHOP = uniqueShop();
let app: SandboxApp;
let t: TestDb;
let routes: {
  index: typeof IndexRoute;
  count: typeof CountRoute;
  create: typeof NewRoute;
  detail: typeof DetailRoute;
  explain: typeof ExplainRoute;
};
const ids: number[] = [];

beforeAll(async () => {
  app = await openSandboxApp(SHOP);
  t = app.t;
  for (const [orderCount, amountSpent] of [
    [3, 12_345],
    [1, 2_000],
    [0, 0],
  ] as const) {
    const c = await t.db.customer.create({ data: buildCustomer(SHOP), select: { id: true } });
    await t.db.customerFacts.create({ data: { customerId: c.id, shop: SHOP, orderCount, amountSpent: BigInt(amountSpent), version: 1n } });
    ids.push(c.id);
  }
  // Shopify's session storage opens the configured database on import: import after DATABASE_URL is set.
  routes = {
    index: await import("./app.segments._index"),
    count: await import("./app.segments.count"),
    create: await import("./app.segments.new"),
    detail: await import("./app.segments.$id"),
    explain: await import("./app.segments.$id_.explain.$customerId"),
  };
});

afterAll(async () => app?.close());

const url = (path: string) => `http://127.0.0.1:3000${path}`;
const get = (path: string) => ({ request: new Request(url(path)), params: {}, context: {} });
function post(path: string, fields: Record<string, string>, params: Record<string, string> = {}) {
  return { request: new Request(url(path), { method: "POST", body: new URLSearchParams(fields) }), params, context: {} };
}

describe("segment routes", () => {
  it("counts a query with the shop's total, and reports a parse error with its position", async () => {
    expect(await routes.count.loader(get(`/app/segments/count?q=${encodeURIComponent("number_of_orders >= 1")}`))).toEqual({
      ok: true,
      count: 2,
      total: 3,
      warnings: [],
    });
    const broken = await routes.count.loader(get(`/app/segments/count?q=${encodeURIComponent("number_of_orders >=")}`));
    expect(broken).toMatchObject({ ok: false, reason: "parse_error", line: 1 });
  });

  it("refuses to save an unsupported filter, naming it", async () => {
    const result = await routes.create.action(post("/app/segments/new", { name: "Loyal", query: "rfm_group = 'LOYAL'" }));
    expect(result).toMatchObject({
      init: { status: 400 },
      data: { ok: false, field: "query", reason: "unsupported_filter", filters: ["rfm_group"] },
    });
  });

  it("refuses a segment without a name", async () => {
    expect(await routes.create.action(post("/app/segments/new", { name: " ", query: "number_of_orders >= 1" }))).toMatchObject({
      init: { status: 400 },
      data: { ok: false, field: "name", message: "Name is empty" },
    });
  });

  it("saves from a template, lists it with its origin, shows its members and explains one", async () => {
    // WHEN the Repeat buyers template is saved
    const response = await routes.create.action(
      post("/app/segments/new", { name: "Repeat buyers", query: "number_of_orders >= 2", origin: "repeat-buyers" }),
    );
    if (!(response instanceof Response)) throw new Error(`not saved: ${JSON.stringify(response)}`);
    expect(response.status).toBe(302);
    // The segment's page, with the confirmation the page shows once
    const location = new URL(response.headers.get("Location") ?? "", url("/"));
    expect(location.searchParams.get("saved")).toBe("1");
    const id = location.pathname.split("/").pop() ?? "";

    // THEN the index shows it with its origin and the shop's total
    const index = await routes.index.loader(get("/app/segments"));
    expect(index.totalCustomers).toBe(3);
    expect(index.rows).toEqual([
      expect.objectContaining({ id, name: "Repeat buyers", kind: "DYNAMIC", memberCount: 1, origin: "repeat-buyers" }),
    ]);

    // AND its page lists the one member with their facts
    const detail = (await routes.detail.loader({ ...get(`/app/segments/${id}`), params: { id } })).data;
    expect(detail.members).toEqual([expect.objectContaining({ id: ids[0], orders: 3, amountSpent: "$123.45" })]);
    expect(detail.hasNext).toBe(false);
    // AND its membership history follows the page: one entry today, one member now
    const history = await detail.history;
    expect(history?.days.at(-1)).toMatchObject({ entered: 1, members: 1 });

    // AND the explanation shows the clause as true with the fact it read
    const explained = await routes.explain.loader({
      ...get(`/app/segments/${id}/explain/${ids[0]}`),
      params: { id, customerId: String(ids[0]) },
    });
    expect(explained.result).toMatchObject({ ok: true, trace: { type: "clause", result: true, facts: { number_of_orders: 3 } } });
    // … with the shop's time zone, in which the page shows instants
    expect(explained.timeZone).toBe((await t.db.shop.findUniqueOrThrow({ where: { shop: SHOP } })).ianaTimezone);
  });

  it("deletes a segment from its page and goes back to the list, which says so", async () => {
    // GIVEN a saved segment
    const saved = await routes.create.action(post("/app/segments/new", { name: "Big spenders", query: "amount_spent > 100" }));
    if (!(saved instanceof Response)) throw new Error(`not saved: ${JSON.stringify(saved)}`);
    const id = new URL(saved.headers.get("Location") ?? "", url("/")).pathname.split("/").pop() ?? "";

    // WHEN its page posts the delete intent
    const response = await routes.detail.action(post(`/app/segments/${id}`, { intent: "delete" }, { id }));

    // THEN the list, with the name for its confirmation, no longer has it, and its page is gone
    if (!(response instanceof Response)) throw new Error(`not deleted: ${JSON.stringify(response)}`);
    expect(response.headers.get("Location")).toBe("/app/segments?deleted=Big%20spenders");
    expect((await routes.index.loader(get("/app/segments"))).rows.map((r) => r.id)).not.toContain(id);
    const thrown = await routes.detail.loader({ ...get(`/app/segments/${id}`), params: { id } }).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(404);
    // AND deleting it again is refused with a reason, not a crash
    expect(await routes.detail.action(post(`/app/segments/${id}`, { intent: "delete" }, { id }))).toMatchObject({
      data: { ok: false, intent: "delete" },
    });
  });

  it("answers 404 for a segment of another shop", async () => {
    const other = await t.db.segment.create({
      data: { shop: uniqueShop(), name: "Theirs", kind: "DYNAMIC", query: "number_of_orders >= 0" },
      select: { id: true },
    });
    const thrown = await routes.detail.loader({ ...get(`/app/segments/${other.id}`), params: { id: other.id } }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });
});
