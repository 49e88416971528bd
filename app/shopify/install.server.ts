// What happens when a merchant installs (or reinstalls) Flock, from shopify-app-remix's
// afterAuth hook: the shop is marked installed again — a reinstall after app/uninstalled must
// lift the sending pause and cancel the scheduled erasure — and, if the shop has never
// completed a sync, its first bulk import is queued.
import type { Db } from "~/db.server";
import type { JobQueue } from "~/jobs/queue";

export const IMPORT_JOB = "shopify.import";

export async function onShopAuthenticated(db: Db, queue: Pick<JobQueue, "enqueue">, shop: string, now: Date): Promise<{ importQueued: boolean }> {
  const existing = await db.shop.findUnique({ where: { shop }, select: { uninstalledAt: true } });
  const reinstall = { sendingPaused: false, uninstalledAt: null, dataRemovalDueAt: null };
  await db.shop.upsert({
    where: { shop },
    // The name, time zone and currency arrive with the import's shop settings.
    create: { shop, name: shop, installedAt: now },
    update: existing?.uninstalledAt ? { ...reinstall, installedAt: now } : reinstall,
  });
  const completed = await db.syncRun.count({ where: { shop, status: "completed" } });
  if (completed > 0) return { importQueued: false };
  const id = await queue.enqueue(IMPORT_JOB, { shop }, { uniqueKey: `${IMPORT_JOB}:${shop}`, attempts: 3, backoffMs: 60_000 });
  return { importQueued: id !== null };
}
