// "Create campaign": a new draft, then its editor (which autosaves from there on).
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { campaignDeps } from "~/campaigns/deps.server";
import { newCampaign } from "~/campaigns/page.server";

export const loader = () => redirect("/app/campaigns");

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return redirect(`/app/campaigns/${await newCampaign(await campaignDeps(), shop)}`);
};
