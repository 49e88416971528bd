// Resource route: GET /app/campaigns/:id/recipients?status=…&after=… answers one page of the
// campaign's recipients for its table (app/campaigns/ui/recipients-table.tsx).
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { RecipientQuery } from "~/campaigns/recipients";
import { recipientsTablePage } from "~/campaigns/recipients.server";
import { db } from "~/db/db.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const query = RecipientQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success)
    return data({ error: query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, { status: 400 });
  const page = await recipientsTablePage(db(), shop, params.id ?? "", query.data);
  if (!page) throw new Response("Campaign not found", { status: 404 });
  return page;
};
