// Static list upload at its limits (issue #12 item 4): lists longer than SQLite's bound-parameter
// limit, files that are not UTF-8 text, NUL characters, and the export → import round trip.
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

type ImportAnswer = Awaited<ReturnType<typeof ImportRoute.action>>["data"];

/** Posts the upload form; answers the status and the action's data. */
async function upload(name: string, csv: string | Uint8Array<ArrayBuffer>): Promise<{ status: number; body: ImportAnswer }> {
  const form = new FormData();
  form.set("name", name);
  form.set("csv", new File([csv], "list.csv", { type: "text/csv" }));
  const result = await routes.importList.action({
    request: new Request(url("/app/segments/import"), { method: "POST", body: form }),
    params: {},
    context: {},
  });
  return { status: result.init?.status ?? 200, body: result.data };
}

async function createCustomers(rows: ReturnType<typeof buildCustomer>[]): Promise<number[]> {
  // Chunked: SQLite's driver adapter caps the bound parameters of one statement.
  for (let i = 0; i < rows.length; i += 100) await t.db.customer.createMany({ data: rows.slice(i, i + 100) });
  const gids = new Set(rows.map((r) => r.gid));
  const created = await t.db.customer.findMany({ where: { shop: SHOP }, select: { id: true, gid: true }, orderBy: { id: "asc" } });
  return created.filter((c) => gids.has(c.gid)).map((c) => c.id);
}

async function memberIdsOf(segmentId: string): Promise<number[]> {
  const rows = await t.db.segmentMembership.findMany({
    where: { segmentId },
    select: { customerId: true },
    orderBy: { customerId: "asc" },
  });
  return rows.map((r) => r.customerId);
}

describe("static list upload limits", () => {
  it("imports a 5,000-row list of emails and phones", async () => {
    // GIVEN 5,000 customers, half to be listed by email and half by phone
    const rows = Array.from({ length: 5_000 }, (_, i) =>
      buildCustomer(SHOP, { email: `bulk${i}@example.com`, phone: `+1415${String(i).padStart(7, "0")}` }),
    );
    const ids = await createCustomers(rows);
    const csv = ["contact", ...rows.map((r, i) => (i % 2 === 0 ? r.email : r.phone))].join("\n");

    // WHEN the list is uploaded
    const { status, body } = await upload("Bulk", csv);

    // THEN every row matched and every customer is a member
    expect(status).toBe(200);
    if (!body.ok) throw new Error(`not imported: ${body.message}`);
    expect(body.summary.counts).toEqual({ matched: 5_000, unmatched: 0, invalid: 0 });
    expect(await memberIdsOf(body.summary.segment.id)).toEqual(ids);
  });

  it.each([
    {
      description: "UTF-16 with a byte-order mark",
      bytes: utf16le("\uFEFFemail\nada@example.com\n"),
      message: "The file is UTF-16 text, not UTF-8: save it as “CSV UTF-8” and upload it again",
    },
    {
      description: "UTF-16 without a byte-order mark",
      bytes: utf16le("email\nada@example.com\n"),
      message: "The file is UTF-16 text, not UTF-8: save it as “CSV UTF-8” and upload it again",
    },
    {
      description: "a PNG image",
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      message: "The file is a PNG image, not a CSV text file",
    },
    {
      description: "Latin-1 text",
      bytes: new Uint8Array([...new TextEncoder().encode("email\nren"), 0xe9, ...new TextEncoder().encode("@example.com\n")]),
      message: "Line 2 is not UTF-8 text: save the file as “CSV UTF-8” and upload it again",
    },
  ])("refuses $description naming the problem, and makes no segment", async ({ bytes, message }) => {
    const before = await t.db.segment.count({ where: { shop: SHOP } });
    expect(await upload("Not text", bytes)).toEqual({ status: 400, body: { ok: false, name: "Not text", message } });
    expect(await t.db.segment.count({ where: { shop: SHOP } })).toBe(before);
  });

  it("refuses a header-only file and makes no segment", async () => {
    const before = await t.db.segment.count({ where: { shop: SHOP } });
    expect(await upload("Only a header", "email,phone\r\n\r\n")).toEqual({
      status: 400,
      body: { ok: false, name: "Only a header", message: "The file has a header row but no contacts" },
    });
    expect(await t.db.segment.count({ where: { shop: SHOP } })).toBe(before);
  });

  it("refuses a NUL character in a cell, naming its line, and makes no segment", async () => {
    const before = await t.db.segment.count({ where: { shop: SHOP } });
    expect(await upload("Nul", "email\nada@example.com\nb\u0000b@example.com\n")).toEqual({
      status: 400,
      body: { ok: false, name: "Nul", message: "Line 3 holds a NUL character" },
    });
    expect(await t.db.segment.count({ where: { shop: SHOP } })).toBe(before);
  });

  it("refuses a NUL character in the name", async () => {
    expect(await upload("Bad\u0000name", "ada@example.com\n")).toMatchObject({
      status: 400,
      body: { ok: false, message: "Name holds a NUL character" },
    });
  });

  it("keeps at most 1,000 characters of a refused name, for the form to show again", async () => {
    const { status, body } = await upload("n".repeat(100_000), "ada@example.com\n");
    expect({ status, body }).toEqual({
      status: 400,
      body: { ok: false, name: "n".repeat(1_000), message: "Name is longer than 200 characters" },
    });
  });

  it("quotes back at most 200 characters of an invalid row", async () => {
    const long = "x".repeat(100_000);
    const { body } = await upload("Long row", `email\n${long}\n`);
    if (!body.ok) throw new Error(`not imported: ${body.message}`);
    expect(body.summary.invalid).toEqual([{ row: 2, text: `${"x".repeat(200)}…`, reason: "no email address or phone number" }]);
    expect(JSON.stringify(body).length).toBeLessThan(2_000);
  });
});

describe("export → import round trip", () => {
  it("gives back the same members, including customers known only by a guarded phone", async () => {
    // GIVEN a segment of customers with an email, with only a phone, and with names a CSV must quote
    const rows = [
      ...Array.from({ length: 30 }, () => buildCustomer(SHOP, { phone: null })),
      ...Array.from({ length: 30 }, () => buildCustomer(SHOP, { email: null })),
      ...Array.from({ length: 15 }, (_, i) => buildCustomer(SHOP, { firstName: `=Line\nbreak, "quoted" ${i}`, lastName: "-minus" })),
    ];
    const ids = await createCustomers(rows);
    const segment = await t.db.segment.create({
      data: { shop: SHOP, name: "Round trip", kind: "STATIC", memberCount: ids.length },
      select: { id: true },
    });
    await t.db.segmentMembership.createMany({
      data: ids.map((customerId) => ({ segmentId: segment.id, customerId, shop: SHOP, enteredAt: new Date("2026-11-01T00:00:00Z") })),
    });

    // WHEN it is exported and the file uploaded again
    const exported = await routes.exportCsv.loader({
      request: new Request(url(`/app/segments/${segment.id}/export.csv`)),
      params: { id: segment.id },
      context: {},
    });
    const csv = await exported.text();
    expect(csv).toContain(",'+1");
    const { body } = await upload("Round trip again", csv);

    // THEN the new segment has exactly the same members, and no line was invalid
    if (!body.ok) throw new Error(`not imported: ${body.message}`);
    expect(body.summary.counts).toEqual({ matched: 75, unmatched: 0, invalid: 0 });
    expect(await memberIdsOf(body.summary.segment.id)).toEqual(ids);
  });
});

function utf16le(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[i * 2] = text.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
}
