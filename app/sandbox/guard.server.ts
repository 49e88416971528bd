// The sandbox session signs the demo shop in without Shopify. It must never be reachable in
// production, so all three conditions are required: FLOCK_SANDBOX=1, NODE_ENV not production,
// and the server bound to a loopback address (nobody else can reach it).
import type { Env } from "~/env.server";

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|\[::1\]|localhost)$/;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim().toLowerCase());
}

export type SandboxDecision = { enabled: true } | { enabled: false; reason: string };

/** Pure decision, tested for each of the three conditions. */
export function sandboxDecision(config: Pick<Env, "FLOCK_SANDBOX" | "NODE_ENV" | "HOST">): SandboxDecision {
  if (!config.FLOCK_SANDBOX) return { enabled: false, reason: "FLOCK_SANDBOX is not 1" };
  if (config.NODE_ENV === "production") return { enabled: false, reason: "NODE_ENV is production" };
  if (!isLoopbackHost(config.HOST)) return { enabled: false, reason: `HOST ${config.HOST} is not a loopback address` };
  return { enabled: true };
}
