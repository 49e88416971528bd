// What the blast benches share (bench/blast.ts, bench/blast-send.ts, bench/blast-freeze.ts): the
// campaign dependencies without a real queue, and the SMS and email campaigns they send.
import type { CampaignDraft } from "~/campaigns/campaign-form";
import type { CampaignDeps } from "~/campaigns/deps.server";
import type { Db } from "~/db/db.server";

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
