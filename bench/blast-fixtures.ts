// What the blast benches share (bench/blast.ts, bench/blast-send.ts, bench/blast-freeze.ts): the
// campaign dependencies without a real queue, the SMS and email campaigns they send, and their
// audience of subscribed New Yorkers.
import type { CampaignDraft } from "~/campaigns/campaign-form";
import type { CampaignDeps } from "~/campaigns/deps.server";
import type { Db } from "~/db/db.server";
import { sqliteParam } from "~/db/sql-runner.server";

/** Campaign dependencies for a bench: jobs are accepted and dropped (the bench runs them itself). */
export function benchCampaignDeps(db: Db): CampaignDeps {
  return {
    db,
    queue: { enqueue: async () => "1", cancel: async () => 0 },
    key: Buffer.alloc(32, 9),
    appUrl: "https://flock.test",
  };
}

/** The SMS campaign: the customer's first name, a 10 % holdout. */
export const BLAST_SMS: Partial<CampaignDraft> = {
  smsText: "Hi {{ customer.first_name }}, 20% off treats today at {{ shop.name }}",
  holdoutPercent: 10,
};

/** The email campaign: first name in subject, preheader and heading, two tracked links. */
export const BLAST_EMAIL: Partial<CampaignDraft> = {
  channel: "EMAIL",
  subject: "A treat for {{ customer.first_name }}",
  previewText: "20% off for {{ customer.first_name }} today",
  blocks: [
    { type: "heading", text: "Hi {{ customer.first_name }}!", label: "", url: "" },
    { type: "paragraph", text: "Our winter sale is on: [see the sale](https://paws.example.com/collections/sale).", label: "", url: "" },
    { type: "button", text: "", label: "Shop now", url: "https://paws.example.com/new" },
  ],
};

/**
 * `count` customers of `shop` with valid New York numbers (exchanges 200–279: the earlier
 * +1212 000xxxx … 029xxxx are not valid NANP numbers, which sent libphonenumber through every NANP
 * country's patterns per number), subscribed to texts and email, in one static segment; returns
 * its id. Seeded straight into the scratch SQLite `file` through better-sqlite3 (one transaction,
 * prepared statements): seeding is not timed, and through Prisma 300k customers took many
 * minutes on a loaded machine.
 */
export async function seedNewYorkers(db: Db, file: string, shop: string, count: number, at: Date): Promise<string> {
  await db.shop.create({ data: { shop, name: "Bench", ianaTimezone: "America/New_York" } });
  await db.channelSettings.create({ data: { shop, brandName: "Paws", smsPerSecond: 500, postalAddress: "1 Main St\nNew York, NY 10001" } });
  const segment = await db.segment.create({ data: { shop, name: "Everyone", kind: "STATIC", memberCount: count }, select: { id: true } });
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(file);
  try {
    const stamp = sqliteParam(at);
    const customer = sqlite.prepare(`INSERT INTO "Customer" ("shop", "gid", "phone", "email", "firstName", "countryCode", "provinceCode",
      "smsMarketingState", "emailMarketingState", "shopifyCreatedAt", "shopifyUpdatedAt") VALUES (?, ?, ?, ?, ?, 'US', 'NY', 'SUBSCRIBED', 'SUBSCRIBED', ?, ?)`);
    const member = sqlite.prepare(`INSERT INTO "SegmentMembership" ("shop", "segmentId", "customerId", "enteredAt") VALUES (?, ?, ?, ?)`);
    sqlite.transaction(() => {
      for (let i = 0; i < count; i++) {
        const phone = `+1212${200 + Math.floor(i / 10_000)}${String(i % 10_000).padStart(4, "0")}`;
        const { lastInsertRowid } = customer.run(
          shop,
          `gid://shopify/Customer/${i + 1}`,
          phone,
          `c${i}@example.com`,
          `Pat${i}`,
          stamp,
          stamp,
        );
        member.run(shop, segment.id, lastInsertRowid, stamp);
      }
    })();
  } finally {
    sqlite.close();
  }
  return segment.id;
}
