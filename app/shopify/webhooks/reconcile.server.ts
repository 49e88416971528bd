// Reconciliation: the hourly pull that repairs what webhooks missed (Shopify does not
// guarantee delivery: https://shopify.dev/docs/apps/build/webhooks/best-practices#implement-reconciliation-jobs).
// It reads every record updated since the last watermark (with an overlap, as clocks and
// Shopify's indexing lag), applies it through the same monotonic upserts, refreshes the facts
// of the customers touched, and re-pulls collection membership, which smart collections change
// without any webhook. The watermark is the start of the last completed run (a SyncRun of kind
// "reconcile"), else the last bulk import's start.
import type { Db } from "~/db/db.server";
import { refreshCustomerFacts } from "~/facts/incremental-facts.server";
import { createAdminClient, type AdminClient, type Connection } from "~/shopify/admin-client.server";
import { mapCollectionNode, mapProductNode } from "~/shopify/mappers/catalog";
import { mapCheckoutNode } from "~/shopify/mappers/checkout";
import { mapCustomerNode } from "~/shopify/mappers/customer";
import { obj, type Json } from "~/shopify/mappers/fields";
import { mapLineItemNode, mapOrderNode } from "~/shopify/mappers/order";
import {
  linkCollectionProduct,
  upsertCheckout,
  upsertCollection,
  upsertCustomer,
  upsertLineItem,
  upsertOrder,
  upsertProduct,
} from "~/shopify/sync/upserts";
import type { ApplyDeps } from "./apply.server";
import {
  CHECKOUTS_PAGE_QUERY,
  COLLECTION_PRODUCTS_QUERY,
  COLLECTIONS_PAGE_QUERY,
  CUSTOMERS_PAGE_QUERY,
  ORDERS_PAGE_QUERY,
  PRODUCTS_PAGE_QUERY,
} from "./reconcile-queries";
import { execStatement, lockShop } from "./tx-sql.server";

const OVERLAP_MS = 10 * 60_000;
const FIRST_LOOKBACK_MS = 24 * 3600_000;
const PAGE = 100;

export interface ReconcileResult {
  since: Date;
  records: number;
  memberships: number;
}

function connection(field: string) {
  return (data: unknown): Connection<Json> => {
    const conn = obj(obj(data)?.[field]);
    if (!conn) throw new Error(`Admin answer has no ${field}`);
    return conn as unknown as Connection<Json>;
  };
}

export async function reconcileWatermark(db: Db, shop: string, now: Date): Promise<Date> {
  const last = await db.syncRun.findFirst({
    where: { shop, kind: { in: ["reconcile", "bulk"] }, status: "completed" },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true },
  });
  return last ? new Date(last.startedAt.getTime() - OVERLAP_MS) : new Date(now.getTime() - FIRST_LOOKBACK_MS);
}

type PageApplier = (deps: ApplyDeps, shop: string, nodes: Json[]) => Promise<void>;

/** Runs one page in a transaction and refreshes the facts of the customers it touched. */
async function inTransaction(
  deps: ApplyDeps,
  shop: string,
  work: (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => Promise<Iterable<number>>,
): Promise<void> {
  await deps.db.$transaction(
    async (tx) => {
      await lockShop(tx, deps.dialect, shop);
      await refreshCustomerFacts(tx, shop, await work(tx));
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

const PAGES: Record<string, { query: string; field: string; apply: PageApplier }> = {
  collections: {
    query: COLLECTIONS_PAGE_QUERY,
    field: "collections",
    apply: (deps, shop, nodes) =>
      inTransaction(deps, shop, async (tx) => {
        for (const n of nodes) await execStatement(tx, deps.dialect, upsertCollection(deps.dialect, shop, mapCollectionNode(n)));
        return [];
      }),
  },
  products: {
    query: PRODUCTS_PAGE_QUERY,
    field: "products",
    apply: (deps, shop, nodes) =>
      inTransaction(deps, shop, async (tx) => {
        const gids = nodes.map((n) => mapProductNode(n).gid);
        const known = new Set((await tx.product.findMany({ where: { shop, gid: { in: gids } }, select: { gid: true } })).map((p) => p.gid));
        for (const n of nodes) await execStatement(tx, deps.dialect, upsertProduct(deps.dialect, shop, mapProductNode(n)));
        const fresh = gids.filter((g) => !known.has(g));
        const buyers = fresh.length
          ? await tx.order.findMany({
              where: { shop, customerId: { not: null }, lineItems: { some: { productGid: { in: fresh } } } },
              select: { customerId: true },
              distinct: ["customerId"],
            })
          : [];
        return buyers.flatMap((b) => (b.customerId === null ? [] : [b.customerId]));
      }),
  },
  customers: {
    query: CUSTOMERS_PAGE_QUERY,
    field: "customers",
    apply: (deps, shop, nodes) =>
      inTransaction(deps, shop, async (tx) => {
        const rows = nodes.map(mapCustomerNode);
        for (const r of rows) await execStatement(tx, deps.dialect, upsertCustomer(deps.dialect, shop, r));
        const stored = await tx.customer.findMany({
          where: { shop, gid: { in: rows.map((r) => r.gid) } },
          select: { id: true, gid: true },
        });
        for (const c of stored) {
          await tx.order.updateMany({ where: { shop, customerGid: c.gid, customerId: null }, data: { customerId: c.id } });
          await tx.abandonedCheckout.updateMany({ where: { shop, customerGid: c.gid, customerId: null }, data: { customerId: c.id } });
        }
        return stored.map((c) => c.id);
      }),
  },
  orders: {
    query: ORDERS_PAGE_QUERY,
    field: "orders",
    apply: (deps, shop, nodes) =>
      inTransaction(deps, shop, async (tx) => {
        const orders = nodes.map(mapOrderNode);
        const before = await tx.order.findMany({ where: { shop, gid: { in: orders.map((o) => o.gid) } }, select: { customerId: true } });
        for (const [i, order] of orders.entries()) {
          if ((await execStatement(tx, deps.dialect, upsertOrder(deps.dialect, shop, order))) === 0) continue;
          const items = (obj(nodes[i]?.lineItems)?.nodes ?? []) as Json[];
          for (const item of items)
            await execStatement(tx, deps.dialect, upsertLineItem(deps.dialect, shop, mapLineItemNode(item, order.gid)));
        }
        const after = await tx.order.findMany({ where: { shop, gid: { in: orders.map((o) => o.gid) } }, select: { customerId: true } });
        return [...before, ...after].flatMap((o) => (o.customerId === null ? [] : [o.customerId]));
      }),
  },
  checkouts: {
    query: CHECKOUTS_PAGE_QUERY,
    field: "abandonedCheckouts",
    apply: (deps, shop, nodes) =>
      inTransaction(deps, shop, async (tx) => {
        const rows = nodes.map(mapCheckoutNode);
        for (const r of rows) await execStatement(tx, deps.dialect, upsertCheckout(deps.dialect, shop, r));
        const stored = await tx.abandonedCheckout.findMany({
          where: { shop, token: { in: rows.map((r) => r.token) } },
          select: { customerId: true },
        });
        return stored.flatMap((k) => (k.customerId === null ? [] : [k.customerId]));
      }),
  },
};

/** Replaces each live collection's product links with what the Admin API says now. */
async function pullMemberships(client: AdminClient, deps: ApplyDeps, shop: string): Promise<number> {
  const collections = await deps.db.collection.findMany({ where: { shop, deletedAt: null }, select: { id: true, gid: true } });
  let links = 0;
  for (const c of collections) {
    const productGids: string[] = [];
    for await (const p of client.paginate<Json>(COLLECTION_PRODUCTS_QUERY, { id: c.gid, first: 250 }, (data) =>
      connection("products")(obj(data)?.collection ?? { products: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } }),
    )) {
      if (typeof p.id === "string") productGids.push(p.id);
    }
    await deps.db.$transaction(
      async (tx) => {
        await tx.collectionProduct.deleteMany({ where: { shop, collectionId: c.id } });
        for (const gid of productGids)
          links += await execStatement(
            tx,
            deps.dialect,
            linkCollectionProduct(deps.dialect, shop, { collectionGid: c.gid, productGid: gid }),
          );
      },
      { timeout: 120_000 },
    );
  }
  return links;
}

/** One reconciliation pass for the shop. */
export async function reconcileShop(deps: ApplyDeps, shop: string): Promise<ReconcileResult> {
  const now = deps.now?.() ?? new Date();
  const since = await reconcileWatermark(deps.db, shop, now);
  const run = await deps.db.syncRun.create({
    data: { shop, resource: "all", kind: "reconcile", status: "running", startedAt: now },
    select: { id: true },
  });
  try {
    const client = createAdminClient(await deps.adminGraphql(shop));
    const search = `updated_at:>'${since.toISOString()}'`;
    let records = 0;
    for (const resource of ["collections", "products", "customers", "orders", "checkouts"] as const) {
      const { query, field, apply } = PAGES[resource] as (typeof PAGES)[string];
      let page: Json[] = [];
      for await (const node of client.paginate<Json>(query, { first: PAGE, query: search }, connection(field))) {
        page.push(node);
        if (page.length >= PAGE) await apply(deps, shop, page.splice(0));
        records += 1;
      }
      if (page.length) await apply(deps, shop, page);
      page = [];
    }
    const memberships = await pullMemberships(client, deps, shop);
    await deps.db.syncRun.update({
      where: { id: run.id },
      data: { status: "completed", finishedAt: deps.now?.() ?? new Date(), doneCount: records },
    });
    return { since, records, memberships };
  } catch (error) {
    await deps.db.syncRun.update({
      where: { id: run.id },
      data: { status: "failed", finishedAt: new Date(), lastError: error instanceof Error ? error.message.slice(0, 2000) : String(error) },
    });
    throw error;
  }
}
