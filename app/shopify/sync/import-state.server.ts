// Whether the shop's store is completely imported. `Shop.importingSince` is set before an
// import writes its first row and cleared only once every resource's newest run completed and
// the facts (and segments) were recomputed, so a crash anywhere in between leaves the shop
// marked "importing": the pages say so instead of showing counts over half the data, and the
// next start (the worker's job, or the demo) knows the import must be resumed.
import type { Db } from "~/db/db.server";
import { loadSyncProgress } from "./progress.server";
import { describeImportState, type StoreImportState } from "./progress";

/** Marks the shop importing unless it already is; returns since when. */
export async function beginImport(db: Db, shop: string, at: Date): Promise<Date> {
  // Shop is keyed by the domain itself (not shop-scoped), so it is written on the root client.
  await db.shop.updateMany({ where: { shop, importingSince: null }, data: { importingSince: at } });
  const row = await db.shop.findUnique({ where: { shop }, select: { importingSince: true } });
  if (!row?.importingSince) throw new Error(`Shop ${shop} not found when starting its import`);
  return row.importingSince;
}

/** Clears the mark set at `since` (a newer import that began meanwhile keeps its own). */
export async function endImport(db: Db, shop: string, since: Date): Promise<void> {
  await db.shop.updateMany({ where: { shop, importingSince: since }, data: { importingSince: null } });
}

export async function importingSince(db: Db, shop: string): Promise<Date | null> {
  const row = await db.shop.findUnique({ where: { shop }, select: { importingSince: true } });
  return row?.importingSince ?? null;
}

/** What the banners on the count route and the segment pages say; null when complete. */
export async function loadStoreImportState(db: Db, shop: string, now: Date): Promise<StoreImportState | null> {
  const since = await importingSince(db, shop);
  if (!since) return null;
  return describeImportState(await loadSyncProgress(db, shop, now));
}
