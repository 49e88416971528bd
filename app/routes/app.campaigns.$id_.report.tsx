// The campaign page loads this for the cost, the chart over time and the holdout lift, every few seconds while sending.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db/db.server";
import { campaignReport } from "~/campaigns/stats-report.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const report = await campaignReport(db(), shop, params.id ?? "", new Date());
  if (!report) throw new Response("Campaign not found", { status: 404 });
  return report;
};
