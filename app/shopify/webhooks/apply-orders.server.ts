// orders/delete and checkouts/*, through the bulk import's monotonic upserts (upserts.ts): an
// event older than the stored row changes nothing. Deletions leave a tombstone so a late or
// replayed create cannot bring the row back. Order upserts (orders/create, updated, cancelled)
// are applied a run at a time in apply-orders-batch.server.ts.
import { mapCheckoutWebhook } from "~/shopify/mappers/checkout";
import { optStr, type Json } from "~/shopify/mappers/fields";
import { upsertCheckout } from "~/shopify/sync/upserts";
import type { Affected, ApplyContext } from "./context";
import { payloadGid } from "./payload-mappers";
import { EPOCH, execStatement } from "./tx-sql.server";

async function orderCustomer(ctx: ApplyContext, gid: string): Promise<number | null | undefined> {
  const row = await ctx.tx.order.findUnique({ where: { shop_gid: { shop: ctx.shop, gid } }, select: { customerId: true } });
  return row === null ? undefined : row.customerId;
}

/** A recovered checkout's order carries the checkout's token (as in sync/facts.server.ts linkStatements). */
async function linkRecovery(ctx: ApplyContext, token: string): Promise<void> {
  const order = await ctx.tx.order.findFirst({
    where: { shop: ctx.shop, checkoutToken: token },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  if (!order) return;
  await ctx.tx.abandonedCheckout.updateMany({
    where: { shop: ctx.shop, token, recoveredOrderId: null, completedAt: { not: null } },
    data: { recoveredOrderId: order.id },
  });
}

/** orders/delete: `{ id }` only. */
export async function applyOrderDelete(ctx: ApplyContext, payload: Json, affected: Affected): Promise<void> {
  const gid = payloadGid("Order", payload);
  const before = await orderCustomer(ctx, gid);
  if (before === undefined) {
    await ctx.tx.order.create({
      data: {
        shop: ctx.shop,
        gid,
        name: gid,
        currency: "USD",
        totalPrice: 0n,
        processedAt: EPOCH,
        shopifyCreatedAt: EPOCH,
        shopifyUpdatedAt: EPOCH,
        deletedAt: ctx.triggeredAt,
      },
    });
    return;
  }
  await ctx.tx.order.updateMany({ where: { shop: ctx.shop, gid, deletedAt: null }, data: { deletedAt: ctx.triggeredAt } });
  if (before) affected.add(before);
}

export async function applyCheckoutUpsert(ctx: ApplyContext, payload: Json, affected: Affected): Promise<void> {
  const row = mapCheckoutWebhook(payload);
  await execStatement(ctx.tx, ctx.dialect, upsertCheckout(ctx.dialect, ctx.shop, row));
  if (row.completedAt) await linkRecovery(ctx, row.token);
  const stored = await ctx.tx.abandonedCheckout.findUnique({
    where: { shop_token: { shop: ctx.shop, token: row.token } },
    select: { customerId: true, customer: { select: { redactedAt: true } } },
  });
  if (stored?.customer?.redactedAt) {
    // A checkout of a redacted customer that arrives late must not bring their contact details back.
    await ctx.tx.abandonedCheckout.update({
      where: { shop_token: { shop: ctx.shop, token: row.token } },
      data: { customerId: null, customerGid: null, email: null, phone: null, recoveryUrl: null },
    });
    return;
  }
  if (stored?.customerId) affected.add(stored.customerId);
}

/** checkouts/delete: keyed by `token` (checkout ids left the checkout webhooks in 2026-04). */
export async function applyCheckoutDelete(ctx: ApplyContext, payload: Json, affected: Affected): Promise<void> {
  const token = optStr(payload, "token");
  if (!token) throw new Error("checkouts/delete payload without token");
  const stored = await ctx.tx.abandonedCheckout.findUnique({
    where: { shop_token: { shop: ctx.shop, token } },
    select: { customerId: true },
  });
  if (!stored) {
    await ctx.tx.abandonedCheckout.create({
      data: {
        shop: ctx.shop,
        token,
        currency: "USD",
        totalPrice: 0n,
        shopifyCreatedAt: EPOCH,
        shopifyUpdatedAt: EPOCH,
        deletedAt: ctx.triggeredAt,
      },
    });
    return;
  }
  await ctx.tx.abandonedCheckout.updateMany({ where: { shop: ctx.shop, token, deletedAt: null }, data: { deletedAt: ctx.triggeredAt } });
  if (stored.customerId) affected.add(stored.customerId);
}
