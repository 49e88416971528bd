// shop/redact: erase everything Flock holds for a shop, 48 hours after it uninstalled the app.
// https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance#shop-redact
// Every model with a `shop` column is covered (read from the schema, so a new table cannot be
// forgotten); children go before parents so foreign keys hold on both databases. Snapshots of
// the shop's segment index on disk go too (a build racing the erasure deletes its own: the
// shop is no longer installed when it checks).
import type { DbTx } from "~/db/db.server";
import { env } from "~/env.server";
import { SHOP_SCOPED_MODELS } from "~/db/shop-scope.server";
import { removeShopSnapshots } from "~/segments/facts-index/index-snapshot.server";

/** Models deleted first, in this order; the rest of SHOP_SCOPED_MODELS follow in any order. */
const CHILDREN_FIRST = [
  "SegmentMembershipEvent",
  "SegmentMembership",
  "ShortLink",
  "MessageEvent",
  "OutboxMessage",
  "AutomationRun",
  "Automation",
  "Campaign",
  "Segment",
  "CustomerFacts",
  "CollectionProduct",
  "LineItem",
  "AbandonedCheckout",
  "Order",
  "Customer",
  "Collection",
  "Product",
];

type Deletable = { deleteMany(args: { where: { shop: string } }): Promise<{ count: number }> };

function delegate(tx: DbTx, model: string): Deletable {
  const key = model.charAt(0).toLowerCase() + model.slice(1);
  const d = (tx as unknown as Record<string, Deletable | undefined>)[key];
  if (!d) throw new Error(`No Prisma delegate for model ${model}`);
  return d;
}

/**
 * Deletes every row of the shop, except the inbox row being applied (`keepInboxId`). Returns
 * rows deleted per model. Only a shop that uninstalled the app is erased: a shop/redact
 * applied after a reinstall (or naming a shop that never uninstalled) deletes nothing.
 */
export async function eraseShop(tx: DbTx, shop: string, keepInboxId?: number): Promise<Record<string, number>> {
  const installation = await tx.shop.findUnique({ where: { shop }, select: { uninstalledAt: true } });
  if (!installation?.uninstalledAt) return {};
  const order = [...CHILDREN_FIRST, ...SHOP_SCOPED_MODELS.filter((m) => !CHILDREN_FIRST.includes(m) && m !== "WebhookInbox")];
  const deleted: Record<string, number> = {};
  for (const model of order) deleted[model] = (await delegate(tx, model).deleteMany({ where: { shop } })).count;
  deleted.WebhookInbox = (
    await tx.webhookInbox.deleteMany({ where: { shop, ...(keepInboxId ? { id: { not: keepInboxId } } : {}) } })
  ).count;
  const snapshots = env().FLOCK_INDEX_SNAPSHOT_DIR;
  if (snapshots) removeShopSnapshots(snapshots, shop);
  return deleted;
}
