// The editor's one request per pause in typing (app.segments.live): the count, the shop's total
// and a preview page from one evaluation, as the sandbox session against a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../tests/factories/store";
import { openSandboxApp, type SandboxApp } from "../../tests/setup/sandbox-app";
import type * as LiveRoute from "./app.segments.live";

const SHOP = uniqueShop();
let app: SandboxApp;
let live: typeof LiveRoute;
const ids: number[] = [];

beforeAll(async () => {
  app = await openSandboxApp(SHOP);
  for (const [orderCount, amountSpent] of [
    [3, 12_345],
    [1, 2_000],
    [0, 0],
    [2, 50_000],
  ] as const) {
    const c = await app.t.db.customer.create({ data: buildCustomer(SHOP), select: { id: true } });
    await app.t.db.customerFacts.create({
      data: { customerId: c.id, shop: SHOP, orderCount, amountSpent: BigInt(amountSpent), version: 1n },
    });
    ids.push(c.id);
  }
  // Shopify's session storage opens the configured database on import: import after DATABASE_URL is set.
  live = await import("./app.segments.live");
});

afterAll(async () => app?.close());

const post = (fields: Record<string, string>) => ({
  request: new Request("http://127.0.0.1:3000/app/segments/live", { method: "POST", body: new URLSearchParams(fields) }),
  params: {},
  context: {},
});

describe("live count and preview route", () => {
  it("answers the count, the shop's total and the first preview page together", async () => {
    const response = await live.action(post({ q: "number_of_orders >= 1" }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      ok: true;
      count: number;
      total: number;
      rows: { id: number }[];
      page: number;
      hasNext: boolean;
      warnings: unknown[];
    };
    expect({ ok: body.ok, count: body.count, total: body.total, page: body.page, hasNext: body.hasNext, warnings: body.warnings }).toEqual({
      ok: true,
      count: 3,
      total: 4,
      page: 1,
      hasNext: false,
      warnings: [],
    });
    expect(body.rows.map((r) => r.id)).toEqual([ids[0], ids[1], ids[3]]);
  });

  it("answers a later page with the same count", async () => {
    const body = (await (await live.action(post({ q: "number_of_orders >= 0", page: "2" }))).json()) as {
      count: number;
      rows: unknown[];
      page: number;
    };
    expect(body).toMatchObject({ count: 4, page: 2, rows: [] });
  });

  it("reports a parse error with its position, and refuses a bad page", async () => {
    const broken = (await (await live.action(post({ q: "number_of_orders >=" }))).json()) as Record<string, unknown>;
    expect(broken).toMatchObject({ ok: false, reason: "parse_error", line: 1 });
    const refused = await live.action(post({ q: "number_of_orders >= 1", page: "0" }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ ok: false, reason: "invalid_request" });
  });
});
