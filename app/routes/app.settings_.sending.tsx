// Settings → Sending rules: when texts and emails may go, how many per person, attribution windows.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth.server";
import { pageTitle } from "~/components/page-title";
import { SendingRulesPage } from "~/components/sending-rules/sending-rules-page";
import { db } from "~/db/db.server";
import { sendingRulesPageData, submitSendingRules } from "~/messaging/sending-rules/page.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Sending rules", "Settings") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return sendingRulesPageData(db(), shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const fields = Object.fromEntries([...(await request.formData())].map(([name, value]) => [name, String(value)]));
  return submitSendingRules(db(), shop, fields);
};

export default function SendingRules() {
  return <SendingRulesPage data={useLoaderData<typeof loader>()} />;
}
