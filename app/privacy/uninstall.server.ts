// app/uninstalled: stop all sending for the shop at once and schedule its data removal.
// Shopify sends shop/redact 48 hours after an uninstall; `dataRemovalDueAt` records that
// deadline and the daily `privacy.erase-due` job erases any shop past it whose shop/redact
// never came. https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#shop-redact
import type { Db, DbTx } from "~/db/db.server";
import { eraseShop } from "./erase-shop.server";

export const DATA_REMOVAL_DELAY_MS = 48 * 3600 * 1000;

/**
 * Pauses sending; idempotent. The receive path calls it too, so the pause does not wait for
 * the job. A late or replayed event from before a reinstall does not pause the new
 * installation. Returns whether the shop is now paused by this event.
 */
export async function pauseSending(tx: DbTx | Db, shop: string, triggeredAt: Date): Promise<boolean> {
  const row = await tx.shop.findUnique({ where: { shop }, select: { installedAt: true } });
  if (row && row.installedAt > triggeredAt) return false;
  await tx.shop.upsert({
    where: { shop },
    create: { shop, name: shop, sendingPaused: true, uninstalledAt: triggeredAt },
    update: { sendingPaused: true },
  });
  return true;
}

export async function applyAppUninstalled(tx: DbTx, shop: string, triggeredAt: Date): Promise<void> {
  if (!(await pauseSending(tx, shop, triggeredAt))) return;
  await tx.shop.update({
    where: { shop },
    data: { uninstalledAt: triggeredAt, dataRemovalDueAt: new Date(triggeredAt.getTime() + DATA_REMOVAL_DELAY_MS) },
  });
  await tx.campaign.updateMany({ where: { shop, status: { in: ["SCHEDULED", "SENDING"] } }, data: { status: "PAUSED" } });
  // The offline token is revoked by the uninstall (as Shopify's app template does).
  await tx.session.deleteMany({ where: { shop } });
}

/**
 * Erases shops whose removal deadline passed without shop/redact. A shop that installed the
 * app again has an offline session (the uninstall deleted the old one) and is kept.
 */
export async function eraseDueShops(db: Db, now: Date): Promise<string[]> {
  const due = await db.shop.findMany({ where: { dataRemovalDueAt: { lte: now }, uninstalledAt: { not: null } }, select: { shop: true } });
  const erased: string[] = [];
  for (const { shop } of due) {
    if ((await db.session.count({ where: { shop } })) > 0) continue;
    await db.$transaction((tx) => eraseShop(tx, shop), { timeout: 120_000 });
    erased.push(shop);
  }
  return erased;
}
