// The CSV export and the static-list upload routes, called directly as the sandbox session
// against a real database (both SQLite and PostgreSQL projects run this file).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../tests/factories/store";
import { openSandboxApp, type SandboxApp } from "../../tests/setup/sandbox-app";
import type { TestDb } from "../../tests/setup/test-db";
import type * as ExportRoute from "./app.segments.$id_.export[.]csv";
import type * as ImportRoute from "./app.segments.import";

const SHOP = uniqueShop();
let app: SandboxApp;
let t: TestDb;
let routes: { exportCsv: typeof ExportRoute; importList: typeof ImportRoute };

beforeAll(async () => {
  app = await openSandboxApp(SHOP);
  t = app.t;
  // Shopify's session storage opens the configured database on import: import after DATABASE_URL is set.
  routes = { exportCsv: await import("./app.segments.$id_.export[.]csv"), importList: await import("./app.segments.import") };
});

afterAll(async () => app?.close());

const url = (path: string) => `http://127.0.0.1:3000${path}`;

async function exportSegment(id: string): Promise<Response> {
  return routes.exportCsv.loader({ request: new Request(url(`/app/segments/${id}/export.csv`)), params: { id }, context: {} });
}

/** Reads the body chunk by chunk, as a browser download would. */
async function readChunks(response: Response): Promise<string[]> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no body");
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(decoder.decode(value));
  }
}

async function upload(fields: { name: string; csv?: string; filename?: string }) {
  const body = new FormData();
  body.set("name", fields.name);
  if (fields.csv !== undefined) body.set("csv", new File([fields.csv], fields.filename ?? "list.csv", { type: "text/csv" }));
  return (
    await routes.importList.action({ request: new Request(url("/app/segments/import"), { method: "POST", body }), params: {}, context: {} })
  ).data;
}

describe("segment CSV export", () => {
  it("streams header and members with escaped cells and an attachment filename", async () => {
    // GIVEN a static segment with a customer whose name would run as a formula
    const customer = await t.db.customer.create({
      data: buildCustomer(SHOP, { firstName: '=HYPERLINK("x")', lastName: "O'Hara, Jr.", email: "ada@example.com", phone: "+12135550100" }),
      select: { id: true, gid: true },
    });
    await t.db.customerFacts.create({
      data: {
        customerId: customer.id,
        shop: SHOP,
        orderCount: 3,
        amountSpent: 12_345n,
        lastOrderAt: new Date("2026-11-01T10:00:00Z"),
        version: 1n,
      },
    });
    const segment = await t.db.segment.create({
      data: { shop: SHOP, name: 'VIP "gold"', kind: "STATIC", memberCount: 1 },
      select: { id: true },
    });
    await t.db.segmentMembership.create({ data: { segmentId: segment.id, customerId: customer.id, shop: SHOP, enteredAt: new Date() } });

    // WHEN it is exported
    const response = await exportSegment(segment.id);

    // THEN it is a CSV attachment named after the segment, with the member's row escaped
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="VIP gold.csv"; filename*=UTF-8''VIP%20gold.csv`);
    const text = (await readChunks(response)).join("");
    expect(text.split("\r\n")).toEqual([
      "customer_id,shopify_id,first_name,last_name,email,phone,amount_spent,currency,orders,last_order_date",
      `${customer.id},${customer.gid},"'=HYPERLINK(""x"")","O'Hara, Jr.",ada@example.com,'+12135550100,123.45,USD,3,2026-11-01T10:00:00.000Z`,
      "",
    ]);
  });

  it("pages a segment of more than 1,000 members by customer id, one chunk per page", async () => {
    // GIVEN 2,500 members (and a customer of another segment, who must not appear)
    const rows = Array.from({ length: 2_501 }, () => buildCustomer(SHOP));
    // Chunked: SQLite's driver adapter caps the bound parameters of one statement.
    for (let i = 0; i < rows.length; i += 50) await t.db.customer.createMany({ data: rows.slice(i, i + 50) });
    const gids = new Set(rows.map((r) => r.gid));
    const created = (
      await t.db.customer.findMany({ where: { shop: SHOP }, select: { id: true, gid: true }, orderBy: { id: "asc" } })
    ).filter((c) => gids.has(c.gid));
    const members = created.slice(0, 2_500).map((c) => c.id);
    const segment = await t.db.segment.create({
      data: { shop: SHOP, name: "Everyone", kind: "STATIC", memberCount: members.length },
      select: { id: true },
    });
    const memberships = members.map((customerId) => ({ segmentId: segment.id, customerId, shop: SHOP, enteredAt: new Date() }));
    for (let i = 0; i < memberships.length; i += 100) await t.db.segmentMembership.createMany({ data: memberships.slice(i, i + 100) });

    // WHEN it is exported
    const chunks = await readChunks(await exportSegment(segment.id));

    // THEN the header and three pages (1,000 + 1,000 + 500) arrive as separate chunks, in id order
    expect(chunks).toHaveLength(4);
    const pages = chunks.slice(1).map((c) => c.split("\r\n").filter(Boolean));
    expect(pages.map((p) => p.length)).toEqual([1_000, 1_000, 500]);
    expect(pages.flat().map((line) => Number(line.split(",")[0]))).toEqual(members);
  });

  it("answers 404 for another shop's segment", async () => {
    const other = await t.db.segment.create({ data: { shop: uniqueShop(), name: "Theirs", kind: "STATIC" }, select: { id: true } });
    const thrown = await exportSegment(other.id).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });
});

describe("static list upload", () => {
  it("imports a CSV and reports matched, unmatched and invalid rows with their lines", async () => {
    // GIVEN a customer known by email and another by phone
    await t.db.customer.create({ data: buildCustomer(SHOP, { email: "known@example.com", phone: null }) });
    await t.db.customer.create({ data: buildCustomer(SHOP, { email: null, phone: "+12135559876" }) });

    // WHEN a list with a header, both, a stranger and a bad line is uploaded
    const result = await upload({
      name: "Market stall",
      csv: "email\nKnown@Example.com\n+1 (213) 555-9876\nstranger@example.com\nnot a contact\n",
    });

    // THEN the segment exists with the two members, and the report names each line
    if (!result.ok) throw new Error(`not imported: ${result.message}`);
    expect(result.summary.segment).toMatchObject({ name: "Market stall", memberCount: 2 });
    expect(result.summary.counts).toEqual({ matched: 2, unmatched: 1, invalid: 1 });
    expect(result.summary.matched).toEqual([
      { row: 2, value: "known@example.com" },
      { row: 3, value: "+12135559876" },
    ]);
    expect(result.summary.unmatched).toEqual([{ row: 4, value: "stranger@example.com" }]);
    expect(result.summary.invalid).toEqual([expect.objectContaining({ row: 5, text: "not a contact" })]);
    expect(await t.db.segmentMembership.count({ where: { segmentId: result.summary.segment.id } })).toBe(2);
  });

  it("refuses an upload without a file and keeps the name", async () => {
    expect(await upload({ name: "Keep me" })).toEqual({ ok: false, name: "Keep me", message: "Choose a CSV file" });
  });

  it("reads the empty, nameless file a browser posts when none was chosen as no file", async () => {
    expect(await upload({ name: "Keep me", csv: "", filename: "" })).toEqual({ ok: false, name: "Keep me", message: "Choose a CSV file" });
    expect(await upload({ name: "Keep me", csv: "", filename: "empty.csv" })).toEqual({
      ok: false,
      name: "Keep me",
      message: "The file is empty",
    });
  });

  it("refuses an upload without a name", async () => {
    expect(await upload({ name: "  ", csv: "a@b.co\n" })).toMatchObject({ ok: false, message: "Name is empty" });
  });
});
