// The sandbox session signs the demo shop in without Shopify. It must never be reachable in
// production, so all three conditions are required: FLOCK_SANDBOX=1, NODE_ENV not production,
// and the server bound to a loopback address (nobody else can reach it). Loopback alone does
// not keep other web pages out: a page whose DNS name is re-pointed at 127.0.0.1 (DNS
// rebinding) is same-origin with itself and can read what it fetches, and any page can post a
// form cross-origin. So each sandbox request must also name this server in its Host, and a
// state-changing request must come from this server's own pages (sandboxRequestCheck).
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

export type SandboxRequestCheck = { ok: true } | { ok: false; status: 403; reason: string };

/** `127.0.0.1:3000`, `[::1]:3000`: the Host header a browser sends to the bound address. */
function boundHost(config: Pick<Env, "HOST" | "PORT">): string {
  const host = config.HOST.trim().toLowerCase();
  return `${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${config.PORT}`;
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * Pure check of one sandbox request: the Host header and the URL's host (Express takes its
 * port from X-Forwarded-Host) must be the loopback address and port the server is bound to;
 * a POST (or any other unsafe method) must not come from another origin.
 */
export function sandboxRequestCheck(
  request: Pick<Request, "url" | "method" | "headers">,
  config: Pick<Env, "HOST" | "PORT">,
): SandboxRequestCheck {
  const expected = boundHost(config);
  const url = new URL(request.url);
  // URL drops the scheme's default port; a Host header keeps what the client sent.
  const urlHost = url.port === "" ? `${url.hostname}:${url.protocol === "https:" ? 443 : 80}` : url.host;
  const hostHeader = request.headers.get("host");
  const headerHost = hostHeader && !/:\d+$/.test(hostHeader) ? `${hostHeader}:80` : hostHeader;
  for (const host of [headerHost, urlHost]) {
    if (host !== null && host.toLowerCase() !== expected)
      return { ok: false, status: 403, reason: `Host ${host.slice(0, 100)} is not this sandbox (${expected})` };
  }
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  const origin = request.headers.get("origin");
  if (origin !== null && origin.toLowerCase() !== `http://${expected}`)
    return { ok: false, status: 403, reason: `Cross-origin ${request.method} from ${origin.slice(0, 100)} refused` };
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none")
    return { ok: false, status: 403, reason: `Cross-site ${request.method} refused` };
  return { ok: true };
}
