// Resource route: GET /app/segments/:id/export.csv streams the segment's members as a CSV
// download, for the admin session or for a single-use token from ./app.segments.$id_.export-token.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db/db.server";
import { env } from "~/env.server";
import { csvAttachment } from "~/segments/export/export-csv";
import { exportSegmentCsv } from "~/segments/export/export-csv.server";
import { redeemExportToken } from "~/segments/export/export-token.server";

/** The shop the download is for: from the token when the URL carries one, else the session's. */
async function downloadShop(request: Request, segmentId: string): Promise<string> {
  const token = new URL(request.url).searchParams.get("token");
  if (token === null) return (await requireAdmin(request)).shop;
  const redeemed = await redeemExportToken(db(), token, segmentId, env().SHOPIFY_API_SECRET, new Date());
  if (!redeemed.ok)
    throw new Response(redeemed.message, {
      status: redeemed.status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return redeemed.shop;
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const segmentId = params.id ?? "";
  const shop = await downloadShop(request, segmentId);
  const exported = await exportSegmentCsv(db(), shop, segmentId);
  if (!exported) throw new Response("Segment not found", { status: 404 });
  return new Response(exported.body, { headers: csvAttachment(exported.name) });
};
