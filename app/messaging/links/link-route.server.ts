// The `/l/<code>` route's loader with its database passed in, so tests drive exactly what the
// route runs. Remix strips only `loader`/`action` from the client bundle, so this lives here.
import { data, redirect } from "@remix-run/node";
import type { Db } from "~/db.server";
import { followShortLink } from "./follow.server";

/** Every answer: not stored by browsers or proxies (each click must reach us), not indexed. */
const HEADERS = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow" };

export async function shortLinkLoader(db: Db, code: string, request: Request, now: Date) {
  const outcome = await followShortLink(db, code, { method: request.method, userAgent: request.headers.get("user-agent") }, now);
  if (!outcome.found) return data({ found: false as const }, { status: 404, headers: HEADERS });
  return redirect(outcome.destination, { status: 302, headers: HEADERS });
}
