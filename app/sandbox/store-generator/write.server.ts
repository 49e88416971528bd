// Writes a generated store straight into Flock's tables (the Foundation demo path; later the
// demo imports through the Admin stand-in's bulk operations instead).
import type { Db, DbTx } from "~/db/db.server";
import { computeCustomerFacts } from "~/facts/customer-facts";
import { forShop } from "~/db/shop-scope.server";
import { generateCatalog, generateCustomers } from "./generate";
import { lastAbandonedAt, need } from "./store-rows";
import type { CustomerChunk, GenShop } from "./types";

export interface WriteStoreOptions {
  seed: number;
  customers: number;
  now: Date;
  batchSize?: number;
}

export interface WriteStoreResult {
  customers: number;
  orders: number;
  lineItems: number;
  checkouts: number;
  products: number;
  collections: number;
}

/** Replaces the shop's store data with a freshly generated store. */
export async function writeGeneratedStore(root: Db, shopInfo: GenShop, options: WriteStoreOptions): Promise<WriteStoreResult> {
  const db = forShop(root, shopInfo.shop);
  const { shop, ...shopFields } = shopInfo;
  await root.shop.upsert({ where: { shop }, create: { shop, ...shopFields }, update: shopFields });
  await clearStoreData(db);

  const catalog = generateCatalog(options.seed, options.now);
  await db.collection.createMany({
    data: catalog.collections.map((c) => ({
      shop,
      gid: c.gid,
      title: c.title,
      handle: c.handle,
      kind: c.kind,
      shopifyUpdatedAt: c.updatedAt,
    })),
  });
  await db.product.createMany({
    data: catalog.products.map((p) => ({
      shop,
      gid: p.gid,
      title: p.title,
      handle: p.handle,
      vendor: p.vendor,
      productType: p.productType,
      shopifyUpdatedAt: p.updatedAt,
    })),
  });
  const productIds = new Map((await db.product.findMany({ select: { id: true, gid: true } })).map((p) => [p.gid, p.id]));
  const collectionIds = new Map((await db.collection.findMany({ select: { id: true, gid: true } })).map((c) => [c.gid, c.id]));
  await db.collectionProduct.createMany({
    data: catalog.products.flatMap((p) =>
      p.collectionGids.map((cg) => ({ shop, collectionId: need(collectionIds, cg), productId: need(productIds, p.gid) })),
    ),
  });

  const result: WriteStoreResult = {
    customers: 0,
    orders: 0,
    lineItems: 0,
    checkouts: 0,
    products: catalog.products.length,
    collections: catalog.collections.length,
  };
  let batch: CustomerChunk[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const chunks = batch;
    batch = [];
    // The transaction runs on the scoped client, so its queries stay confined to the shop.
    await db.$transaction(async (tx) => writeBatch(tx, shop, chunks, productIds, result), { timeout: 60_000 });
  };
  for (const chunk of generateCustomers({ seed: options.seed, customers: options.customers, now: options.now }, catalog)) {
    batch.push(chunk);
    if (batch.length >= (options.batchSize ?? 100)) await flush();
  }
  await flush();
  return result;
}

async function clearStoreData(db: Db): Promise<void> {
  // Children first: line items and memberships go with their parents' cascades, the rest explicitly.
  await db.customerFacts.deleteMany({});
  await db.lineItem.deleteMany({});
  await db.abandonedCheckout.deleteMany({});
  await db.order.deleteMany({});
  await db.customer.deleteMany({});
  await db.collectionProduct.deleteMany({});
  await db.product.deleteMany({});
  await db.collection.deleteMany({});
}

async function writeBatch(
  db: DbTx,
  shop: string,
  chunks: CustomerChunk[],
  productIds: Map<string, number>,
  result: WriteStoreResult,
): Promise<void> {
  await db.customer.createMany({
    data: chunks.map(({ customer: c }) => ({
      shop,
      gid: c.gid,
      email: c.email,
      phone: c.phone,
      firstName: c.firstName,
      lastName: c.lastName,
      emailMarketingState: c.emailState,
      emailMarketingOptIn: c.emailOptIn,
      emailConsentUpdatedAt: c.emailConsentAt,
      smsMarketingState: c.smsState,
      smsMarketingOptIn: c.smsOptIn,
      smsConsentUpdatedAt: c.smsConsentAt,
      tags: c.tags.join(", "),
      countryCode: c.countryCode,
      provinceCode: c.provinceCode,
      city: c.city,
      zip: c.zip,
      address1: c.address1,
      locale: c.locale,
      accountState: c.accountState,
      verifiedEmail: c.verifiedEmail,
      shopifyCreatedAt: c.createdAt,
      shopifyUpdatedAt: c.updatedAt,
    })),
  });
  const customerIds = new Map(
    (await db.customer.findMany({ where: { gid: { in: chunks.map((c) => c.customer.gid) } }, select: { id: true, gid: true } })).map(
      (c) => [c.gid, c.id],
    ),
  );
  const orders = chunks.flatMap((c) => c.orders);
  await db.order.createMany({
    data: orders.map((o) => ({
      shop,
      gid: o.gid,
      name: o.name,
      customerId: need(customerIds, o.customerGid),
      customerGid: o.customerGid,
      currency: o.currency,
      totalPrice: BigInt(o.totalPrice),
      subtotalPrice: BigInt(o.subtotalPrice),
      totalRefunded: BigInt(o.totalRefunded),
      financialStatus: o.financialStatus,
      cancelledAt: o.cancelledAt,
      checkoutToken: o.checkoutToken,
      processedAt: o.processedAt,
      shopifyCreatedAt: o.processedAt,
      shopifyUpdatedAt: o.updatedAt,
      sourceName: o.sourceName,
      appGid: o.appGid,
      locationGid: o.locationGid,
    })),
  });
  const orderIds = new Map(
    (await db.order.findMany({ where: { gid: { in: orders.map((o) => o.gid) } }, select: { id: true, gid: true } })).map((o) => [
      o.gid,
      o.id,
    ]),
  );
  const lines = orders.flatMap((o) => o.lineItems.map((li) => ({ ...li, orderId: need(orderIds, o.gid) })));
  await db.lineItem.createMany({
    data: lines.map((li) => ({
      shop,
      gid: li.gid,
      orderId: li.orderId,
      productGid: li.productGid,
      variantGid: li.variantGid,
      title: li.title,
      quantity: li.quantity,
      price: BigInt(li.price),
    })),
  });
  const checkouts = chunks.flatMap((c) => c.checkouts);
  await db.abandonedCheckout.createMany({
    data: checkouts.map((k) => ({
      shop,
      token: k.token,
      gid: k.gid,
      customerId: need(customerIds, k.customerGid),
      customerGid: k.customerGid,
      email: k.email,
      phone: k.phone,
      recoveryUrl: k.recoveryUrl,
      currency: k.currency,
      totalPrice: BigInt(k.totalPrice),
      shopifyCreatedAt: k.createdAt,
      shopifyUpdatedAt: k.updatedAt,
      completedAt: k.completedAt,
      recoveredOrderId: k.recoveredOrderGid ? need(orderIds, k.recoveredOrderGid) : null,
    })),
  });
  await db.customerFacts.createMany({
    data: chunks.map(({ customer, orders: own, checkouts: abandoned }) => {
      const facts = computeCustomerFacts(own);
      const lastAbandoned = lastAbandonedAt(abandoned);
      return {
        customerId: need(customerIds, customer.gid),
        shop,
        amountSpent: BigInt(facts.amountSpent),
        orderCount: facts.orderCount,
        firstOrderAt: facts.firstOrderAt,
        lastOrderAt: facts.lastOrderAt,
        averageOrderValue: BigInt(facts.averageOrderValue),
        lastAbandonedAt: lastAbandoned,
      };
    }),
  });
  result.customers += chunks.length;
  result.orders += orders.length;
  result.lineItems += lines.length;
  result.checkouts += checkouts.length;
}
