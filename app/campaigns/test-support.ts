// Shops, segments with members and a recording queue for the campaign tests.
import { randomUUID } from "node:crypto";
import type { Db } from "~/db/db.server";
import type { EnqueueOptions, JobPayload } from "~/jobs/queue";
import { EMPTY_DRAFT, type CampaignDraft } from "./campaign-form";
import type { CampaignDeps } from "./deps.server";

export const TEST_KEY = Buffer.alloc(32, 7);

/** A queue that honours unique keys, records what was enqueued and what was cancelled. */
export class RecordingQueue {
  readonly jobs: { name: string; payload: JobPayload; options: EnqueueOptions }[] = [];
  readonly cancelled: string[] = [];
  readonly held = new Set<string>();
  async enqueue(name: string, payload: JobPayload, options: EnqueueOptions = {}): Promise<string | null> {
    if (options.uniqueKey && this.held.has(options.uniqueKey)) return null;
    if (options.uniqueKey) this.held.add(options.uniqueKey);
    this.jobs.push({ name, payload, options });
    return String(this.jobs.length);
  }
  async cancel(key: string): Promise<number> {
    this.cancelled.push(key);
    return this.held.delete(key) ? 1 : 0;
  }
}

export function testDeps(db: Db, queue = new RecordingQueue()): { deps: CampaignDeps; queue: RecordingQueue } {
  return { deps: { db, queue, key: TEST_KEY, appUrl: "https://flock.test" }, queue };
}

export async function createShop(db: Db, ianaTimezone = "America/New_York"): Promise<string> {
  const shop = `campaign-${randomUUID().slice(0, 8)}.myshopify.com`;
  await db.shop.create({ data: { shop, name: "Paws & Whiskers", ianaTimezone } });
  await db.channelSettings.create({ data: { shop, brandName: "Paws", smsPerSecond: 10, postalAddress: "1 Main St\nSpringfield" } });
  return shop;
}

let seq = 0;

export interface PersonOverrides {
  phone?: string | null;
  email?: string | null;
  firstName?: string | null;
  countryCode?: string | null;
  provinceCode?: string | null;
  smsMarketingState?: "SUBSCRIBED" | "NOT_SUBSCRIBED" | "UNSUBSCRIBED";
  emailMarketingState?: "SUBSCRIBED" | "NOT_SUBSCRIBED" | "UNSUBSCRIBED";
}

/** New York customers subscribed on both channels unless told otherwise. */
export async function createPeople(db: Db, shop: string, n: number, overrides: PersonOverrides = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = ++seq;
    const row = await db.customer.create({
      data: {
        shop,
        gid: `gid://shopify/Customer/${7_000_000 + k}`,
        phone: `+1212555${String(k % 10000).padStart(4, "0")}`,
        email: `p${k}@example.com`,
        firstName: `Pat${k}`,
        countryCode: "US",
        provinceCode: "NY",
        smsMarketingState: "SUBSCRIBED",
        emailMarketingState: "SUBSCRIBED",
        ...overrides,
        shopifyCreatedAt: new Date("2026-01-01T00:00:00Z"),
        shopifyUpdatedAt: new Date("2026-01-01T00:00:00Z"),
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}

/** A static segment holding exactly these customers. */
export async function createSegment(db: Db, shop: string, name: string, customerIds: readonly number[]): Promise<string> {
  const segment = await db.segment.create({ data: { shop, name, kind: "STATIC", memberCount: customerIds.length }, select: { id: true } });
  if (customerIds.length > 0) {
    await db.segmentMembership.createMany({
      data: customerIds.map((customerId) => ({ shop, segmentId: segment.id, customerId, enteredAt: new Date("2026-01-01T00:00:00Z") })),
    });
  }
  return segment.id;
}

export function smsDraft(includeSegmentIds: string[], overrides: Partial<CampaignDraft> = {}): CampaignDraft {
  return {
    ...EMPTY_DRAFT,
    name: "Weekend sale",
    channel: "SMS",
    includeSegmentIds,
    smsText: "Hi {{ customer.first_name }}, 20% off this weekend at {{ shop.name }}",
    ...overrides,
  };
}

/** Writes campaign rows for `people` by index: `row(i, { status, … })` (the stats tests' fixture). */
export function campaignRows(db: Db, shop: string, campaignId: string, people: readonly number[], at: Date, phonePrefix = "+1212555000") {
  return (i: number, data: object) =>
    db.outboxMessage.create({
      data: {
        shop,
        idempotencyKey: `campaign:${campaignId}:${people[i]}`,
        channel: "SMS",
        customerId: people[i] as number,
        recipient: `${phonePrefix}${i}`,
        body: "x",
        notBefore: at,
        campaignId,
        ...data,
      },
      select: { id: true },
    });
}
