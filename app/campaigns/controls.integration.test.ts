// Pause, resume and cancel around the real dispatcher; progress and the finish (SENT).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { ManualClock } from "~/messaging/dispatch/clock";
import { dispatchShop } from "~/messaging/dispatch/dispatcher.server";
import { fakeDeps } from "~/messaging/dispatch/test-support/dispatch-fixtures";
import { nextDueAt } from "~/messaging/outbox/dispatch-store.server";
import { claimDueMessages } from "~/messaging/outbox/outbox-store.server";
import { createCampaign, duplicateCampaign, findCampaignRow, saveDraft } from "./campaign-store.server";
import { cancelCampaign, pauseCampaign, resumeCampaign } from "./controls.server";
import { campaignProgress } from "./progress.server";
import { PAUSED_NOT_BEFORE } from "./schedule";
import { requestSend, startCampaign } from "./send.server";
import { createPeople, createSegment, createShop, smsDraft, testDeps } from "./test-support";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

// 14:00 in New York: inside every quiet-hours window.
const NOW = new Date("2026-12-07T19:00:00Z");

async function sendingCampaign(people: number) {
  const shop = await createShop(t.db);
  const segment = await createSegment(t.db, shop, "VIP", await createPeople(t.db, shop, people));
  const { deps, queue } = testDeps(t.db);
  const id = await createCampaign(t.db, shop, smsDraft([segment]));
  await requestSend(deps, shop, id, NOW);
  await startCampaign(deps, shop, id, NOW);
  return { shop, id, deps, queue };
}

describe("campaign controls", () => {
  it("pause holds the queued rows from the dispatcher; resume lets them go; the campaign finishes SENT", async () => {
    const { shop, id, deps } = await sendingCampaign(4);
    const clock = new ManualClock(NOW);
    const dispatch = fakeDeps(t.db, clock);

    // WHEN paused
    expect(await pauseCampaign(deps, shop, id)).toEqual({ ok: true });
    // THEN the rows wait at the sentinel and a dispatcher sends nothing
    expect(await t.db.outboxMessage.count({ where: { campaignId: id, notBefore: PAUSED_NOT_BEFORE } })).toBe(4);
    await dispatchShop(dispatch.deps, shop);
    expect(dispatch.sms.sent).toHaveLength(0);
    // AND no dispatch is scheduled for the held rows (a wake parked in year 9999 would hold a slot)
    expect(await nextDueAt(t.db, shop)).toBeNull();
    expect((await campaignProgress(t.db, shop, id, NOW))?.status).toBe("PAUSED");
    expect(await pauseCampaign(deps, shop, id)).toEqual({ ok: false, message: "A paused campaign cannot be paused." });

    // WHEN resumed a minute later
    clock.set(new Date(NOW.getTime() + 60_000));
    expect(await resumeCampaign(deps, shop, id, clock.now())).toEqual({ ok: true });
    expect(await t.db.outboxMessage.count({ where: { campaignId: id, notBefore: clock.now() } })).toBe(4);
    await dispatchShop(dispatch.deps, shop);

    // THEN every text went and the campaign is SENT with its progress complete
    expect(dispatch.sms.sent).toHaveLength(4);
    const progress = await campaignProgress(t.db, shop, id, clock.now());
    expect(progress).toMatchObject({ status: "SENT", progress: { total: 4, sent: 4, remaining: 0, percent: 100, eta: null } });
    expect(await findCampaignRow(t.db, shop, id)).toMatchObject({ status: "SENT", finishedAt: clock.now() });
  });

  it("resuming an 'at local time' campaign of 1,200 gives each recipient their own next local time again", async () => {
    // GIVEN 14:00 in New York (19:00 UTC), 11:00 in Los Angeles; a campaign at 12:00 local to 600 of each
    const shop = await createShop(t.db);
    const at = new Date("2026-01-01T00:00:00Z");
    await t.db.customer.createMany({
      data: Array.from({ length: 1_200 }, (_, i) => ({
        shop,
        gid: `gid://shopify/Customer/${8_000_000 + i}`,
        phone: i % 2 === 0 ? `+121255${String(i).padStart(5, "0")}` : `+131055${String(i).padStart(5, "0")}`,
        firstName: `Pat${i}`,
        countryCode: "US",
        provinceCode: i % 2 === 0 ? "NY" : "CA",
        smsMarketingState: "SUBSCRIBED" as const,
        shopifyCreatedAt: at,
        shopifyUpdatedAt: at,
      })),
    });
    const people = (await t.db.customer.findMany({ where: { shop }, select: { id: true } })).map((c) => c.id);
    const segment = await createSegment(t.db, shop, "Coast to coast", people);
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment], { sendMode: "local", localTime: "12:00" }));
    await requestSend(deps, shop, id, NOW);
    await startCampaign(deps, shop, id, NOW);
    expect(await pauseCampaign(deps, shop, id)).toEqual({ ok: true });

    // WHEN resumed ten minutes later
    expect(await resumeCampaign(deps, shop, id, new Date(NOW.getTime() + 600_000))).toEqual({ ok: true });

    // THEN Los Angeles still gets it today at noon, New York (past noon) tomorrow at noon; none is held
    const rows = await t.db.outboxMessage.findMany({ where: { campaignId: id }, select: { recipient: true, notBefore: true } });
    const times = (prefix: string) => new Set(rows.filter((r) => r.recipient.startsWith(prefix)).map((r) => r.notBefore.toISOString()));
    expect(rows).toHaveLength(1_200);
    expect(times("+1310")).toEqual(new Set(["2026-12-07T20:00:00.000Z"]));
    expect(times("+1212")).toEqual(new Set(["2026-12-08T17:00:00.000Z"]));
  });

  it("cancel skips the queued rows with `cancelled`; a row already claimed finishes", async () => {
    const { shop, id, deps, queue } = await sendingCampaign(5);
    // GIVEN a dispatcher has claimed one row
    const [claimed] = await claimDueMessages(t.db, { shop, now: NOW, limit: 1, leaseMs: 60_000 });

    expect(await cancelCampaign(deps, shop, id, NOW)).toEqual({ ok: true });

    const rows = await t.db.outboxMessage.findMany({ where: { campaignId: id }, select: { id: true, status: true, skipReason: true } });
    expect(rows.filter((r) => r.status === "SKIPPED" && r.skipReason === "cancelled")).toHaveLength(4);
    expect(rows.find((r) => r.id === claimed?.id)?.status).toBe("SENDING");
    expect(queue.cancelled).toEqual([`campaigns.start:${id}`]);
    expect(await findCampaignRow(t.db, shop, id)).toMatchObject({ status: "CANCELLED" });
    expect(await resumeCampaign(deps, shop, id, NOW)).toEqual({ ok: false, message: "A cancelled campaign cannot be resumed." });
  });

  it("a scheduled campaign cancelled before its time never starts", async () => {
    const shop = await createShop(t.db);
    const segment = await createSegment(t.db, shop, "VIP", await createPeople(t.db, shop, 2));
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment], { sendMode: "at", sendAt: "2026-12-09T10:00" }));
    await requestSend(deps, shop, id, NOW);

    await cancelCampaign(deps, shop, id, NOW);

    expect(await startCampaign(deps, shop, id, new Date("2026-12-09T15:00:00Z"))).toEqual({
      started: false,
      reason: "campaign is CANCELLED",
    });
    expect(await t.db.outboxMessage.count({ where: { campaignId: id } })).toBe(0);
  });

  it("a sent campaign cannot be edited; its duplicate is a new draft with the same message", async () => {
    const { shop, id } = await sendingCampaign(1);
    expect(await saveDraft(t.db, shop, id, smsDraft([], { smsText: "changed" }))).toEqual({
      ok: false,
      message: "This campaign is sending and can no longer be edited. Duplicate it to make changes.",
    });

    const copy = await duplicateCampaign(t.db, shop, id);

    expect(await findCampaignRow(t.db, shop, copy)).toMatchObject({
      name: "Copy of Weekend sale",
      status: "DRAFT",
      frozenAt: null,
      enqueuedCount: 0,
      body: "Hi {{ customer.first_name }}, 20% off this weekend at {{ shop.name }}",
    });
  });
});
