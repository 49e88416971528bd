// The unsubscribe route's loader and action with their dependencies passed in, so tests drive
// exactly what the route runs. Remix only strips server code from `loader`/`action`, so these
// live here and not as extra exports of the route module.
import { z } from "zod";
import type { WebhookDeps } from "../webhooks/receive.server";
import { unsubscribeByToken, unsubscribeView } from "./unsubscribe.server";

const INVALID = "This unsubscribe link is not valid.";
const Form = z.union([z.object({ "List-Unsubscribe": z.literal("One-Click") }), z.object({ confirm: z.literal("yes") })]);

export async function unsubscribeLoader(deps: Pick<WebhookDeps, "db" | "key">, token: string) {
  const view = await unsubscribeView(deps, token);
  if (!view) throw new Response(INVALID, { status: 403 });
  return { ...view, done: false };
}

export async function unsubscribeAction(deps: WebhookDeps, token: string, request: Request, now: Date) {
  const parsed = Form.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Expected List-Unsubscribe=One-Click or confirm=yes in the form body", { status: 400 });
  const view = await unsubscribeByToken(deps, token, now);
  if (!view) throw new Response(INVALID, { status: 403 });
  if ("List-Unsubscribe" in parsed.data)
    return new Response("Unsubscribed", { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
  return { ...view, done: true };
}
