// Resource route: GET /app/segments/:id/export.csv streams the segment's members as a CSV download.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { csvFilename } from "~/segments/export-csv";
import { exportSegmentCsv } from "~/segments/export-csv.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const exported = await exportSegmentCsv(db(), shop, params.id ?? "");
  if (!exported) throw new Response("Segment not found", { status: 404 });
  const filename = csvFilename(exported.name);
  // RFC 6266: an ASCII fallback plus the UTF-8 name for names with accents or emoji.
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_");
  return new Response(exported.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
};
