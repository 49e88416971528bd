// Resource route behind the segment editor: POST q=<query text>&page=<n> answers the live count,
// the shop's total, value warnings and one preview page from one evaluation (app/segments/read-models/live-query.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { liveQuery } from "~/segments/read-models/live-query.server";
import { segmentDeps } from "~/segments/read-models/segment-queries.server";
import { SegmentQueryText } from "~/segments/engine/segment-rules";

const LiveParams = z.object({ q: SegmentQueryText.default(""), page: z.coerce.number().int().min(1).max(100_000).default(1) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = LiveParams.safeParse(Object.fromEntries(await request.formData()));
  if (!params.success)
    return Response.json(
      { ok: false, reason: "invalid_request", message: params.error.issues[0]?.message ?? "Bad request" },
      { status: 400 },
    );
  return Response.json(await liveQuery(segmentDeps(), shop, params.data.q, params.data.page, new Date()));
};
