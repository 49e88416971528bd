// Tracked links as the people involved meet them, in the demo: a text with a tracked link reaches
// the Twilio stand-in; on the Sandbox Messages page the customer taps the short link and lands on
// the shop's page with Flock's UTM parameters; the click is recorded once; a chat app's preview
// fetch and a HEAD request are redirected but not counted; a mistyped link shows a friendly page.
import { createServer, type Server } from "node:http";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, type Db } from "~/db/db.server";
import { decodeKey, env } from "~/env.server";
import { createQueue } from "~/jobs/create-queue.server";
import type { JobQueue } from "~/jobs/queue";
import { enqueueTrackedAndWake } from "~/messaging/links/enqueue-tracked.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

// The demo inherits this process's environment, so it runs with the test setup's key.
const DEMO_KEY = decodeKey(env().FLOCK_ENCRYPTION_KEY) ?? Buffer.alloc(0);
const POLL = { timeout: 30_000, interval: 250 };
const PHONE = "+14155550177";
const PHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/** The merchant's storefront stand-in: answers every page and remembers what was asked. */
async function startShop(): Promise<{ server: Server; origin: string; requested: string[] }> {
  const requested: string[] = [];
  const server = createServer((req, res) => {
    requested.push(req.url ?? "");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>Sale</title><h1>Welcome to the Paws &amp; Whiskers sale</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("shop server has no port");
  return { server, origin: `http://127.0.0.1:${address.port}`, requested };
}

describe("tracked short links", () => {
  let demo: DemoInstance;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let db: Db;
  let queue: JobQueue;

  beforeAll(async () => {
    demo = await openDemo("links", 60);
    shop = await startShop();
    db = connectDb(demo.databaseUrl);
    queue = await createQueue(
      { DATABASE_URL: demo.databaseUrl, FLOCK_QUEUE: "embedded" },
      { db, log: pino({ level: "silent" }), supervise: false },
    );
  });

  afterAll(async () => {
    await queue?.stop?.();
    await db?.$disconnect();
    shop?.server.close();
    await demo?.close();
  });

  it("takes the customer to the shop with UTM, counts the click once, and not previews", async () => {
    // GIVEN a customer and a text with a link to the shop's sale, sent through the outbox
    const customer = await db.customer.findFirstOrThrow({ where: { shop: SHOP }, select: { id: true } });
    const appOrigin = new URL(demo.url).origin;
    await enqueueTrackedAndWake(
      db,
      queue,
      [
        {
          shop: SHOP,
          idempotencyKey: "test:short-links-walk",
          channel: "SMS",
          customerId: customer.id,
          recipient: PHONE,
          body: `Paws & Whiskers: the sale is on at ${shop.origin}/sale. Reply STOP to opt out`,
          notBefore: new Date(),
        },
      ],
      new Date(),
      { appUrl: appOrigin, key: DEMO_KEY },
    );

    // WHEN the merchant opens Sandbox Messages THEN the text shows a short link, not the shop's URL
    // As on the customer's phone: headless Chromium's own agent is on the fetcher list (link scanners use it).
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: PHONE_UA });
    const page = await context.newPage();
    await page.goto(demo.url.replace(/\/app$/, "/app/sandbox/messages"));
    const phone = page.locator(`.sandbox-phone[data-number="${PHONE}"]`);
    await expect
      .poll(async () => {
        await page.reload();
        return (await phone.count()) > 0 ? phone.innerText() : "";
      }, POLL)
      .toContain("the sale is on at");
    const link = phone.getByRole("link", { name: new RegExp(`^${appOrigin.replace(/[.]/g, "\\.")}/l/[0-9A-Za-z]{12}$`) });
    expect(await phone.innerText()).not.toContain(`${shop.origin}/sale`);
    const shortUrl = (await link.getAttribute("href")) ?? "";
    const code = shortUrl.slice(shortUrl.lastIndexOf("/") + 1);
    await screenshot(page, "short-link-sms.png");

    // AND a chat app's preview fetch and a HEAD request are redirected but not counted
    const preview = await fetch(shortUrl, {
      redirect: "manual",
      headers: { "user-agent": "facebookexternalhit/1.1 Facebot Twitterbot/1.0" },
    });
    const head = await fetch(shortUrl, { method: "HEAD", redirect: "manual", headers: { "user-agent": PHONE_UA } });
    expect([preview.status, head.status]).toEqual([302, 302]);
    expect((await db.shortLink.findUniqueOrThrow({ where: { code } })).clicks).toBe(0);

    // WHEN the customer taps the link (twice) THEN the shop's sale page opens with Flock's UTM parameters
    for (let i = 0; i < 2; i++) {
      const [landing] = await Promise.all([context.waitForEvent("page"), link.click()]);
      await landing.waitForLoadState();
      expect(landing.url()).toBe(`${shop.origin}/sale?utm_source=flock&utm_medium=sms&utm_campaign=test`);
      expect(await landing.getByRole("heading").innerText()).toBe("Welcome to the Paws & Whiskers sale");
      await landing.close();
    }

    // AND the click is recorded once for the customer, the link counts two
    const stored = await db.shortLink.findUniqueOrThrow({ where: { code } });
    expect(stored.clicks).toBe(2);
    const clicks = await db.messageEvent.findMany({
      where: { shop: SHOP, kind: "clicked" },
      select: { customerId: true, channel: true, providerEventId: true },
    });
    expect(clicks).toEqual([{ customerId: customer.id, channel: "SMS", providerEventId: `click:${code}` }]);

    // WHEN someone opens a mistyped link THEN a plain page says so
    const mistyped = await page.goto(`${appOrigin}/l/${code.slice(0, -1)}${code.endsWith("A") ? "B" : "A"}`);
    expect(mistyped?.status()).toBe(404);
    expect(await page.getByRole("heading", { name: "This link doesn’t work" }).isVisible()).toBe(true);
    expect(await page.title()).toBe("Link not found · Flock");
    await screenshot(page, "short-link-not-found.png");
    await context.close();
  });
});
