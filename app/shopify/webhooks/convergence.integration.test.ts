// Duplicated, reordered and day-late webhooks converge to the state of in-order delivery.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShop } from "../../../tests/factories/store";
import { historyOf, type StorePlan } from "./test-support/history";
import { storeEvents, storeSnapshot } from "./test-support/snapshot";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";

let env: WebhookTestEnv;
beforeAll(async () => {
  env = await openWebhookTestEnv();
});
afterAll(async () => env?.close());

const PLAN: StorePlan = {
  customers: [
    {
      versions: [
        { email: "a@x.com", city: "Ottawa" },
        { email: "b@y.org", city: "Lyon" },
        { email: "c@z.net", city: "Austin" },
      ],
      emailConsent: ["subscribed", "unsubscribed"],
      deleted: false,
    },
    { versions: [{ email: "b@y.org", city: "Austin" }], emailConsent: ["subscribed"], deleted: true },
  ],
  products: [
    { versions: 2, deleted: false },
    { versions: 1, deleted: true },
  ],
  orders: [
    {
      customer: 0,
      lines: [
        { product: 0, quantity: 2, price: 1500 },
        { product: 1, quantity: 1, price: 999 },
      ],
      refund: 30,
      cancelled: false,
      deleted: false,
      start: 3,
    },
    { customer: 0, lines: [{ product: 1, quantity: 1, price: 4000 }], refund: 0, cancelled: true, deleted: false, start: 8 },
    { customer: 1, lines: [{ product: 0, quantity: 1, price: 2500 }], refund: 0, cancelled: false, deleted: true, start: 12 },
  ],
  checkouts: [
    { customer: 0, total: 3000, updates: 2, completed: true, start: 2 },
    { customer: 1, total: 1200, updates: 1, completed: false, start: 9 },
  ],
};

describe("webhook convergence", () => {
  it("reversed, duplicated and day-late deliveries end in the in-order state", async () => {
    const dialect = env.deps.dialect;
    const history = historyOf(PLAN);
    // GIVEN one shop fed in order, one event applied at a time
    const inOrder = uniqueShop();
    for (const event of history) {
      await storeEvents(env.t.db, dialect, inOrder, [event]);
      await env.drain(inOrder);
    }
    // AND one shop fed the same events newest first, each twice, with a third held back a day
    const shuffled = uniqueShop();
    const late = history.filter((_, i) => i % 3 === 0);
    const early = [...history].reverse().filter((_, i) => (history.length - 1 - i) % 3 !== 0);
    await storeEvents(env.t.db, dialect, shuffled, [...early, ...early]);
    await env.drain(shuffled);
    await storeEvents(env.t.db, dialect, shuffled, [...late, ...early.slice(0, 3), ...late]);
    await env.drain(shuffled);
    // THEN both shops hold the same store and the same customer facts
    const expected = await storeSnapshot(env.t.db, inOrder);
    expect(await storeSnapshot(env.t.db, shuffled)).toEqual(expected);
    // AND the in-order state is what the history says
    expect(expected.customers[0]).toMatchObject({ email: "c@z.net", city: "Austin", emailState: "UNSUBSCRIBED", deletedAt: null });
    expect(expected.customers[1]?.deletedAt).not.toBeNull();
    expect(expected.facts.customers[0]).toMatchObject({ orderCount: 2, amountSpent: String(3999 - Math.floor(3999 * 0.3)) });
  });
});
