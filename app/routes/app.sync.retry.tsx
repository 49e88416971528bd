// POST /app/sync/retry: re-runs one resource's bulk import (the sync card's Retry button).
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db.server";
import { createLogger } from "~/lib/logger.server";
import { retrySyncResource } from "~/shopify/sync/progress.server";
import { SYNC_RESOURCES } from "~/shopify/sync/resources";

const RetryForm = z.object({ resource: z.enum(SYNC_RESOURCES) });
const log = createLogger();

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, graphql } = await requireAdmin(request);
  const form = RetryForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) throw new Response("Unknown resource", { status: 400 });
  const result = retrySyncResource({ graphql, db: db(), shop, resource: form.data.resource, onError: (error) => log.error({ err: error, shop }, "sync retry failed") });
  if (!result.ok) throw new Response("The Admin API is not available for this shop", { status: 409 });
  return redirect("/app");
};
