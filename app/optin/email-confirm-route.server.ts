// The email confirmation link's loader and action with their dependencies passed in, so tests
// drive exactly what the route runs (Remix strips server code only from `loader`/`action`).
import { data } from "@remix-run/node";
import { z } from "zod";
import type { ConsentDeps } from "~/messaging/consent/consent-store.server";
import { confirmEmailByToken, emailConfirmView, type EmailConfirmOutcome, type EmailConfirmView } from "./email-confirm.server";
import { shopperIp } from "./proxy-signup.server";

const STATUS: Record<EmailConfirmOutcome, number> = { ask: 200, confirmed: 200, already_confirmed: 200, expired: 410, invalid: 403 };
const Form = z.object({ confirm: z.literal("yes") });

const answer = (view: EmailConfirmView) => data(view, { status: STATUS[view.outcome], headers: { "x-robots-tag": "noindex" } });

/** GET: the page with a Confirm button; never confirms (mail scanners fetch links). */
export async function emailConfirmLoader(deps: Pick<ConsentDeps, "db" | "key">, token: string, now: Date) {
  return answer(await emailConfirmView(deps, token, now));
}

/** POST confirm=yes: subscribes the address once; a forged, expired or used link changes nothing. */
export async function emailConfirmAction(deps: ConsentDeps, token: string, request: Request, now: Date) {
  const parsed = Form.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Expected confirm=yes in the form body", { status: 400 });
  return answer(await confirmEmailByToken(deps, token, { ip: shopperIp(request), userAgent: request.headers.get("user-agent") }, now));
}
