// The unsubscribe page in Chromium with JavaScript switched off, as in a locked-down mail client's
// browser: the link shows a confirmation, its button (a plain form POST) unsubscribes, and a
// tampered link is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { decodeKey, env } from "~/env.server";
import { unsubscribeUrl } from "~/messaging/consent/unsubscribe-token";
import { suppressionHash } from "~/privacy/suppression-hash";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

// The demo inherits this process's environment, so it runs with the test setup's key.
const DEMO_KEY = decodeKey(env().FLOCK_ENCRYPTION_KEY) ?? Buffer.alloc(0);

describe("unsubscribe page without JavaScript", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("unsubscribe", 60);
  });

  afterAll(async () => demo?.close());

  it("confirms with a plain form POST and refuses a tampered link", async () => {
    // GIVEN a customer subscribed to email
    const db = connectDb(demo.databaseUrl);
    const customer = await db.customer.findFirstOrThrow({ where: { shop: SHOP, emailMarketingState: "SUBSCRIBED", email: { not: null } } });
    const origin = new URL(demo.url).origin;
    const link = unsubscribeUrl(origin, SHOP, "email", customer.id, DEMO_KEY);
    const context = await demo.browser.newContext({ javaScriptEnabled: false, viewport: { width: 800, height: 500 } });
    const page = await context.newPage();

    // WHEN they open the link THEN they are asked to confirm, and nothing has changed yet
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await page.getByText("Stop receiving marketing emails from Paws & Whiskers?").isVisible()).toBe(true);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailMarketingState).toBe("SUBSCRIBED");
    await screenshot(page, "unsubscribe.png");

    // WHEN they press Unsubscribe THEN the page says so and Flock has suppressed the address and withdrawn consent
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.getByRole("status").waitFor();
    expect(await page.getByRole("status").innerText()).toContain("You are unsubscribed");
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).emailMarketingState).toBe("UNSUBSCRIBED");
    const hash = suppressionHash(DEMO_KEY, SHOP, "EMAIL", customer.email ?? "");
    expect(await db.suppression.count({ where: { shop: SHOP, channel: "EMAIL", addressHash: hash } })).toBe(1);

    // AND a link for someone else, made by editing the token, is refused
    const other = unsubscribeUrl(origin, SHOP, "email", customer.id + 1, DEMO_KEY);
    const tampered = `${other.slice(0, other.lastIndexOf("."))}${link.slice(link.lastIndexOf("."))}`;
    expect((await page.goto(tampered))?.status()).toBe(403);
    await context.close();
    await db.$disconnect();
  });
});
