// Resource route behind the editor's preview table: POST q=<query text>&page=<n> (the editor's;
// a query as long as save takes does not fit in a URL), or GET ?q=&page= for a short one.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { previewQuery } from "~/segments/read-models/preview-queries.server";
import { segmentDeps } from "~/segments/read-models/segment-queries.server";
import { SegmentQueryText } from "~/segments/engine/segment-rules";

const PreviewParams = z.object({ q: SegmentQueryText.default(""), page: z.coerce.number().int().min(1).max(100_000).default(1) });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = PreviewParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) throw new Response("Bad preview request", { status: 400 });
  return previewQuery(segmentDeps(), shop, params.data.q, params.data.page, new Date());
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = PreviewParams.safeParse(Object.fromEntries(await request.formData()));
  if (!params.success)
    return Response.json(
      { ok: false, reason: "invalid_request", message: params.error.issues[0]?.message ?? "Bad preview request" },
      { status: 400 },
    );
  return Response.json(await previewQuery(segmentDeps(), shop, params.data.q, params.data.page, new Date()));
};
