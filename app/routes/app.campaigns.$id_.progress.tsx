// The campaign page polls this for its progress bar (status, counts, ETA) and results, about once a second.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db/db.server";
import { campaignLive } from "~/campaigns/page.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const progress = await campaignLive(db(), shop, params.id ?? "", new Date());
  if (!progress) throw new Response("Campaign not found", { status: 404 });
  return progress;
};
