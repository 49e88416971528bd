// products/*, collections/* and shop/update. Product and collection rows go through the bulk
// import's monotonic upserts. Collection membership is not in these payloads (and smart
// collections change without any webhook): reconciliation re-pulls it.
import { obj, optDate, optStr, type Json } from "~/shopify/mappers/fields";
import { upsertCollection, upsertProduct } from "~/shopify/sync/upserts";
import type { Affected, ApplyContext } from "./context";
import { mapCollectionPayload, mapProductPayload, payloadGid } from "./payload-mappers";
import { EPOCH, execStatement } from "./tx-sql.server";

/** Customers who bought the product: their purchase facts join products by GID. */
async function buyersOf(ctx: ApplyContext, productGid: string, affected: Affected): Promise<void> {
  const orders = await ctx.tx.order.findMany({
    where: { shop: ctx.shop, customerId: { not: null }, lineItems: { some: { productGid } } },
    select: { customerId: true },
    distinct: ["customerId"],
  });
  for (const o of orders) if (o.customerId !== null) affected.add(o.customerId);
}

export async function applyProductUpsert(ctx: ApplyContext, payload: Json, affected: Affected): Promise<void> {
  const row = mapProductPayload(payload);
  const existed = await ctx.tx.product.findUnique({ where: { shop_gid: { shop: ctx.shop, gid: row.gid } }, select: { id: true } });
  await execStatement(ctx.tx, ctx.dialect, upsertProduct(ctx.dialect, ctx.shop, row));
  // A product stored for the first time completes purchases recorded before it.
  if (!existed) await buyersOf(ctx, row.gid, affected);
}

export async function applyProductDelete(ctx: ApplyContext, payload: Json, affected: Affected): Promise<void> {
  const gid = payloadGid("Product", payload);
  const { count } = await ctx.tx.product.updateMany({
    where: { shop: ctx.shop, gid, deletedAt: null },
    data: { deletedAt: ctx.triggeredAt },
  });
  if (count > 0) return;
  const existed = await ctx.tx.product.findUnique({ where: { shop_gid: { shop: ctx.shop, gid } }, select: { id: true } });
  if (!existed) {
    await ctx.tx.product.create({
      data: { shop: ctx.shop, gid, title: "", handle: "", shopifyUpdatedAt: EPOCH, deletedAt: ctx.triggeredAt },
    });
    await buyersOf(ctx, gid, affected);
  }
}

export async function applyCollectionUpsert(ctx: ApplyContext, payload: Json): Promise<void> {
  await execStatement(ctx.tx, ctx.dialect, upsertCollection(ctx.dialect, ctx.shop, mapCollectionPayload(payload)));
}

export async function applyCollectionDelete(ctx: ApplyContext, payload: Json): Promise<void> {
  const gid = payloadGid("Collection", payload);
  const { count } = await ctx.tx.collection.updateMany({
    where: { shop: ctx.shop, gid, deletedAt: null },
    data: { deletedAt: ctx.triggeredAt },
  });
  if (count > 0) return;
  const existed = await ctx.tx.collection.findUnique({ where: { shop_gid: { shop: ctx.shop, gid } }, select: { id: true } });
  if (!existed)
    await ctx.tx.collection.create({
      data: { shop: ctx.shop, gid, title: "", handle: "", shopifyUpdatedAt: EPOCH, deletedAt: ctx.triggeredAt },
    });
}

/**
 * shop/update: the settings Flock keeps (name, contact email, currency, IANA time zone, country).
 * The REST payload's `updated_at` may be null; then the trigger time orders updates.
 * https://shopify.dev/docs/api/webhooks/2026-10?reference=toml#list-of-topics-shop/update
 */
export async function applyShopUpdate(ctx: ApplyContext, payload: Json): Promise<void> {
  const updatedAt = optDate(payload, "updated_at") ?? ctx.triggeredAt;
  const fields = {
    name: optStr(payload, "name") ?? ctx.shop,
    email: optStr(payload, "email"),
    currency: optStr(payload, "currency") ?? "USD",
    ...(optStr(payload, "iana_timezone") ? { ianaTimezone: optStr(payload, "iana_timezone") ?? "UTC" } : {}),
    ...(optStr(payload, "country_code") ? { countryCode: optStr(payload, "country_code") } : {}),
    ...(payload.admin_graphql_api_id || payload.id ? { gid: payloadGid("Shop", payload) } : {}),
    shopifyUpdatedAt: updatedAt,
  };
  const current = await ctx.tx.shop.findUnique({ where: { shop: ctx.shop }, select: { shopifyUpdatedAt: true } });
  if (!current) {
    await ctx.tx.shop.create({ data: { shop: ctx.shop, ...fields } });
    return;
  }
  if (current.shopifyUpdatedAt && current.shopifyUpdatedAt >= updatedAt) return;
  await ctx.tx.shop.update({ where: { shop: ctx.shop }, data: fields });
}

/** app/scopes_update: `{ previous, current, updated_at }`; the offline session keeps the granted scopes. */
export async function applyScopesUpdate(ctx: ApplyContext, payload: Json): Promise<void> {
  const current = Array.isArray(payload.current) ? payload.current.filter((s): s is string => typeof s === "string") : [];
  await ctx.tx.session.updateMany({ where: { shop: ctx.shop, isOnline: false }, data: { scope: current.join(",") } });
}

export function bulkOperationGid(payload: Json): string {
  return optStr(payload, "admin_graphql_api_id") ?? optStr(obj(payload), "id") ?? "";
}
