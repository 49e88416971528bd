// Campaign emails through the production path: a campaign frozen by the start job (tracked links,
// unsubscribe links, first names), then dispatchShop with the real SendGrid SDK against the
// stand-in behind Prism (SendGrid's Mail v3 spec), so a request the real service would refuse
// fails here. One request carries every recipient; each receives their own HTML and text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "~/campaigns/campaign-store.server";
import { EMPTY_DRAFT, type CampaignDraft } from "~/campaigns/campaign-form";
import { requestSend, startCampaign } from "~/campaigns/send.server";
import { createPeople, createSegment, createShop, testDeps, TEST_KEY } from "~/campaigns/test-support";
import { unsubscribeUrl } from "~/messaging/consent/unsubscribe-token";
import { deliveredMail } from "~/sandbox/sendgrid/rules";
import { SANDBOX_SENDGRID, startSendGridStandIn, type SendGridStandIn } from "~/sandbox/sendgrid/stand-in.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { createSendGridChannel } from "../channels/sendgrid.server";
import { claimDueMessages } from "../outbox/outbox-store.server";
import { campaignEmailParts } from "./campaign-email.server";
import { ManualClock } from "./clock";
import { dispatchShop, type DispatchDeps } from "./dispatcher.server";

let t: TestDb;
let standIn: SendGridStandIn;
beforeAll(async () => {
  [t, standIn] = await Promise.all([createTestDb(), startSendGridStandIn({ stepDelayMs: 0 })]);
});
afterAll(async () => Promise.all([t?.drop(), standIn?.close()]));

// 14:00 in New York on a Monday.
const NOW = new Date("2026-12-07T19:00:00Z");
const APP_URL = "https://flock.test";

function emailDraft(segments: string[], overrides: Partial<CampaignDraft> = {}): CampaignDraft {
  return {
    ...EMPTY_DRAFT,
    name: "Winter sale",
    channel: "EMAIL",
    includeSegmentIds: segments,
    subject: "A treat for {{ customer.first_name }}",
    previewText: "20% off for {{ customer.first_name }} only",
    blocks: [
      { type: "heading", text: "Hi {{ customer.first_name }}!", label: "", url: "" },
      { type: "paragraph", text: "Our winter sale is on: [see the sale](https://paws.example.com/sale).", label: "", url: "" },
      { type: "button", text: "", label: "Shop now", url: "https://paws.example.com/new" },
    ],
    ...overrides,
  };
}

async function frozenCampaign(count: number, draft: (segments: string[]) => CampaignDraft = emailDraft) {
  const shop = await createShop(t.db);
  const people = await createPeople(t.db, shop, count);
  const segment = await createSegment(t.db, shop, "All", people);
  const { deps } = testDeps(t.db);
  const id = await createCampaign(t.db, shop, draft([segment]));
  expect(await requestSend(deps, shop, id, NOW)).toMatchObject({ ok: true });
  expect(await startCampaign(deps, shop, id, NOW)).toMatchObject({ started: true, enqueued: count });
  return { shop, people, id };
}

function dispatchDeps(): DispatchDeps {
  return {
    db: t.db,
    key: TEST_KEY,
    clock: new ManualClock(NOW),
    sms: null,
    smsPerSecond: 10,
    email: {
      channel: createSendGridChannel({ apiKey: SANDBOX_SENDGRID.apiKey, origin: standIn.origin }),
      from: { email: SANDBOX_SENDGRID.fromEmail },
    },
    emailParts: campaignEmailParts(t.db, { appUrl: APP_URL, key: TEST_KEY }),
  };
}

const mailsTo = (shop: string) => standIn.fake.mails.filter((m) => m.body.personalizations?.some((p) => p.custom_args?.shop === shop));

describe("campaign emails at dispatch", () => {
  it("one request with a personalization each; every recipient gets their own HTML, text, links and unsubscribe", async () => {
    const { shop } = await frozenCampaign(4);

    const report = await dispatchShop(dispatchDeps(), shop);

    expect(report).toMatchObject({ sent: 4, failed: 0, unknown: 0 });
    const mails = mailsTo(shop);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.body.personalizations).toHaveLength(4);
    const rows = await t.db.outboxMessage.findMany({
      where: { shop },
      select: { id: true, customerId: true, body: true, status: true, providerMessageId: true },
    });
    expect(rows.map((r) => [r.status, r.providerMessageId])).toEqual(rows.map(() => ["SENT", mail.messageId]));
    for (const [i, p] of (mail.body.personalizations ?? []).entries()) {
      const row = rows.find((r) => r.id === p.custom_args?.flock_outbox_id)!;
      const name = (await t.db.customer.findUniqueOrThrow({ where: { id: row.customerId! } })).firstName!;
      const links = await t.db.shortLink.findMany({ where: { outboxMessageId: row.id }, select: { code: true, url: true } });
      const sale = links.find((l) => l.url.startsWith("https://paws.example.com/sale"))!;
      const shopNow = links.find((l) => l.url.startsWith("https://paws.example.com/new"))!;
      const unsubscribe = unsubscribeUrl(APP_URL, shop, "email", row.customerId!, TEST_KEY);
      const received = deliveredMail(mail.body, i);
      const text = received.content.find((c) => c.type === "text/plain")!.value;
      const html = received.content.find((c) => c.type === "text/html")!.value;

      expect(received.subject).toBe(`A treat for ${name}`);
      expect(text).toBe(row.body);
      expect(html).toContain(`Hi ${name}!`);
      expect(html).toContain(`20% off for ${name} only`); // the hidden preheader
      expect(html).toContain(`<a href="${APP_URL}/l/${sale.code}"`);
      expect(html).toContain(`href="${APP_URL}/l/${shopNow.code}"`);
      expect(html).not.toContain("paws.example.com");
      expect(html).toContain(`<a href="${unsubscribe}"`);
      expect(html).toContain("You are receiving this email from Paws.");
      expect(html).toContain("1 Main St<br />Springfield");
      expect(p.headers).toEqual({ "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
      expect(html).not.toContain("[[flock:");
    }
  });

  it("builds the HTML part for a whole claimed batch of 1,000, more ids than SQLite binds values", async () => {
    // (the parts alone: a 1,000-recipient request through Prism is slow on a loaded machine)
    const { shop } = await frozenCampaign(1_000);
    const claimed = await claimDueMessages(t.db, { shop, now: NOW, limit: 1_000, leaseMs: 60_000 });
    expect(claimed).toHaveLength(1_000);

    const parts = await campaignEmailParts(t.db, { appUrl: APP_URL, key: TEST_KEY })(shop, claimed);

    expect(parts.size).toBe(1_000);
    const names = new Map(
      (await t.db.customer.findMany({ where: { shop }, select: { id: true, firstName: true } })).map((c) => [c.id, c.firstName]),
    );
    for (const row of claimed) expect(parts.get(row.id)?.subject).toBe(`A treat for ${names.get(row.customerId!)}`);
  });

  it("a recipient renamed since the freeze gets the text they were frozen with, without an HTML part that disagrees", async () => {
    const { shop, people } = await frozenCampaign(3);
    await t.db.customer.update({ where: { id: people[1]! }, data: { firstName: "Renamed" } });

    expect(await dispatchShop(dispatchDeps(), shop)).toMatchObject({ sent: 3 });

    // The two requests go out side by side, so they may arrive in either order: the larger first.
    const mails = mailsTo(shop).sort((a, b) => (b.body.personalizations?.length ?? 0) - (a.body.personalizations?.length ?? 0));
    expect(mails.map((m) => [m.body.personalizations?.length, m.body.content?.map((c) => c.type)])).toEqual([
      [2, ["text/plain", "text/html"]],
      [1, ["text/plain"]],
    ]);
    const renamed = await t.db.outboxMessage.findFirstOrThrow({ where: { shop, customerId: people[1]! } });
    expect(deliveredMail(mails[1]!.body, 0).content[0]?.value).toBe(renamed.body);
    expect(renamed.body).not.toContain("Renamed");
  });

  it("without a campaign template (emailParts not given) the campaign's emails still share one request, each its own text", async () => {
    const { shop } = await frozenCampaign(3);

    expect(await dispatchShop({ ...dispatchDeps(), emailParts: undefined }, shop)).toMatchObject({ sent: 3 });

    const [mail, ...more] = mailsTo(shop);
    expect(more).toEqual([]);
    const rows = await t.db.outboxMessage.findMany({ where: { shop }, select: { id: true, body: true } });
    for (const [i, p] of (mail!.body.personalizations ?? []).entries()) {
      expect(deliveredMail(mail!.body, i).content).toEqual([
        { type: "text/plain", value: rows.find((r) => r.id === p.custom_args?.flock_outbox_id)!.body },
      ]);
    }
  });
});
