// Resource route: POST /app/campaigns/:id/export-token returns a short-lived, single-use URL of
// the campaign's recipients CSV (the same mechanism as ./app.segments.$id_.export-token).
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { issueRecipientsCsvLink } from "~/campaigns/recipients-export.server";
import { db } from "~/db/db.server";
import { env } from "~/env.server";

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const link = await issueRecipientsCsvLink(db(), shop, params.id ?? "", env().SHOPIFY_API_SECRET, new Date());
  if (!link) return data({ ok: false as const, message: "This campaign no longer exists." }, { status: 404 });
  return { ok: true as const, ...link };
};
