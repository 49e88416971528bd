// Single-use export links against each database: issued by the authenticated action, redeemed
// once by the export route, refused when expired, forged, reused, for another segment or shop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { openSandboxApp, type SandboxApp } from "../../../tests/setup/sandbox-app";
import type * as ExportRoute from "../../routes/app.segments.$id_.export[.]csv";
import type * as TokenRoute from "../../routes/app.segments.$id_.export-token";
import { EXPORT_TOKEN_TTL_MS, signExportToken } from "./export-token";
import { issueExportToken, redeemExportToken } from "./export-token.server";

const SHOP = uniqueShop();
const SECRET = "test-api-secret";
let app: SandboxApp;
let routes: { exportCsv: typeof ExportRoute; token: typeof TokenRoute };

beforeAll(async () => {
  app = await openSandboxApp(SHOP);
  routes = {
    exportCsv: await import("../../routes/app.segments.$id_.export[.]csv"),
    token: await import("../../routes/app.segments.$id_.export-token"),
  };
});
afterAll(async () => app?.close());

const url = (path: string) => `http://127.0.0.1:3000${path}`;

async function givenSegment(shop: string, email: string) {
  const customer = await app.t.db.customer.create({ data: buildCustomer(shop, { email }), select: { id: true } });
  const segment = await app.t.db.segment.create({
    data: { shop, name: "Export me", kind: "STATIC", memberCount: 1 },
    select: { id: true },
  });
  await app.t.db.segmentMembership.create({ data: { shop, segmentId: segment.id, customerId: customer.id, enteredAt: new Date() } });
  return segment.id;
}

/** Calls the export route as a plain navigation would (the sandbox session is not consulted for tokens). */
function requestLink(id: string) {
  return routes.token.action({
    request: new Request(url(`/app/segments/${id}/export-token`), { method: "POST" }),
    params: { id },
    context: {},
  });
}

function download(path: string, id: string) {
  return routes.exportCsv.loader({ request: new Request(url(path)), params: { id }, context: {} });
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; text: string }> {
  const thrown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(thrown instanceof Response)) throw new Error(`expected a thrown Response, got ${String(thrown)}`);
  return { status: thrown.status, text: await thrown.text() };
}

describe("export download links", () => {
  it("the action's URL downloads the CSV once; a second use is refused", async () => {
    // GIVEN a segment with one member
    const id = await givenSegment(SHOP, "once@example.com");

    // WHEN the button's action asks for a link and it is opened
    const issued = await requestLink(id);
    if (!("ok" in issued) || !issued.ok) throw new Error("no link issued");
    expect(issued.url).toMatch(new RegExp(`^/app/segments/${id}/export\\.csv\\?token=[\\w.%-]+$`));
    const response = await download(issued.url, id);

    // THEN it is the CSV, and the same link again is refused with a clear message
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(await response.text()).toContain("once@example.com");
    expect(await refusal(download(issued.url, id))).toEqual({
      status: 403,
      text: "This download link was already used. Export the segment again.",
    });
  });

  it("refuses a link after its two minutes", async () => {
    const id = await givenSegment(SHOP, "late@example.com");
    const issuedAt = new Date("2026-11-23T12:00:00Z");
    const issued = await issueExportToken(app.t.db, SHOP, id, SECRET, issuedAt);
    if (!issued) throw new Error("no token");
    expect(issued.expiresAt.getTime() - issuedAt.getTime()).toBe(EXPORT_TOKEN_TTL_MS);

    expect(await redeemExportToken(app.t.db, issued.token, id, SECRET, new Date(issuedAt.getTime() + EXPORT_TOKEN_TTL_MS))).toEqual({
      ok: false,
      status: 401,
      message: "This download link has expired. Export the segment again.",
    });
    // The refusal did not use it: within the two minutes it still works, once.
    expect(await redeemExportToken(app.t.db, issued.token, id, SECRET, new Date(issuedAt.getTime() + 60_000))).toEqual({
      ok: true,
      shop: SHOP,
      segmentId: id,
    });
  });

  it("refuses forged links, links for another segment, and never serves another shop's segment", async () => {
    // GIVEN a segment here and one in another shop
    const id = await givenSegment(SHOP, "mine@example.com");
    const otherShop = uniqueShop();
    const otherId = await givenSegment(otherShop, "theirs@example.com");
    const expiresAt = Date.now() + EXPORT_TOKEN_TTL_MS;

    // THEN a token signed with another secret, or never issued, is refused
    const wrongSecret = signExportToken({ shop: SHOP, resourceId: id, expiresAt, nonce: "x" }, "guess");
    expect(await refusal(download(`/app/segments/${id}/export.csv?token=${wrongSecret}`, id))).toEqual({
      status: 403,
      text: "This download link is not valid.",
    });
    const neverIssued = signExportToken({ shop: SHOP, resourceId: id, expiresAt, nonce: "not-stored" }, SECRET);
    expect((await refusal(download(`/app/segments/${id}/export.csv?token=${neverIssued}`, id))).status).toBe(403);

    // AND a link for this shop's segment cannot be pointed at another segment id
    const issued = await issueExportToken(app.t.db, SHOP, id, SECRET, new Date());
    expect(await refusal(download(`/app/segments/${otherId}/export.csv?token=${issued?.token ?? ""}`, otherId))).toEqual({
      status: 403,
      text: "This download link is for another segment.",
    });

    // AND this shop cannot get a token for the other shop's segment (404), nor redeem a nonce stored for it
    const refused = await requestLink(otherId);
    expect("init" in refused ? [refused.init?.status, refused.data] : refused).toEqual([
      404,
      { ok: false, message: "This segment no longer exists." },
    ]);
    const theirs = await issueExportToken(app.t.db, otherShop, otherId, SECRET, new Date());
    const [, , , nonce] = JSON.parse(Buffer.from(theirs?.token.split(".")[0] ?? "", "base64url").toString()) as string[];
    const crossShop = signExportToken({ shop: SHOP, resourceId: otherId, expiresAt, nonce: nonce ?? "" }, SECRET);
    expect((await redeemExportToken(app.t.db, crossShop, otherId, SECRET, new Date())).ok).toBe(false);
  });

  it("removes the records of links that expired unused when a new one is issued", async () => {
    const id = await givenSegment(SHOP, "tidy@example.com");
    const old = new Date("2026-01-01T00:00:00Z");
    await issueExportToken(app.t.db, SHOP, id, SECRET, old);
    const stored = () => app.t.db.shortLink.count({ where: { shop: SHOP, code: { startsWith: "export:" }, createdAt: old } });
    expect(await stored()).toBe(1);
    await issueExportToken(app.t.db, SHOP, id, SECRET, new Date());
    expect(await stored()).toBe(0);
  });
});
