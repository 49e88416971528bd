/**
 * The customers a static list names, by email and by phone, read one of two ways, whichever
 * takes fewer statements: the listed values looked up in chunks (SQLite's driver adapter
 * refuses a statement with more than 999 bound parameters, and an IN list is one per value),
 * or the shop's customers read page by page and matched in memory — a 10 MB list is ~300,000
 * values, 600 lookups, against a few pages for a shop of tens of thousands of customers.
 */
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";

const LOOKUP_CHUNK = 500;
const SCAN_PAGE = 5_000;

export interface CustomersByContact {
  byEmail: Map<string, number>;
  byPhone: Map<string, number>;
}

type Wanted = { emails: Set<string>; phones: Set<string> };

/**
 * Customer ids by email and by E.164 phone (the list's emails are lower-cased, as Shopify stores
 * them; both ways compare exactly, so they agree); the lowest id wins a shared contact.
 */
export async function findCustomersByContact(
  db: Db,
  shop: string,
  emails: readonly string[],
  phones: readonly string[],
): Promise<CustomersByContact> {
  const wanted = { emails: new Set(emails), phones: new Set(phones) };
  const lookups = Math.ceil(wanted.emails.size / LOOKUP_CHUNK) + Math.ceil(wanted.phones.size / LOOKUP_CHUNK);
  if (lookups <= 1) return lookUpContacts(db, shop, wanted);
  const customers = await forShop(db, shop).customer.count({ where: { deletedAt: null } });
  return Math.ceil(customers / SCAN_PAGE) < lookups ? scanShopForContacts(db, shop, wanted) : lookUpContacts(db, shop, wanted);
}

function remember(into: CustomersByContact, c: { id: number; email: string | null; phone: string | null }, wanted: Wanted): void {
  if (c.email && wanted.emails.has(c.email) && !into.byEmail.has(c.email)) into.byEmail.set(c.email, c.id);
  if (c.phone && wanted.phones.has(c.phone) && !into.byPhone.has(c.phone)) into.byPhone.set(c.phone, c.id);
}

/** The listed values looked up `chunk` at a time. */
export async function lookUpContacts(db: Db, shop: string, wanted: Wanted, chunk = LOOKUP_CHUNK): Promise<CustomersByContact> {
  const scoped = forShop(db, shop);
  const out: CustomersByContact = { byEmail: new Map(), byPhone: new Map() };
  for (const field of ["email", "phone"] as const) {
    const values = [...(field === "email" ? wanted.emails : wanted.phones)];
    for (let i = 0; i < values.length; i += chunk) {
      const slice = values.slice(i, i + chunk);
      const found = await scoped.customer.findMany({
        where: field === "email" ? { deletedAt: null, email: { in: slice } } : { deletedAt: null, phone: { in: slice } },
        select: { id: true, email: true, phone: true },
        orderBy: { id: "asc" },
      });
      for (const c of found) remember(out, field === "email" ? { ...c, phone: null } : { ...c, email: null }, wanted);
    }
  }
  return out;
}

/** The shop's live customers read `page` at a time by id, matched in memory. */
export async function scanShopForContacts(db: Db, shop: string, wanted: Wanted, page = SCAN_PAGE): Promise<CustomersByContact> {
  const scoped = forShop(db, shop);
  const out: CustomersByContact = { byEmail: new Map(), byPhone: new Map() };
  for (let after = 0; ;) {
    const found = await scoped.customer.findMany({
      where: { deletedAt: null, id: { gt: after } },
      select: { id: true, email: true, phone: true },
      orderBy: { id: "asc" },
      take: page,
    });
    for (const c of found) remember(out, c, wanted);
    if (found.length < page) return out;
    after = found[found.length - 1]?.id ?? after;
  }
}
