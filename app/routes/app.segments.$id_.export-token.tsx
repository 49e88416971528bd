// Resource route: POST /app/segments/:id/export-token returns a short-lived, single-use URL of
// the segment's CSV. The export button fetches it (App Bridge authenticates the fetch inside the
// admin), then opens the URL, which works without a session token.
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { issueExportToken } from "~/segments/export-token.server";

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const segmentId = params.id ?? "";
  const issued = await issueExportToken(db(), shop, segmentId, env().SHOPIFY_API_SECRET, new Date());
  if (!issued) throw new Response("Segment not found", { status: 404 });
  const url = `/app/segments/${encodeURIComponent(segmentId)}/export.csv?token=${encodeURIComponent(issued.token)}`;
  return { url, expiresAt: issued.expiresAt.toISOString() };
};
