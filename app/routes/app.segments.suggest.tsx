// Resource route behind the builder's autocomplete: GET ?kind=tag|country|region|city|product|collection&q=.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db/db.server";
import { suggestValues, SuggestKind } from "~/segments/read-models/suggest.server";

// PostgreSQL text cannot hold U+0000: the LIKE would fail with a 500.
const SearchText = z
  .string()
  .max(200, "Search text is longer than 200 characters")
  .refine((q) => !q.includes("\u0000"), "Search text holds a NUL character");
const SuggestParams = z.object({ kind: SuggestKind, q: SearchText.default("") });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = SuggestParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) throw new Response(`Bad suggestion request: ${params.error.issues[0]?.message ?? "invalid"}`, { status: 400 });
  return { suggestions: await suggestValues(db(), shop, params.data.kind, params.data.q) };
};
