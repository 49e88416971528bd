// The "every input has a validation test", beyond send.integration.test.ts (SMS text
// empty or with an unknown variable, times past or too far ahead, every member excluded, a
// tombstoned segment): an email's empty message and unknown variables, a segment with no
// members, and a campaign that loses its audience after it was scheduled: it does not send, and
// the campaign page says why.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { createCampaign, findCampaignRow } from "./campaign-store.server";
import { EMPTY_DRAFT, type CampaignDraft } from "./campaign-form";
import { campaignPage } from "./page.server";
import { requestSend, startCampaign } from "./send.server";
import { createPeople, createSegment, createShop, smsDraft, testDeps } from "./test-support";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

// 14:00 in New York on a Monday; the scheduled time is the next morning.
const NOW = new Date("2026-12-07T19:00:00Z");
const LATER = new Date("2026-12-08T15:00:00Z");

const emailDraft = (segments: string[], overrides: Partial<CampaignDraft> = {}): CampaignDraft => ({
  ...EMPTY_DRAFT,
  name: "Winter letter",
  channel: "EMAIL",
  includeSegmentIds: segments,
  subject: "Hello {{ customer.first_name }}",
  previewText: "",
  blocks: [{ type: "paragraph", text: "Our winter range is in.", label: "", url: "" }],
  ...overrides,
});

describe("requestSend refuses an email, naming the field", () => {
  it.each([
    {
      description: "with no subject and no content",
      overrides: { subject: " ", blocks: [] },
      errors: [
        { field: "subject", message: "Write a subject." },
        { field: "blocks", message: "Add at least one block to the email." },
      ],
    },
    {
      description: "with an empty paragraph",
      overrides: { blocks: [{ type: "paragraph" as const, text: "  ", label: "", url: "" }] },
      errors: [{ field: "blocks.0.text", message: "The paragraph is empty." }],
    },
    {
      description: "with an unknown variable in the subject",
      overrides: { subject: "Hi {{ customer.nickname }}" },
      errors: [{ field: "subject", message: expect.stringMatching(/unknown variable "customer\.nickname"/) }],
    },
  ])("$description", async ({ overrides, errors }) => {
    const shop = await createShop(t.db);
    const segment = await createSegment(t.db, shop, "VIP", await createPeople(t.db, shop, 1));
    const { deps, queue } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, emailDraft([segment], overrides));

    expect(await requestSend(deps, shop, id, NOW)).toEqual({ ok: false, errors });
    expect((await findCampaignRow(t.db, shop, id))?.status).toBe("DRAFT");
    expect(queue.jobs).toEqual([]);
  });
});

describe("an audience of zero", () => {
  it("a segment without members is refused at Send", async () => {
    const shop = await createShop(t.db);
    const empty = await createSegment(t.db, shop, "Nobody yet", []);
    const { deps, queue } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([empty]));

    expect(await requestSend(deps, shop, id, NOW)).toEqual({
      ok: false,
      errors: [{ field: "audience", message: "The audience is empty: no customer is in the chosen segments." }],
    });
    expect(queue.jobs).toEqual([]);
  });
});

describe("a scheduled campaign that loses its audience does not send and says why on its page", () => {
  async function scheduled() {
    const shop = await createShop(t.db);
    const people = await createPeople(t.db, shop, 2);
    const segment = await createSegment(t.db, shop, "Lapsed buyers", people);
    const { deps } = testDeps(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([segment], { sendMode: "at", sendAt: "2026-12-08T10:00" }));
    expect(await requestSend(deps, shop, id, NOW)).toMatchObject({ ok: true });
    return { shop, segment, deps, id };
  }

  it.each([
    {
      description: "its segment removed outright (not a tombstone)",
      lose: (segment: string) => t.db.segment.delete({ where: { id: segment } }),
      reason: (segment: string) => `Not sent: A chosen segment (${segment}) no longer exists: choose another.`,
    },
    {
      description: "its segment emptied",
      lose: (segment: string) => t.db.segmentMembership.deleteMany({ where: { segmentId: segment } }),
      reason: () => "Not sent: the audience was empty when sending started.",
    },
  ])("$description", async ({ lose, reason }) => {
    const { shop, segment, deps, id } = await scheduled();

    // WHEN the audience is lost and the time comes
    await lose(segment);
    const report = await startCampaign(deps, shop, id, LATER);

    // THEN nothing is written, the campaign is a draft again with the reason, and its page shows it
    expect(report).toEqual({ started: false, reason: reason(segment) });
    expect(await t.db.outboxMessage.count({ where: { campaignId: id } })).toBe(0);
    const page = await campaignPage(deps, shop, id, LATER);
    expect(page).toMatchObject({ status: "DRAFT", notSentReason: reason(segment), progress: null, frozen: null });
  });

  it("the reason is cleared when the merchant fixes the audience and sends again", async () => {
    const { shop, segment, deps, id } = await scheduled();
    await t.db.segment.update({ where: { id: segment }, data: { deletedAt: NOW } });
    await startCampaign(deps, shop, id, LATER);
    expect((await campaignPage(deps, shop, id, LATER)).notSentReason).toBe(
      "Not sent: Segment “Lapsed buyers” was deleted: choose another.",
    );

    const replacement = await createSegment(t.db, shop, "Winback", await createPeople(t.db, shop, 1));
    await t.db.campaign.update({
      where: { id },
      data: { includeSegmentIds: JSON.stringify([replacement]), segmentId: replacement, sendMode: "now", scheduledAt: null },
    });
    expect(await requestSend(deps, shop, id, LATER)).toMatchObject({ ok: true });
    expect(await findCampaignRow(t.db, shop, id)).toMatchObject({ status: "SCHEDULED", notSentReason: null });
  });
});
