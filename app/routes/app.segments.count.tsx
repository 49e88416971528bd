// Resource route behind the editor's live count: GET ?q=<query text>.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { countUnlessImporting } from "~/segments/import-guard.server";
import { segmentDeps } from "~/segments/segment-queries.server";

const CountParams = z.object({ q: z.string().max(20_000).default("") });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = CountParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) throw new Response("Bad query", { status: 400 });
  return countUnlessImporting(segmentDeps(), shop, params.data.q, new Date());
};
