// What happens when a merchant installs (or reinstalls) Flock, from shopify-app-remix's
// afterAuth hook: the shop is marked installed again — a reinstall after app/uninstalled must
// lift the sending pause and cancel the scheduled erasure — and, if the shop has never
// completed a sync (or its import never finished), the bulk import is queued.
import type { Db } from "~/db/db.server";
import type { JobQueue } from "~/jobs/queue";
import { IMPORT_JOB, requestImport } from "./sync/import-job.server";

export { IMPORT_JOB };

export async function onShopAuthenticated(
  db: Db,
  queue: Pick<JobQueue, "enqueue">,
  shop: string,
  now: Date,
): Promise<{ importQueued: boolean }> {
  const existing = await db.shop.findUnique({ where: { shop }, select: { uninstalledAt: true } });
  const reinstall = { sendingPaused: false, uninstalledAt: null, dataRemovalDueAt: null };
  await db.shop.upsert({
    where: { shop },
    // The name, time zone and currency arrive with the import's shop settings.
    create: { shop, name: shop, installedAt: now },
    update: existing?.uninstalledAt ? { ...reinstall, installedAt: now } : reinstall,
  });
  const [completed, row] = await Promise.all([
    db.syncRun.count({ where: { shop, status: "completed" } }),
    db.shop.findUniqueOrThrow({ where: { shop }, select: { importingSince: true } }),
  ]);
  if (completed > 0 && row.importingSince === null) return { importQueued: false };
  const requested = await requestImport(queue, db, shop, undefined, now);
  return { importQueued: requested.ok };
}
