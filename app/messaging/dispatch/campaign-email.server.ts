/**
 * The HTML part of campaign emails, built at dispatch from what the outbox holds. The outbox row
 * keeps one body per message, the text part (tracked links written in, see
 * app/messaging/links/enqueue-tracked.server.ts); storing 500,000 HTML emails would cost
 * gigabytes. So per campaign the MJML is compiled once per dispatcher run (the campaign's
 * subject, preview text — the hidden preheader — and blocks, with the shop's name and postal
 * address), and per row the recipient's values are rendered again from the customer and the
 * row's own deterministic codes (tracked links: HMAC of shop, key and link index; unsubscribe
 * link: signed token). The result is used only if its text part is byte for byte the row's
 * body — a customer renamed or a brand name changed since the freeze leaves that row text-only,
 * as sent before, rather than mailing an HTML part that disagrees with its text.
 */
import { draftOf } from "~/campaigns/campaign-row";
import { emailContentOf } from "~/campaigns/campaign-form";
import { renderShopOf } from "~/campaigns/deps.server";
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { toPgPlaceholders } from "~/db/sql-runner.server";
import { unsubscribeUrl } from "~/messaging/consent/unsubscribe-token";
import { linkCode, shortLinkKey, shortLinkUrl } from "~/messaging/links/code";
import { rewriteText, utmCampaign } from "~/messaging/links/rewrite";
import type { TemplateVariables } from "~/messaging/render/template";
import type { BatchTemplate } from "../email/batch";
import { compileEmail, personalizeSlots, type CompiledEmail } from "../email/compile";
import { jsonItem, jsonRowsSource } from "~/db/json-rows.server";
import type { ClaimedMessage } from "../outbox/outbox-store.server";
import { campaignIdOf } from "./policy";

/** One row's email as a template shared by its campaign and the row's own values. */
export interface RowEmail {
  /** Rows with the same key share `template`. */
  templateKey: string;
  template: BatchTemplate;
  subject: string;
  html: string[];
  text: string[];
  headers: Record<string, string>;
}

/** Asked once per batch of email rows: the rows it can give an HTML part, by row id. */
export type EmailParts = (shop: string, rows: readonly ClaimedMessage[]) => Promise<ReadonlyMap<string, RowEmail>>;

interface CampaignEmail {
  compiled: CompiledEmail;
  shopName: string;
  shopUrl: string;
}

/**
 * Campaign emails' HTML parts for one dispatcher's lifetime (compiled campaigns are kept for it).
 * `appUrl` and `key` must be the ones the campaign was frozen with (the deployment's).
 */
export function campaignEmailParts(db: Db, options: { appUrl: string; key: Buffer }): EmailParts {
  const compiled = new Map<string, Promise<CampaignEmail | null>>();
  const linkKey = shortLinkKey(options.key);
  const load = (shop: string, campaignId: string): Promise<CampaignEmail | null> => {
    let entry = compiled.get(campaignId);
    if (!entry) {
      entry = compileCampaign(db, shop, campaignId);
      compiled.set(campaignId, entry);
    }
    return entry;
  };
  return async (shop, rows) => {
    const out = new Map<string, RowEmail>();
    const campaignRows = rows.flatMap((row) => {
      const campaignId = row.channel === "EMAIL" && row.customerId !== null ? campaignIdOf(row.idempotencyKey) : null;
      return campaignId ? [{ row, campaignId, customerId: row.customerId as number }] : [];
    });
    if (campaignRows.length === 0) return out;
    const customers = await readNames(db, shop, [...new Set(campaignRows.map((r) => r.customerId))]);
    const names = new Map(customers.map((c) => [Number(c.id), c]));
    for (const { row, campaignId, customerId } of campaignRows) {
      const campaign = await load(shop, campaignId);
      const customer = names.get(customerId);
      if (!campaign || !customer) continue;
      const variables: TemplateVariables = {
        customer: { first_name: customer.firstName, last_name: customer.lastName },
        shop: { name: campaign.shopName, url: campaign.shopUrl },
        discount_code: null,
        checkout_url: null,
        unsubscribe_url: unsubscribeUrl(options.appUrl, shop, "email", customerId, options.key),
      };
      const context = {
        appUrl: options.appUrl,
        channel: "email" as const,
        campaign: utmCampaign(campaignId, row.idempotencyKey),
        codeFor: (index: number) => linkCode(linkKey, shop, row.idempotencyKey, index),
      };
      const values = personalizeSlots(campaign.compiled, variables, (plain) => {
        const { links } = rewriteText(plain, context);
        return new Map(links.map((l) => [l.original, shortLinkUrl(options.appUrl, l.code)]));
      });
      if (values.joinedText !== row.body || values.subject !== (row.subject ?? "")) continue;
      out.set(row.id, {
        templateKey: `campaign:${campaignId}`,
        template: { html: campaign.compiled.html, text: campaign.compiled.text },
        subject: values.subject,
        html: values.html,
        text: values.text,
        headers: values.headers,
      });
    }
    return out;
  };
}

async function compileCampaign(db: Db, shop: string, campaignId: string): Promise<CampaignEmail | null> {
  const row = await db.campaign.findFirst({
    where: { shop, id: campaignId, channel: "EMAIL" },
    select: {
      name: true,
      channel: true,
      includeSegmentIds: true,
      excludeSegmentIds: true,
      subject: true,
      previewText: true,
      body: true,
      sendMode: true,
      scheduledAt: true,
      localTime: true,
      holdoutPercent: true,
    },
  });
  if (!row) return null;
  const shopInfo = await renderShopOf(db, shop);
  try {
    const compiled = await compileEmail(emailContentOf(draftOf(row, shopInfo.timeZone)), shopInfo, "marketing", { foldConstants: false });
    return { compiled, shopName: shopInfo.name, shopUrl: shopInfo.url };
  } catch {
    // A campaign whose email no longer compiles (edited in the database) goes out text-only.
    return null;
  }
}

/**
 * The batch's customers' names, the ids bound as one JSON list: a claimed batch holds up to 1,000
 * emails, and an `IN` list of that many ids is over SQLite's 999 bound values (a 1,000-recipient
 * campaign failed there).
 */
async function readNames(db: Db, shop: string, ids: readonly number[]) {
  const dialect = dbDialect(db);
  const text = `SELECT c."id", c."firstName", c."lastName" FROM ${jsonRowsSource(dialect)} CROSS JOIN "Customer" AS c
    WHERE c."id" = ${jsonItem(dialect, "integer")} AND c."shop" = ?`;
  return db.$queryRawUnsafe<{ id: number | bigint; firstName: string | null; lastName: string | null }[]>(
    dialect === "postgres" ? toPgPlaceholders(text) : text,
    JSON.stringify(ids),
    shop,
  );
}
