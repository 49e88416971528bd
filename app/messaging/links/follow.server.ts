/**
 * Following a short link: the destination comes only from the stored row (never from the
 * request, so `/l/…` is no open redirect), and a person's first click on a link records one
 * `clicked` MessageEvent (providerEventId `click:<code>`, so it is stored once however the
 * clicks race) that feeds customer facts, segments and attribution. HEAD requests and
 * link-preview fetchers are redirected but not counted.
 */
import type { Db } from "~/db/db.server";
import { isLinkCode } from "./code";
import { isLinkPreviewAgent } from "./preview-agents";

export type FollowOutcome =
  | { found: false }
  | {
      found: true;
      destination: string;
      /** A person's click (GET, not a preview fetcher). */
      counted: boolean;
      /** The link's first counted click: the `clicked` event was written now. */
      firstClick: boolean;
      shop: string;
      customerId: number | null;
    };

export interface FollowRequest {
  method: string;
  userAgent: string | null;
}

const CLICKED = "clicked";

export function clickEventId(code: string): string {
  return `click:${code}`;
}

/** Looks the code up, counts the click when a person made it, and says where to send them. */
export async function followShortLink(db: Db, code: string, request: FollowRequest, now: Date): Promise<FollowOutcome> {
  if (!isLinkCode(code)) return { found: false };
  const link = await db.shortLink.findUnique({
    where: { code },
    select: { shop: true, url: true, channel: true, outboxMessageId: true, customerId: true, campaignId: true },
  });
  // Export tokens share the table; only message links (with a channel) redirect, and only to the web.
  if (!link || link.channel === null || !/^https?:\/\//i.test(link.url)) return { found: false };
  const counted = request.method.toUpperCase() === "GET" && !isLinkPreviewAgent(request.userAgent);
  let firstClick = false;
  if (counted) {
    const channel = link.channel;
    firstClick = await db.$transaction(async (tx) => {
      const first = await tx.shortLink.updateMany({
        where: { code, firstClickedAt: null },
        data: { firstClickedAt: now, lastClickedAt: now, clicks: { increment: 1 } },
      });
      if (first.count === 0) {
        await tx.shortLink.updateMany({ where: { code }, data: { lastClickedAt: now, clicks: { increment: 1 } } });
        return false;
      }
      await tx.messageEvent.upsert({
        where: { shop_providerEventId: { shop: link.shop, providerEventId: clickEventId(code) } },
        create: {
          shop: link.shop,
          outboxMessageId: link.outboxMessageId,
          customerId: link.customerId,
          channel,
          kind: CLICKED,
          campaignId: link.campaignId,
          providerEventId: clickEventId(code),
          at: now,
          detail: JSON.stringify({ code }),
        },
        update: {},
      });
      return true;
    });
  }
  return { found: true, destination: link.url, counted, firstClick, shop: link.shop, customerId: link.customerId };
}
