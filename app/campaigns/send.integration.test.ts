// Sending a campaign: the checks before Send, the start job's freeze (include minus exclude,
// holdout, one keyed outbox row per recipient), and a segment deleted after scheduling.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { DISPATCH_JOB } from "~/messaging/dispatch/dispatch-job.server";
import { createCampaign, findCampaignRow } from "./campaign-store.server";
import { isHeldOut } from "./holdout";
import { requestSend, startCampaign } from "./send.server";
import { CAMPAIGN_START_JOB, startJobKey } from "./start-job";
import { createPeople, createSegment, createShop, smsDraft, testDeps } from "./test-support";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

// 14:00 in New York on a Monday.
const NOW = new Date("2026-12-07T19:00:00Z");

describe("requestSend refuses, naming the field", () => {
  it.each([
    { description: "an empty message", overrides: { smsText: "  " }, field: "smsText", message: /Write the text message/ },
    {
      description: "an unknown template variable",
      overrides: { smsText: "Hi {{ customer.nickname }}" },
      field: "smsText",
      message: /unknown variable "customer.nickname"/,
    },
    {
      description: "a send time in the past",
      overrides: { sendMode: "at" as const, sendAt: "2026-12-07T13:59" },
      field: "sendAt",
      message: /already passed/,
    },
    {
      description: "a send time more than 30 days ahead",
      overrides: { sendMode: "at" as const, sendAt: "2027-01-07T14:01" },
      field: "sendAt",
      message: /more than 30 days/,
    },
    {
      description: "a malformed local time",
      overrides: { sendMode: "local" as const, localTime: "25:00" },
      field: "localTime",
      message: /HH:MM/,
    },
  ])("$description", async ({ overrides, field, message }) => {
    const shop = await createShop(t.db);
    const segment = await createSegment(t.db, shop, "VIP", await createPeople(t.db, shop, 1));
    const { deps, queue } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment], overrides));

    const result = await requestSend(deps, shop, id, NOW);

    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ field, message: expect.stringMatching(message) })] });
    expect((await findCampaignRow(t.db, shop, id))?.status).toBe("DRAFT");
    expect(queue.jobs).toEqual([]);
  });

  it("an audience of zero (every member excluded)", async () => {
    const shop = await createShop(t.db);
    const people = await createPeople(t.db, shop, 2);
    const all = await createSegment(t.db, shop, "All", people);
    const same = await createSegment(t.db, shop, "Same", people);
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([all], { excludeSegmentIds: [same] }));

    expect(await requestSend(deps, shop, id, NOW)).toEqual({
      ok: false,
      errors: [{ field: "audience", message: "The audience is empty: no customer is in the chosen segments after the exclusions." }],
    });
  });

  it("a send time in the shop's zone within 30 days is accepted and scheduled for then", async () => {
    const shop = await createShop(t.db);
    const segment = await createSegment(t.db, shop, "VIP", await createPeople(t.db, shop, 1));
    const { deps, queue } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment], { sendMode: "at", sendAt: "2026-12-24T09:30" }));

    expect(await requestSend(deps, shop, id, NOW)).toEqual({ ok: true, runAt: new Date("2026-12-24T14:30:00Z") });
    expect(queue.jobs).toEqual([
      {
        name: CAMPAIGN_START_JOB,
        payload: { shop, campaignId: id },
        options: expect.objectContaining({ runAt: new Date("2026-12-24T14:30:00Z"), uniqueKey: startJobKey(id) }),
      },
    ]);
    expect((await findCampaignRow(t.db, shop, id))?.status).toBe("SCHEDULED");
  });
});

describe("startCampaign", () => {
  it("freezes include minus exclude, holds out by hash, writes one keyed row per recipient and wakes the dispatcher", async () => {
    // GIVEN 40 members, 5 of them excluded, one without a phone, 25 % holdout
    const shop = await createShop(t.db);
    const people = await createPeople(t.db, shop, 40);
    const [noPhone] = await createPeople(t.db, shop, 1, { phone: null });
    const include = await createSegment(t.db, shop, "Dog owners", [...people, noPhone as number]);
    const exclude = await createSegment(t.db, shop, "Bought this week", people.slice(0, 5));
    const { deps, queue } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([include], { excludeSegmentIds: [exclude], holdoutPercent: 25 }));
    expect(await requestSend(deps, shop, id, NOW)).toMatchObject({ ok: true });

    // WHEN the start job runs
    const report = await startCampaign(deps, shop, id, NOW);

    // THEN the held-out are those the hash picks, stored; everyone else with a phone has one row
    const audience = [...people.slice(5), noPhone as number];
    const heldOut = audience.filter((c) => isHeldOut(id, c, 25));
    const sendTo = people.slice(5).filter((c) => !isHeldOut(id, c, 25));
    expect(heldOut.length).toBeGreaterThan(0);
    expect(report).toMatchObject({
      started: true,
      audience: 36,
      holdout: heldOut.length,
      noAddress: heldOut.includes(noPhone as number) ? 0 : 1,
      enqueued: sendTo.length,
    });
    const holdoutRows = await t.db.campaignHoldout.findMany({ where: { campaignId: id }, select: { customerId: true } });
    expect(holdoutRows.map((r) => r.customerId).sort((a, b) => a - b)).toEqual(heldOut);
    const rows = await t.db.outboxMessage.findMany({ where: { campaignId: id }, orderBy: { customerId: "asc" } });
    expect(rows.map((r) => r.customerId)).toEqual(sendTo);
    const first = rows[0];
    expect(first).toMatchObject({ idempotencyKey: `campaign:${id}:${sendTo[0]}`, channel: "SMS", status: "QUEUED", notBefore: NOW });
    expect(first?.body).toMatch(/^Hi Pat\d+, 20% off this weekend at Paws\nReply STOP to opt out$/);
    expect(queue.jobs.map((j) => j.name)).toContain(DISPATCH_JOB);
    expect(await findCampaignRow(t.db, shop, id)).toMatchObject({
      status: "SENDING",
      frozenAt: NOW,
      audienceCount: 36,
      enqueuedCount: sendTo.length,
      holdoutCount: heldOut.length,
    });

    // AND a second run (a retried job) adds nothing
    expect(await startCampaign(deps, shop, id, NOW)).toEqual({ started: false, reason: "campaign is SENDING" });
    expect(await t.db.outboxMessage.count({ where: { campaignId: id } })).toBe(sendTo.length);
  });

  it("sends each recipient their own tracked short link to the merchant's page", async () => {
    const shop = await createShop(t.db);
    const people = await createPeople(t.db, shop, 2);
    const include = await createSegment(t.db, shop, "Dog owners", people);
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([include], { smsText: "Sale: https://paws.example.com/sale" }));
    expect(await requestSend(deps, shop, id, NOW)).toMatchObject({ ok: true });

    await startCampaign(deps, shop, id, NOW);

    const rows = await t.db.outboxMessage.findMany({ where: { campaignId: id }, select: { id: true, body: true } });
    const codes = rows.map((r) => new RegExp(`^Sale: ${deps.appUrl}/l/([0-9A-Za-z]{12})\n`).exec(r.body)?.[1]);
    expect(codes.every((c) => c !== undefined)).toBe(true);
    expect(new Set(codes).size).toBe(2);
    const links = await t.db.shortLink.findMany({ where: { shop }, select: { url: true, campaignId: true, outboxMessageId: true } });
    expect(links.map((l) => [l.url, l.campaignId]).sort()).toEqual([
      [`https://paws.example.com/sale?utm_source=flock&utm_medium=sms&utm_campaign=${id}`, id],
      [`https://paws.example.com/sale?utm_source=flock&utm_medium=sms&utm_campaign=${id}`, id],
    ]);
    expect(links.map((l) => l.outboxMessageId).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("a customer who joins the segment after the freeze is not added", async () => {
    const shop = await createShop(t.db);
    const people = await createPeople(t.db, shop, 3);
    const segment = await createSegment(t.db, shop, "VIP", people.slice(0, 2));
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment]));
    await requestSend(deps, shop, id, NOW);
    await startCampaign(deps, shop, id, NOW);

    await t.db.segmentMembership.create({ data: { shop, segmentId: segment, customerId: people[2] as number, enteredAt: NOW } });
    await startCampaign(deps, shop, id, NOW);

    expect(await t.db.outboxMessage.count({ where: { campaignId: id } })).toBe(2);
  });

  it("a segment deleted after scheduling: nothing is sent and the campaign says why", async () => {
    const shop = await createShop(t.db);
    const segment = await createSegment(t.db, shop, "Lapsed buyers", await createPeople(t.db, shop, 3));
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment], { sendMode: "at", sendAt: "2026-12-08T10:00" }));
    expect(await requestSend(deps, shop, id, NOW)).toMatchObject({ ok: true });

    // WHEN the segment is deleted (a tombstone) and the time comes
    await t.db.segment.update({ where: { id: segment }, data: { deletedAt: NOW } });
    const report = await startCampaign(deps, shop, id, new Date("2026-12-08T15:00:00Z"));

    // THEN no row is written and the campaign is back to a draft with the reason
    expect(report).toEqual({ started: false, reason: "Not sent: Segment “Lapsed buyers” was deleted: choose another." });
    expect(await t.db.outboxMessage.count({ where: { campaignId: id } })).toBe(0);
    expect(await findCampaignRow(t.db, shop, id)).toMatchObject({ status: "DRAFT", notSentReason: report.started ? null : report.reason });
  });

  it("at each recipient's local time: today where it is still ahead, tomorrow where it has passed", async () => {
    // GIVEN 14:00 in New York (19:00 UTC) and 11:00 in Los Angeles; send at 12:00 local
    const shop = await createShop(t.db);
    const [ny] = await createPeople(t.db, shop, 1, { phone: "+12125550101", provinceCode: "NY" });
    const [la] = await createPeople(t.db, shop, 1, { phone: "+13105550102", provinceCode: "CA" });
    const segment = await createSegment(t.db, shop, "Coast to coast", [ny as number, la as number]);
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment], { sendMode: "local", localTime: "12:00" }));
    await requestSend(deps, shop, id, NOW);

    await startCampaign(deps, shop, id, NOW);

    const rows = await t.db.outboxMessage.findMany({ where: { campaignId: id }, select: { customerId: true, notBefore: true } });
    const at = new Map(rows.map((r) => [r.customerId, r.notBefore.toISOString()]));
    expect(at.get(la as number)).toBe("2026-12-07T20:00:00.000Z");
    expect(at.get(ny as number)).toBe("2026-12-08T17:00:00.000Z");
  });
});
