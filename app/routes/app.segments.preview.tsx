// Resource route behind the editor's preview table: GET ?q=<query text>&page=<n>.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { previewQuery } from "~/segments/preview-queries.server";
import { segmentDeps } from "~/segments/segment-queries.server";

const PreviewParams = z.object({ q: z.string().max(20_000).default(""), page: z.coerce.number().int().min(1).max(100_000).default(1) });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = PreviewParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) throw new Response("Bad preview request", { status: 400 });
  return previewQuery(segmentDeps(), shop, params.data.q, params.data.page, new Date());
};
