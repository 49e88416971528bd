import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { findCustomersByContact, lookUpContacts, scanShopForContacts } from "./static-list.server";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe("findCustomersByContact", () => {
  it("finds the same customers by chunked lookups and by reading the shop page by page", async () => {
    // GIVEN a shop with customers known by email, by phone, one sharing another's phone, a deleted one, and another shop's
    const shop = uniqueShop();
    const rows = [
      ...Array.from({ length: 12 }, (_, i) => buildCustomer(shop, { email: `e${i}@example.com`, phone: null })),
      ...Array.from({ length: 12 }, (_, i) => buildCustomer(shop, { email: null, phone: `+1415555${String(i).padStart(4, "0")}` })),
      buildCustomer(shop, { email: null, phone: "+14155550000" }),
      buildCustomer(shop, { email: "gone@example.com", phone: null, deletedAt: new Date("2026-11-01T00:00:00Z") }),
      buildCustomer(uniqueShop(), { email: "e1@example.com", phone: "+14155550001" }),
    ];
    await t.db.customer.createMany({ data: rows });
    const ids = new Map(
      (await t.db.customer.findMany({ where: { shop }, select: { id: true, gid: true }, orderBy: { id: "asc" } })).map((c) => [
        c.gid,
        c.id,
      ]),
    );
    const idOf = (i: number) => ids.get(rows[i]?.gid ?? "");
    const emails = ["e0@example.com", "e1@example.com", "e11@example.com", "gone@example.com", "nobody@example.com"];
    const phones = ["+14155550000", "+14155550011", "+19999999999"];

    // WHEN the list is looked up in chunks of 2, by reading the shop in pages of 5, and the default way
    const wanted = { emails: new Set(emails), phones: new Set(phones) };
    const chunked = await lookUpContacts(t.db, shop, wanted, 2);
    const scanned = await scanShopForContacts(t.db, shop, wanted, 5);
    const chosen = await findCustomersByContact(t.db, shop, emails, phones);

    // THEN all three name the shop's live customers, the lowest id for a shared phone
    const expected = {
      byEmail: new Map([
        ["e0@example.com", idOf(0)],
        ["e1@example.com", idOf(1)],
        ["e11@example.com", idOf(11)],
      ]),
      byPhone: new Map([
        ["+14155550000", idOf(12)],
        ["+14155550011", idOf(23)],
      ]),
    };
    expect(chunked).toEqual(expected);
    expect(scanned).toEqual(expected);
    expect(chosen).toEqual(expected);
  });

  it("looks up lists longer than SQLite's 999 bound parameters with the default chunk", async () => {
    // GIVEN two customers and a list of 5,000 emails and 5,000 phones that names them among strangers
    const shop = uniqueShop();
    await t.db.customer.createMany({
      data: [buildCustomer(shop, { email: "known@example.com", phone: null }), buildCustomer(shop, { email: null, phone: "+14155559999" })],
    });
    const emails = [...Array.from({ length: 4_999 }, (_, i) => `stranger${i}@example.com`), "known@example.com"];
    const phones = [...Array.from({ length: 4_999 }, (_, i) => `+1212${String(i).padStart(7, "0")}`), "+14155559999"];

    // WHEN they are looked up value by value
    const found = await lookUpContacts(t.db, shop, { emails: new Set(emails), phones: new Set(phones) });

    // THEN both customers are found
    expect([[...found.byEmail.keys()], [...found.byPhone.keys()]]).toEqual([["known@example.com"], ["+14155559999"]]);
  });
});
