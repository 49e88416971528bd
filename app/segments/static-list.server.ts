/**
 * The customers a static list names, looked up by email and by phone in chunks: one statement
 * per chunk of values, because SQLite's driver adapter refuses a statement with more than 999
 * bound parameters (the list is one parameter per value, besides the shop and deletedAt).
 */
import type { Db } from "~/db.server";
import { forShop } from "~/lib/shop-scope.server";

const LOOKUP_CHUNK = 500;

/** Customer ids by lower-cased email and by E.164 phone; the lowest id wins a shared contact. */
export async function findCustomersByContact(db: Db, shop: string, emails: readonly string[], phones: readonly string[]): Promise<{ byEmail: Map<string, number>; byPhone: Map<string, number> }> {
  const scoped = forShop(db, shop);
  const byEmail = new Map<string, number>();
  const byPhone = new Map<string, number>();
  const unique = (values: readonly string[]) => [...new Set(values)];
  for (const [field, values, into] of [["email", unique(emails), byEmail], ["phone", unique(phones), byPhone]] as const) {
    for (let i = 0; i < values.length; i += LOOKUP_CHUNK) {
      const chunk = values.slice(i, i + LOOKUP_CHUNK);
      const found = await scoped.customer.findMany({
        where: field === "email" ? { deletedAt: null, email: { in: chunk } } : { deletedAt: null, phone: { in: chunk } },
        select: { id: true, email: true, phone: true },
        orderBy: { id: "asc" },
      });
      for (const c of found) {
        const key = field === "email" ? c.email?.toLowerCase() : c.phone;
        if (key && !into.has(key)) into.set(key, c.id);
      }
    }
  }
  return { byEmail, byPhone };
}
