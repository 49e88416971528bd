// What the campaign service needs from the outside: the database, the job queue, the secret the
// unsubscribe links are signed with and the app's public URL.
import type { Db } from "~/db/db.server";
import { appQueue } from "~/jobs/app-queue.server";
import type { JobQueue } from "~/jobs/queue";
import { messagingDeps } from "~/messaging/settings/deps.server";
import type { RenderShop } from "./render";

export interface CampaignDeps {
  db: Db;
  queue: Pick<JobQueue, "enqueue" | "cancel">;
  key: Buffer;
  appUrl: string;
}

export async function campaignDeps(): Promise<CampaignDeps> {
  const messaging = messagingDeps();
  return { db: messaging.db, queue: await appQueue(), key: messaging.key, appUrl: messaging.appUrl };
}

/** What a message shows of the shop: its brand name, store URL and postal address. */
export async function renderShopOf(
  db: Db,
  shop: string,
): Promise<RenderShop & { timeZone: string; smsPerSecond: number; paused: boolean }> {
  const [shopRow, settings] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { name: true, ianaTimezone: true, sendingPaused: true } }),
    db.channelSettings.findUnique({ where: { shop }, select: { brandName: true, postalAddress: true, smsPerSecond: true } }),
  ]);
  return {
    name: settings?.brandName ?? shopRow?.name ?? shop,
    url: `https://${shop}`,
    postalAddress: (settings?.postalAddress ?? "")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== ""),
    accentColor: "#2c6ecb",
    timeZone: shopRow?.ianaTimezone ?? "UTC",
    smsPerSecond: settings?.smsPerSecond ?? 1,
    paused: shopRow?.sendingPaused ?? true,
  };
}
