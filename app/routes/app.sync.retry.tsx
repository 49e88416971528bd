// POST /app/sync/retry: queues one resource's bulk import (the sync card's Retry button).
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth.server";
import { db } from "~/db/db.server";
import { appQueue } from "~/jobs/app-queue.server";
import { retrySyncResource } from "~/shopify/sync/progress.server";
import { SYNC_RESOURCES } from "~/shopify/sync/resources";

const RetryForm = z.object({ resource: z.enum(SYNC_RESOURCES) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, graphql } = await requireAdmin(request);
  const form = RetryForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) throw new Response("Unknown resource", { status: 400 });
  const result = await retrySyncResource({
    hasAdminApi: graphql !== null,
    queue: appQueue,
    db: db(),
    shop,
    resource: form.data.resource,
    now: new Date(),
  });
  if (!result.ok && result.reason === "no_admin_api") throw new Response(result.message, { status: 409 });
  return result;
};
