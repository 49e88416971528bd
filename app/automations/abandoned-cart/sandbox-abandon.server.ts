// Sandbox only: asks the Admin stand-in to leave a checkout (or to place its order) so the demo
// shows a run from the signed webhook onwards. The checkout is backdated so that it counts as
// abandoned `delaySeconds` from now, whatever the merchant's trigger delay: the demo's short delay.
// The shopper is a demo customer the dispatcher may text right now (sandbox-pick.server.ts), so the
// first text is delivered at any hour instead of waiting out someone's night.
import { z } from "zod";
import type { Db } from "~/db/db.server";
import { loadCheckoutAutomation } from "./automation-store.server";
import { pickTextableCustomer } from "./sandbox-pick.server";

export const SandboxCheckoutAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("abandon"), delaySeconds: z.coerce.number().int().min(0).max(3600) }),
  z.object({ intent: z.literal("order"), checkoutToken: z.string().regex(/^[0-9a-f]{32}$/) }),
]);
export type SandboxCheckoutAction = z.infer<typeof SandboxCheckoutAction>;

export interface StandInAccess {
  origin: string;
  accessToken: string;
}

export type SandboxCheckoutResult = { ok: true; message: string; checkoutToken: string } | { ok: false; message: string };

export async function runSandboxCheckoutAction(
  db: Db,
  shop: string,
  access: StandInAccess,
  action: SandboxCheckoutAction,
  now: Date,
): Promise<SandboxCheckoutResult> {
  const post = (path: string, body: unknown) =>
    fetch(`${access.origin}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": access.accessToken },
      body: JSON.stringify(body),
    });
  if (action.intent === "abandon") {
    const { config, enabled } = await loadCheckoutAutomation(db, shop);
    const backdateSeconds = Math.max(0, config.triggerMinutes * 60 - action.delaySeconds);
    const shopper = await pickTextableCustomer(db, shop, now, action.delaySeconds);
    if (!shopper)
      return {
        ok: false,
        message: "No demo customer subscribed to texts and email, not yet messaged, may be texted now (quiet hours everywhere they live)",
      };
    const response = await post("/sandbox/checkouts", { backdateSeconds, customerGid: shopper.gid });
    if (!response.ok) return { ok: false, message: `The Admin stand-in answered ${response.status}` };
    const made = (await response.json()) as { token: string; phone: string };
    const note = enabled ? `the first step is due in about ${action.delaySeconds} s` : "turn the automation on to start its sequence";
    return {
      ok: true,
      checkoutToken: made.token,
      message: `Checkout ${made.token.slice(0, 8)}… left by ${made.phone} (${shopper.countryCode ?? "?"}, inside their sending hours); ${note}.`,
    };
  }
  const response = await post("/sandbox/orders", { checkoutToken: action.checkoutToken });
  if (!response.ok) return { ok: false, message: `No checkout ${action.checkoutToken} in the stand-in (${response.status})` };
  return {
    ok: true,
    checkoutToken: action.checkoutToken,
    message: `Order placed for checkout ${action.checkoutToken.slice(0, 8)}…: the remaining steps are cancelled at the next tick.`,
  };
}
