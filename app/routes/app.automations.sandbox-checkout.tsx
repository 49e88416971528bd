// Sandbox only: "Abandon a checkout" and "Place the order" on the Sandbox Messages page.
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { runSandboxCheckoutAction, SandboxCheckoutAction } from "~/automations/abandoned-cart/sandbox-abandon.server";
import { db } from "~/db/db.server";
import { env } from "~/env.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const admin = await requireAdmin(request);
  const { FLOCK_SANDBOX_ADMIN_ORIGIN: origin, FLOCK_SANDBOX_ADMIN_TOKEN: accessToken } = env();
  if (!admin.sandbox || !origin || !accessToken) throw new Response("Not found", { status: 404 });
  const parsed = SandboxCheckoutAction.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return { ok: false as const, message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return runSandboxCheckoutAction(db(), admin.shop, { origin, accessToken }, parsed.data, new Date());
};
