// When the dispatcher must run again: a batch a killed dispatcher left claimed, and texts left
// UNKNOWN, keep the shop's dispatch job going after the queue ran dry (the campaign crash test
// found texts that were never sent without this).
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { createCustomer, createShop, enqueue, smsRow } from "../dispatch/test-support/dispatch-fixtures";
import { nextDueAt } from "./dispatch-store.server";
import { claimDueMessages, expireClaims } from "./outbox-store.server";

const NOON_NY = new Date("2026-12-07T17:00:00Z");
const LEASE_MS = 5 * 60_000;
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

it("names the lease of a claim left open, then the texts left UNKNOWN, and only then nothing", async () => {
  // GIVEN a shop whose one text was claimed by a dispatcher that then died
  const shop = await createShop(t.db);
  await enqueue(t.db, [smsRow(shop, await createCustomer(t.db, shop), NOON_NY)], NOON_NY);
  expect(await nextDueAt(t.db, shop)).toEqual(NOON_NY);
  await claimDueMessages(t.db, { shop, now: NOON_NY, limit: 10, leaseMs: LEASE_MS });

  // THEN with nothing QUEUED, the next run is due when the claim runs out
  expect(await nextDueAt(t.db, shop, { unknownSms: true })).toEqual(new Date(NOON_NY.getTime() + LEASE_MS));

  // WHEN the claim has been expired (the text's fate is unknown)
  const later = new Date(NOON_NY.getTime() + LEASE_MS + 1000);
  expect(await expireClaims(t.db, later, shop)).toBe(1);

  // THEN a shop that can look texts up is due at once; one that cannot (no SMS set up) is not
  expect(await nextDueAt(t.db, shop, { unknownSms: true })).toEqual(later);
  expect(await nextDueAt(t.db, shop)).toBeNull();
});
