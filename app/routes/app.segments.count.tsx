// Resource route behind the editor's live count: POST q=<query text> (the editor's; a query as
// long as save takes does not fit in a URL), or GET ?q= for a short one.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { countUnlessImporting } from "~/segments/read-models/import-guard.server";
import { segmentDeps } from "~/segments/read-models/segment-queries.server";
import { SegmentQueryText } from "~/segments/engine/segment-rules";

const CountParams = z.object({ q: SegmentQueryText.default("") });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = CountParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) throw new Response("Bad query", { status: 400 });
  return countUnlessImporting(segmentDeps(), shop, params.data.q, new Date());
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = CountParams.safeParse(Object.fromEntries(await request.formData()));
  if (!params.success)
    return Response.json({ ok: false, reason: "invalid_query", message: params.error.issues[0]?.message ?? "Bad query" }, { status: 400 });
  return Response.json(await countUnlessImporting(segmentDeps(), shop, params.data.q, new Date()));
};
