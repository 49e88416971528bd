import type { Db } from "~/db.server";
import { demoShop } from "./store-generator/generate";
import { writeGeneratedStore } from "./store-generator/write.server";

export const DEMO_SEED = 42;

/** Seeds the demo shop unless it already has customers (or `reset` is asked for). */
export async function seedDemoShop(db: Db, shop: string, options: { customers: number; reset: boolean; now: Date }) {
  const existing = await db.customer.count({ where: { shop } });
  if (existing > 0 && !options.reset) return { created: false as const, customers: existing, orders: await db.order.count({ where: { shop } }) };
  const result = await writeGeneratedStore(db, demoShop(shop), { seed: DEMO_SEED, customers: options.customers, now: options.now });
  return { created: true as const, ...result };
}
