// The consent round trip: a STOP (or a SendGrid unsubscribe) changes consent in Flock and
// enqueues one write-back job; the job calls the consent mutation on the Admin stand-in, which
// applies it and sends the signed consent webhook back to the app; applying that webhook changes
// nothing further. One job, one consent change, and Shopify ends where Flock is.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { env as appEnv } from "~/env.server";
import { createGeneratedStoreSource } from "~/sandbox/shopify-admin/store-source";
import { startAdminStandIn, type AdminStandIn } from "~/sandbox/shopify-admin/server.server";
import type { CustomerChunk } from "~/sandbox/store-generator/types";
import { AdminUserErrorsError } from "~/shopify/admin-errors";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import { openWebhookTestEnv, type WebhookTestEnv } from "~/shopify/webhooks/test-support/webhook-env";
import { ACCOUNT, nextSid, sendGridRequest, setUpShop, twilioRequest, type RecordedJob } from "../inbound/test-support";
import { receiveSendGridEvents, receiveTwilioWebhook, type WebhookDeps } from "../webhooks/receive.server";
import { CONSENT_WRITEBACK_JOB } from "./consent-store.server";
import { writeBackConsentChange, type WritebackDeps } from "./writeback.server";

const SHOP = "roundtrip.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");
const TOKEN = "shpat_roundtrip";
let env: WebhookTestEnv;
let standIn: AdminStandIn;
let deps: WebhookDeps;
let jobs: RecordedJob[];
let generated: CustomerChunk["customer"];
let dataDir: string;
let writeback: WritebackDeps;

beforeAll(async () => {
  env = await openWebhookTestEnv();
  env.setNow(NOW);
  ({ deps, jobs } = await setUpShop(env.t.db, SHOP));
  const source = createGeneratedStoreSource({ seed: 3, customers: 40, now: NOW, shop: SHOP });
  const withBoth = [...source.chunks()].find((c) => c.customer.phone !== null && c.customer.email !== null);
  if (!withBoth) throw new Error("the generated store has no customer with both a phone and an email");
  generated = withBoth.customer;
  dataDir = mkdtempSync(join(tmpdir(), "flock-consent-"));
  standIn = await startAdminStandIn({
    source,
    accessToken: TOKEN,
    dataDir,
    now: () => NOW,
    consentWebhooks: {
      appUrl: "https://flock.test",
      secret: appEnv().SHOPIFY_API_SECRET,
      // Straight into the route module, as Remix would call it.
      send: async (request) => {
        const topic = request.headers.get("x-shopify-topic") ?? "";
        const route = (await import(`../../routes/webhooks.${topic.replaceAll("/", ".")}.tsx`)) as {
          action: (args: { request: Request; params: object; context: object }) => Promise<Response>;
        };
        return route.action({ request, params: {}, context: {} });
      },
    },
  });
  writeback = {
    db: env.t.db,
    graphqlFor: async (shop) => createFetchGraphql({ origin: standIn.origin, shop, accessToken: TOKEN, apiVersion: "2026-10" }),
    now: () => NOW,
    client: { maxAttempts: 1 },
  };
});
afterAll(async () => {
  await standIn?.close();
  await env?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

let customerId: number;
beforeEach(async () => {
  await env.t.db.consentChange.deleteMany({});
  await env.t.db.suppression.deleteMany({});
  await env.t.db.customer.deleteMany({});
  jobs.length = 0;
  const created = await env.t.db.customer.create({
    data: {
      shop: SHOP,
      gid: generated.gid,
      phone: generated.phone,
      email: generated.email,
      smsMarketingState: "SUBSCRIBED",
      emailMarketingState: "SUBSCRIBED",
      smsConsentUpdatedAt: new Date("2026-01-01T00:00:00Z"),
      emailConsentUpdatedAt: new Date("2026-01-01T00:00:00Z"),
      shopifyCreatedAt: new Date("2026-01-01T00:00:00Z"),
      shopifyUpdatedAt: new Date("2026-01-01T00:00:00Z"),
    },
  });
  customerId = created.id;
});

async function shopifyConsent(): Promise<{ sms: string | null; email: string | null }> {
  const graphql = createFetchGraphql({ origin: standIn.origin, shop: SHOP, accessToken: TOKEN, apiVersion: "2026-10" });
  const response = await graphql(
    `
      query ($id: ID!) {
        customer(id: $id) {
          defaultPhoneNumber {
            smsMarketingConsent {
              state
            }
          }
          defaultEmailAddress {
            marketingState
          }
        }
      }
    `,
    { variables: { id: generated.gid } },
  );
  const body = (await response.json()) as {
    data: {
      customer: {
        defaultPhoneNumber: { smsMarketingConsent: { state: string } } | null;
        defaultEmailAddress: { marketingState: string } | null;
      };
    };
  };
  return {
    sms: body.data.customer.defaultPhoneNumber?.smsMarketingConsent.state ?? null,
    email: body.data.customer.defaultEmailAddress?.marketingState ?? null,
  };
}

const stopBy = {
  SMS: async () => {
    const params = {
      MessageSid: nextSid(),
      AccountSid: ACCOUNT,
      From: generated.phone ?? "",
      To: "+14155550100",
      Body: "STOP",
      NumMedia: "0",
    };
    expect((await receiveTwilioWebhook(deps, "inbound", twilioRequest(`/webhooks/twilio/inbound?shop=${SHOP}`, params), NOW)).status).toBe(
      200,
    );
  },
  EMAIL: async () => {
    const event = {
      sg_event_id: `u-${nextSid()}`,
      event: "unsubscribe",
      email: generated.email,
      sg_message_id: "none.f",
      timestamp: NOW.getTime() / 1000,
    };
    expect((await receiveSendGridEvents(deps, sendGridRequest(SHOP, [event], NOW), NOW)).status).toBe(204);
  },
};

describe("consent written back to Shopify", () => {
  it.each(["SMS", "EMAIL"] as const)("%s: one change, one job, Shopify updated, its webhook back changes nothing", async (channel) => {
    await stopBy[channel]();
    const changes = await env.t.db.consentChange.findMany({});
    expect(changes.map((c) => [c.channel, c.toState])).toEqual([[channel, "UNSUBSCRIBED"]]);
    expect(jobs).toEqual([{ name: CONSENT_WRITEBACK_JOB, payload: { changeId: changes[0]?.id } }]);

    expect(await writeBackConsentChange(writeback, changes[0]!.id)).toBe("written");
    await standIn.consentWebhooks.idle();
    expect(standIn.consentWebhooks.failures).toEqual([]);
    expect(await env.drain(SHOP)).toEqual({ applied: 1, failed: 0 });

    const customer = await env.t.db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(channel === "SMS" ? customer.smsMarketingState : customer.emailMarketingState).toBe("UNSUBSCRIBED");
    expect(await env.t.db.consentChange.count()).toBe(1);
    expect(jobs).toHaveLength(1);
    expect((await env.t.db.consentChange.findFirstOrThrow({})).writtenBackAt).toEqual(NOW);
    expect((await shopifyConsent())[channel === "SMS" ? "sms" : "email"]).toBe("UNSUBSCRIBED");
    // A retried job after success sends nothing again.
    expect(await writeBackConsentChange(writeback, changes[0]!.id)).toBe("already_written");
  });

  it("throws on userErrors (the job is retried) and leaves the change unwritten", async () => {
    await env.t.db.customer.update({ where: { id: customerId }, data: { gid: "gid://shopify/Customer/7100000009999" } });
    await stopBy.SMS();
    const change = await env.t.db.consentChange.findFirstOrThrow({});
    await expect(writeBackConsentChange(writeback, change.id)).rejects.toBeInstanceOf(AdminUserErrorsError);
    expect((await env.t.db.consentChange.findFirstOrThrow({})).writtenBackAt).toBeNull();
  });
});
