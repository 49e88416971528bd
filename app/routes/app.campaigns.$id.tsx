import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth.server";
import { CampaignNotFoundError } from "~/campaigns/campaign-store.server";
import { campaignDeps } from "~/campaigns/deps.server";
import { campaignPage, campaignPageAction } from "~/campaigns/page.server";
import { EditorView } from "~/campaigns/ui/editor-view";
import { RecipientsTable } from "~/campaigns/ui/recipients-table";
import { StatusView } from "~/campaigns/ui/status-view";
import { pageTitle } from "~/components/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? data.name || "New campaign" : "Campaign not found", "Campaigns") },
];

const notFound = (error: unknown) => {
  if (error instanceof CampaignNotFoundError) throw new Response("Campaign not found", { status: 404 });
  throw error;
};

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return campaignPage(await campaignDeps(), shop, params.id ?? "", new Date()).catch(notFound);
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const fields = Object.fromEntries(await request.formData());
  const result = await campaignPageAction(await campaignDeps(), shop, params.id ?? "", fields, new Date()).catch(notFound);
  return "redirect" in result ? redirect(result.redirect) : data(result.answer, { status: result.status });
};

export default function CampaignPage() {
  const page = useLoaderData<typeof loader>();
  if (page.status === "DRAFT" || page.progress === null) {
    return (
      <EditorView
        key={page.id}
        initial={page.draft}
        segments={page.segments}
        shopTimeZone={page.shopTimeZone}
        shopName={page.shopName}
        notSentReason={page.notSentReason}
      />
    );
  }
  return (
    <>
      <StatusView
        key={page.id}
        id={page.id}
        name={page.name}
        channel={page.channel}
        scheduledFor={page.scheduledFor}
        frozen={page.frozen}
        initial={page.progress}
      />
      {page.frozen ? <RecipientsTable key={`recipients-${page.id}`} campaignId={page.id} channel={page.channel} /> : null}
    </>
  );
}
