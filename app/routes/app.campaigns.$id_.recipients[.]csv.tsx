// Resource route: GET /app/campaigns/:id/recipients.csv streams the campaign's recipients as a
// CSV download, for the admin session or for a single-use token from ./app.campaigns.$id_.export-token.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { redeemRecipientsCsvLink } from "~/campaigns/recipients-export.server";
import { exportRecipientsCsv } from "~/campaigns/recipients.server";
import { db } from "~/db/db.server";
import { env } from "~/env.server";
import { csvAttachment } from "~/segments/export/export-csv";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const campaignId = params.id ?? "";
  const token = new URL(request.url).searchParams.get("token");
  const redeemed =
    token === null
      ? { ok: true as const, shop: (await requireAdmin(request)).shop }
      : await redeemRecipientsCsvLink(db(), token, campaignId, env().SHOPIFY_API_SECRET, new Date());
  if (!redeemed.ok)
    throw new Response(redeemed.message, {
      status: redeemed.status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  const exported = await exportRecipientsCsv(db(), redeemed.shop, campaignId);
  if (!exported) throw new Response("Campaign not found", { status: 404 });
  return new Response(exported.body, { headers: csvAttachment(`${exported.name || "campaign"} recipients`) });
};
