// Tenant isolation as a mechanism rather than a habit: `forShop(db, shop)` returns a client
// whose every query on a store-data model is confined to that shop. Reads and bulk writes get
// `shop` added to their filter, unique look-ups get it as an extra condition (Prisma 5+
// accepts non-unique fields beside a unique where), and creates are stamped with it.
import { type Db, loadClientModule } from "~/db/db.server";

/** Models that carry a `shop` column, read from the schema so new tables are covered too. */
export const SHOP_SCOPED_MODELS: readonly string[] = loadClientModule("sqlite")
  .Prisma.dmmf.datamodel.models.filter((m) => m.fields.some((f) => f.name === "shop"))
  .map((m) => m.name);

const FILTERED = new Set([
  "findMany",
  "findFirst",
  "findFirstOrThrow",
  "count",
  "aggregate",
  "groupBy",
  "updateMany",
  "deleteMany",
  "updateManyAndReturn",
]);
const UNIQUE = new Set(["findUnique", "findUniqueOrThrow", "update", "delete"]);

/** Customers that count: neither deleted in Shopify nor redacted. */
export const LIVE_CUSTOMER = { deletedAt: null, redactedAt: null } as const;

export class CrossShopWriteError extends Error {
  constructor(model: string, expected: string, got: unknown) {
    super(`${model}: refusing to write shop ${String(got)} through a client scoped to ${expected}`);
    this.name = "CrossShopWriteError";
  }
}

function stamp(model: string, shop: string, data: unknown): unknown {
  if (Array.isArray(data)) return data.map((d) => stamp(model, shop, d));
  if (data && typeof data === "object") {
    const row = data as Record<string, unknown>;
    if (row.shop !== undefined && row.shop !== shop) throw new CrossShopWriteError(model, shop, row.shop);
    return { ...row, shop };
  }
  return data;
}

export function forShop(db: Db, shop: string): Db {
  const scoped = new Set(SHOP_SCOPED_MODELS);
  return db.$extends({
    name: "shop-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!scoped.has(model)) return query(args);
          const a = { ...(args as Record<string, unknown>) };
          if (FILTERED.has(operation)) {
            a.where = a.where ? { AND: [a.where, { shop }] } : { shop };
          } else if (UNIQUE.has(operation)) {
            a.where = { ...(a.where as object), shop };
          } else if (operation === "upsert") {
            a.where = { ...(a.where as object), shop };
            a.create = stamp(model, shop, a.create);
          } else if (operation === "create" || operation === "createMany" || operation === "createManyAndReturn") {
            a.data = stamp(model, shop, a.data);
          }
          // An update may not move a row to another shop either.
          const changes = (operation === "upsert" ? a.update : a.data) as Record<string, unknown> | undefined;
          if (operation.startsWith("update") || operation === "upsert") {
            if (changes?.shop !== undefined && changes.shop !== shop) throw new CrossShopWriteError(model, shop, changes.shop);
          }
          return query(a as typeof args);
        },
      },
    },
  }) as unknown as Db;
}
