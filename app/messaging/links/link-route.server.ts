// The `/l/<code>` route's loader with its database passed in, so tests drive exactly what the
// route runs. Remix strips only `loader`/`action` from the client bundle, so this lives here.
import { data, redirect } from "@remix-run/node";
import type { Db } from "~/db/db.server";
import { followShortLink } from "./follow.server";

/** Every answer: not stored by browsers or proxies (each click must reach us), not indexed. */
const HEADERS = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow" };

/** Told of a person's first click on a link (the route wakes order attribution with it). */
export type OnFirstClick = (shop: string, now: Date) => Promise<void>;

export async function shortLinkLoader(db: Db, code: string, request: Request, now: Date, onFirstClick?: OnFirstClick) {
  const outcome = await followShortLink(db, code, { method: request.method, userAgent: request.headers.get("user-agent") }, now);
  if (!outcome.found) return data({ found: false as const }, { status: 404, headers: HEADERS });
  // A click is a touch: attribution looks for orders it explains. The redirect never waits on a failure here.
  if (outcome.firstClick && onFirstClick) await onFirstClick(outcome.shop, now).catch(() => undefined);
  return redirect(outcome.destination, { status: 302, headers: HEADERS });
}
