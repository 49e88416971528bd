// Preview for the real audience: who sends at once, who waits and until when, who is skipped and
// why; the SMS diagnostics and cost; the pace and the quiet-hours warning; the test send.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { DISPATCH_JOB } from "~/messaging/dispatch/dispatch-job.server";
import { DEFAULT_SMS_PRICES } from "~/messaging/sms/prices";
import { suppressionHash } from "~/privacy/suppression-hash";
import { createCampaign } from "./campaign-store.server";
import { previewCampaign } from "./preview.server";
import { sendCampaignTest } from "./test-send.server";
import { createPeople, createSegment, createShop, smsDraft, testDeps, TEST_KEY } from "./test-support";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

// 20:59:57 in New York: three texts at one per second end after 21:00, in quiet hours.
const NOW = new Date("2026-12-08T01:59:57Z");

describe("previewCampaign", () => {
  it("decides every recipient as the dispatcher will, and prices the texts", async () => {
    // GIVEN three sendable people, one capped (texted an hour ago), one not subscribed, one suppressed, one without a phone
    const shop = await createShop(t.db);
    await t.db.channelSettings.update({ where: { shop }, data: { smsPerSecond: 1 } });
    const ok = await createPeople(t.db, shop, 3);
    const [capped] = await createPeople(t.db, shop, 1);
    const [unsubscribed] = await createPeople(t.db, shop, 1, { smsMarketingState: "UNSUBSCRIBED" });
    const [stopped] = await createPeople(t.db, shop, 1, { phone: "+12125559999" });
    const [noPhone] = await createPeople(t.db, shop, 1, { phone: null });
    await t.db.suppression.create({
      data: { shop, channel: "SMS", addressHash: suppressionHash(TEST_KEY, shop, "SMS", "+12125559999"), reason: "STOP" },
    });
    await t.db.outboxMessage.create({
      data: {
        shop,
        idempotencyKey: `campaign:old:${capped}`,
        channel: "SMS",
        customerId: capped,
        recipient: "+12125550000",
        body: "x",
        status: "SENT",
        sentAt: new Date(NOW.getTime() - 3_600_000),
        notBefore: NOW,
      },
    });
    const segment = await createSegment(t.db, shop, "All", [...ok, capped, unsubscribed, stopped, noPhone] as number[]);
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment], { smsText: "Hi {{ customer.first_name }} 🐶 treats are 20% off" }));

    // WHEN previewed
    const result = await previewCampaign(deps, shop, id, NOW);

    // THEN
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { counts, sms, pace, quietHoursWarning } = result.preview;
    expect(counts).toMatchObject({ audience: 7, holdout: 0, noAddress: 1, sendNow: 3, wait: 1, skipped: { no_consent: 1, suppressed: 1 } });
    // The cap (1 per 24 h) opens 23 h later, at 20:59 in New York: inside the 08:00–21:00 window.
    expect(counts.waitUntil).toBe("2026-12-09T00:59:57.000Z");
    expect(sms).toMatchObject({ encoding: "UCS-2", segments: 1, maxSegments: 1, totalSegments: 4, currency: "USD", unpriced: 0 });
    expect(sms?.sample).toMatch(/^Hi Pat\d+ 🐶 treats are 20% off\nReply STOP to opt out$/);
    expect(sms?.ucs2Characters.map((c) => c.char)).toContain("🐶");
    expect(sms?.costMicros).toBe(4 * (DEFAULT_SMS_PRICES.US?.microsPerSegment ?? NaN));
    expect(pace).toMatchObject({ perSecond: 1, seconds: 3, duration: "3 s" });
    // Under a minute of sending is not worth a warning.
    expect(quietHoursWarning).toBeNull();
  });

  it("warns when the blast outlasts the recipients' allowed hours, naming how many", async () => {
    // GIVEN 61 New Yorkers at 20:59:30 and one text per second: the last goes after 21:00
    const shop = await createShop(t.db);
    await t.db.channelSettings.update({ where: { shop }, data: { smsPerSecond: 1 } });
    const segment = await createSegment(t.db, shop, "All", await createPeople(t.db, shop, 61));
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment]));

    const result = await previewCampaign(deps, shop, id, new Date("2026-12-08T01:59:30Z"));

    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.preview.pace).toMatchObject({ seconds: 61, duration: "2 min" });
    expect(result.preview.quietHoursWarning).toBe(
      "At 1 texts per second sending takes 2 min, and for 61 recipients quiet hours begin before then: what is not sent by then waits for their next allowed hours. " +
        "You can let it spread over several days' allowed hours (nothing to do), send to fewer recipients (exclude a segment), or raise the rate in Settings → SMS.",
    );
  });

  it("no warning when the blast ends inside allowed hours; the holdout is counted apart", async () => {
    const shop = await createShop(t.db);
    const people = await createPeople(t.db, shop, 50);
    const segment = await createSegment(t.db, shop, "All", people);
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment], { holdoutPercent: 20 }));

    const result = await previewCampaign(deps, shop, id, new Date("2026-12-07T19:00:00Z"));

    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.preview.counts.holdout).toBeGreaterThan(0);
    expect(result.preview.counts.holdout + result.preview.counts.sendNow).toBe(50);
    expect(result.preview.quietHoursWarning).toBeNull();
  });

  it("an invalid message is named instead of previewed", async () => {
    const shop = await createShop(t.db);
    const segment = await createSegment(t.db, shop, "All", await createPeople(t.db, shop, 1));
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment], { smsText: "{{ nope }}" }));
    expect(await previewCampaign(deps, shop, id, NOW)).toEqual({
      ok: false,
      errors: [{ field: "smsText", message: 'Line 1, column 4: unknown variable "nope".' }],
    });
  });
});

describe("sendCampaignTest", () => {
  it("puts the message for a sample customer in the outbox under a test key and wakes the dispatcher", async () => {
    const shop = await createShop(t.db);
    const { deps, queue } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([]));

    expect(await sendCampaignTest(deps, shop, id, "+12125550123", NOW)).toEqual({ ok: true, to: "+12125550123" });

    const row = await t.db.outboxMessage.findFirst({ where: { shop, idempotencyKey: `test:campaign:${id}:${NOW.getTime()}` } });
    expect(row).toMatchObject({
      recipient: "+12125550123",
      body: "Hi Alex, 20% off this weekend at Paws\nReply STOP to opt out",
      campaignId: null,
    });
    expect(queue.jobs.map((j) => j.name)).toEqual([DISPATCH_JOB]);
  });

  it("refuses a phone number that is not E.164", async () => {
    const shop = await createShop(t.db);
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([]));
    expect(await sendCampaignTest(deps, shop, id, "212 555 0123", NOW)).toEqual({
      ok: false,
      errors: [{ field: "testTo", message: "Enter the phone number in international format, for example +12125550123." }],
    });
  });
});
