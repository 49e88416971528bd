// Resource route: POST /app/segments/:id/export-token returns a short-lived, single-use URL of
// the segment's CSV. The export button fetches it (App Bridge authenticates the fetch inside the
// admin), then opens the URL, which works without a session token.
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db/db.server";
import { env } from "~/env.server";
import { issueExportToken } from "~/segments/export/export-token.server";

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const segmentId = params.id ?? "";
  const issued = await issueExportToken(db(), shop, segmentId, env().SHOPIFY_API_SECRET, new Date());
  // Answered as data, not thrown: the button shows the message and the page (with any unsaved edits) stays.
  if (!issued) return data({ ok: false as const, message: "This segment no longer exists." }, { status: 404 });
  const url = `/app/segments/${encodeURIComponent(segmentId)}/export.csv?token=${encodeURIComponent(issued.token)}`;
  return { ok: true as const, url, expiresAt: issued.expiresAt.toISOString() };
};
