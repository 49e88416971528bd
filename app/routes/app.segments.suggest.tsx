// Resource route behind the builder's autocomplete: GET ?kind=tag|country|region|city|product|collection&q=.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { suggestValues, SuggestKind } from "~/segments/suggest.server";

const SuggestParams = z.object({ kind: SuggestKind, q: z.string().max(200).default("") });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = SuggestParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) throw new Response(`Bad suggestion request: ${params.error.issues[0]?.message ?? "invalid"}`, { status: 400 });
  return { suggestions: await suggestValues(db(), shop, params.data.kind, params.data.q) };
};
