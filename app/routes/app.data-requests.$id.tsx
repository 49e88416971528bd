// The merchant downloads a customers/data_request export here and passes it on to the customer.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db/db.server";
import { findDataRequestExport } from "~/privacy/data-request.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const json = await findDataRequestExport(db(), shop, params.id ?? "");
  if (json === null) throw new Response("Not found", { status: 404 });
  return new Response(json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="customer-data-request.json"',
    },
  });
};
