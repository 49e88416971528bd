import { db } from "~/db/db.server";
import { checkDatabase } from "~/lib/readiness.server";

/** Readiness: the database answers. 503 otherwise, so a load balancer stops routing here. */
export const loader = async () => {
  const result = await checkDatabase(db());
  return Response.json(result, { status: result.ok ? 200 : 503 });
};
