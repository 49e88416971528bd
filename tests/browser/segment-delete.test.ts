// Deleting a segment in Chromium against `npm run demo`'s script: the confirmation modal,
// the refusal while another segment reads it, then the delete with its members and history,
// back on the list with a confirmation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

const POLL = { timeout: 15_000, interval: 100 };

describe("deleting a segment in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("segment-delete", 200);
  });

  afterAll(async () => demo?.close());

  it("asks first, refuses while another segment uses it, then deletes it with its members and history", async () => {
    const app = (path: string) => demo.url.replace(/\/app$/, path);
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });

    // GIVEN a segment saved from the "Repeat buyers" template, and a second segment reading it
    await page.goto(app("/app/segments/new?template=repeat-buyers"));
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.waitForURL(/\/app\/segments\/(?!new)[^/?]+\?saved=1$/);
    const segmentId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const db = connectDb(demo.databaseUrl);
    const members = await db.segmentMembership.count({ where: { shop: SHOP, segmentId } });
    expect(members).toBeGreaterThan(0);
    const reader = await db.segment.create({
      data: { shop: SHOP, name: "Repeat buyers again", kind: "DYNAMIC", query: `segment_member MATCHES (id = '${segmentId}')` },
      select: { id: true },
    });
    await page.reload();

    // WHEN the merchant clicks Delete segment THEN a modal asks first, naming what goes with it
    await page.getByRole("button", { name: "Delete segment" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.isVisible(), POLL).toBe(true);
    expect(await dialog.getByRole("heading").first().innerText()).toBe("Delete “Repeat buyers”?");
    expect(await page.locator("#delete-segment-warning").innerText()).toContain(`${new Intl.NumberFormat("en-US").format(members)} member`);
    await screenshot(page, "segment-delete-confirm.png");
    // AND Cancel keeps everything
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    expect(await db.segment.count({ where: { id: segmentId, deletedAt: null } })).toBe(1);

    // WHEN confirmed while the other segment reads it THEN it is refused, naming that segment
    await page.getByRole("button", { name: "Delete segment" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete segment" }).click();
    await expect.poll(() => page.locator("#segment-delete-error").isVisible(), POLL).toBe(true);
    expect(await page.locator("#segment-delete-error").innerText()).toContain("segment “Repeat buyers again”");
    expect(await db.segmentMembership.count({ where: { segmentId } })).toBe(members);
    // (the dialog closes once the refusal is shown; wait for it, or its button doubles the page's)
    await expect.poll(() => dialog.count(), POLL).toBe(0);

    // WHEN the other segment is gone and the delete is confirmed
    await db.segment.update({ where: { id: reader.id }, data: { deletedAt: new Date() } });
    await page.getByRole("button", { name: "Delete segment" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete segment" }).click();

    // THEN the list shows a confirmation and no longer lists it
    await page.waitForURL(/\/app\/segments\?deleted=/);
    await expect.poll(() => page.locator("#segment-deleted").innerText(), POLL).toBe("Segment “Repeat buyers” deleted.");
    expect(await page.getByRole("link", { name: "Repeat buyers", exact: true }).count()).toBe(0);
    await screenshot(page, "segment-deleted.png");
    // AND its memberships and events are gone from the database
    expect(await db.segmentMembership.count({ where: { segmentId } })).toBe(0);
    expect(await db.segmentMembershipEvent.count({ where: { segmentId } })).toBe(0);
    await db.$disconnect();
    // AND its page is not found any more
    const gone = await page.goto(app(`/app/segments/${segmentId}`));
    expect(gone?.status()).toBe(404);
  });
});
