// The recipients CSV against each database: streamed page by page in customer order, guarded
// against formula injection, behind the segment export's single-use signed link, which a
// segment's token cannot open.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSandboxApp, type SandboxApp } from "../../tests/setup/sandbox-app";
import type * as CsvRoute from "../routes/app.campaigns.$id_.recipients[.]csv";
import type * as TokenRoute from "../routes/app.campaigns.$id_.export-token";
import { issueExportToken } from "~/segments/export/export-token.server";
import { createCampaign } from "./campaign-store.server";
import { exportRecipientsCsv } from "./recipients.server";
import { createPeople, smsDraft } from "./test-support";

const SHOP = `recipients-csv-${Date.now().toString(36)}.myshopify.com`;
const AT = new Date("2026-12-07T19:00:00Z");
let app: SandboxApp;
let routes: { csv: typeof CsvRoute; token: typeof TokenRoute };

beforeAll(async () => {
  app = await openSandboxApp(SHOP);
  routes = {
    csv: await import("../routes/app.campaigns.$id_.recipients[.]csv"),
    token: await import("../routes/app.campaigns.$id_.export-token"),
  };
});
afterAll(async () => app?.close());

const url = (path: string) => `http://127.0.0.1:3000${path}`;

/** Five recipients: the second held out, the third skipped with a reason that looks like a formula. */
async function givenCampaign(name: string) {
  const db = app.t.db;
  const people = await createPeople(db, SHOP, 5);
  await db.customer.update({ where: { id: people[0] }, data: { firstName: "=cmd|' /C calc'!A0" } });
  const id = await createCampaign(db, SHOP, smsDraft([], { name }));
  await db.campaign.update({ where: { id }, data: { status: "SENT", frozenAt: AT } });
  await db.campaignHoldout.create({ data: { shop: SHOP, campaignId: id, customerId: people[1] as number } });
  for (const [i, customerId] of people.entries()) {
    if (i === 1) continue;
    await db.outboxMessage.create({
      data: {
        shop: SHOP,
        idempotencyKey: `campaign:${id}:${customerId}`,
        channel: "SMS",
        customerId,
        recipient: `+1212555${String(i).padStart(4, "0")}`,
        body: "x",
        notBefore: AT,
        campaignId: id,
        status: i === 2 ? "SKIPPED" : "DELIVERED",
        skipReason: i === 2 ? "@capped" : null,
        sentAt: i === 2 ? null : AT,
      },
    });
  }
  return { id, people };
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; text: string }> {
  const thrown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(thrown instanceof Response)) throw new Error(`expected a thrown Response, got ${String(thrown)}`);
  return { status: thrown.status, text: await thrown.text() };
}

describe("recipients CSV", () => {
  it("streams every recipient in customer order across pages, formula starts guarded", async () => {
    const { id, people } = await givenCampaign("Weekend sale");
    const exported = await exportRecipientsCsv(app.t.db, SHOP, id, 2);
    if (!exported) throw new Error("not found");
    const lines = (await new Response(exported.body).text()).split("\r\n");

    expect(lines[0]).toBe(
      "customer_id,shopify_id,first_name,last_name,address,status,reason,sent_at,clicked_at,order,order_revenue,currency",
    );
    expect(lines.slice(1, -1).map((l) => l.split(",")[0])).toEqual(people.map(String));
    expect(lines.at(-1)).toBe("");
    expect(lines[1]).toContain(",'=cmd|' /C calc'!A0,");
    expect(lines[2]).toMatch(/,held_out,,,,,,$/);
    expect(lines[3]).toMatch(/,'\+12125550002,skipped,'@capped,,,,,$/);
  });

  it("the button's link downloads once; reused, for another campaign, or a segment's token, it is refused", async () => {
    // GIVEN a sent campaign
    const { id } = await givenCampaign("Sale: “50%” off");

    // WHEN the button's action asks for a link and it is opened
    const issued = await routes.token.action({
      request: new Request(url(`/app/campaigns/${id}/export-token`), { method: "POST" }),
      params: { id },
      context: {},
    });
    if (!("ok" in issued) || !issued.ok) throw new Error("no link issued");
    expect(issued.url).toMatch(new RegExp(`^/app/campaigns/${id}/recipients\\.csv\\?token=[\\w.%-]+$`));
    const download = (path: string, campaignId = id) =>
      routes.csv.loader({ request: new Request(url(path)), params: { id: campaignId }, context: {} });
    const response = await download(issued.url);

    // THEN it is the CSV, named after the campaign, and the same link again is refused
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Sale: _50%_ off recipients.csv"; filename*=UTF-8''${encodeURIComponent("Sale: “50%” off recipients.csv")}`,
    );
    expect((await response.text()).split("\r\n")).toHaveLength(7);
    expect(await refusal(download(issued.url))).toEqual({
      status: 403,
      text: "This download link was already used. Export the campaign's recipients again.",
    });

    // AND a fresh link cannot be pointed at another campaign
    const other = await givenCampaign("Other");
    const fresh = await routes.token.action({
      request: new Request(url(`/app/campaigns/${id}/export-token`), { method: "POST" }),
      params: { id },
      context: {},
    });
    if (!("ok" in fresh) || !fresh.ok) throw new Error("no link issued");
    expect(await refusal(download(fresh.url.replace(id, other.id), other.id))).toEqual({
      status: 403,
      text: "This download link is for another campaign's recipients.",
    });

    // AND a segment's token whose id happened to equal the campaign's opens nothing here
    const segment = await app.t.db.segment.create({
      data: { id: `seg-${id}`, shop: SHOP, name: "S", kind: "STATIC" },
      select: { id: true },
    });
    const segmentToken = await issueExportToken(app.t.db, SHOP, segment.id, "test-api-secret", new Date());
    await app.t.db.campaign.update({ where: { id: other.id }, data: { id: segment.id } });
    expect(
      await refusal(
        download(`/app/campaigns/${segment.id}/recipients.csv?token=${encodeURIComponent(segmentToken?.token ?? "")}`, segment.id),
      ),
    ).toEqual({ status: 403, text: "This download link was already used. Export the campaign's recipients again." });
  });

  it("a campaign of another shop gets no link", async () => {
    const other = `csv-other-${Date.now().toString(36)}.myshopify.com`;
    const id = await createCampaign(app.t.db, other, smsDraft([]));
    const refused = await routes.token.action({
      request: new Request(url(`/app/campaigns/${id}/export-token`), { method: "POST" }),
      params: { id },
      context: {},
    });
    expect("init" in refused ? [refused.init?.status, refused.data] : refused).toEqual([
      404,
      { ok: false, message: "This campaign no longer exists." },
    ]);
  });
});
