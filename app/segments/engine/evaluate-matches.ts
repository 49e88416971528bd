/**
 * `MATCHES` filters for one customer (pure): rows (purchases, orders, checkouts,
 * messages, memberships) are kept when every row-level parameter holds; count and
 * sum parameters then test the kept rows together. Without count or sum
 * parameters the clause holds when some row is kept; NOT MATCHES negates it.
 *
 * A purchase row is one product in one order: `date` tests the order's time,
 * `quantity` the units of the product in that order; `sum_quantity` adds the
 * units and `count` counts the purchases that pass the other parameters.
 */
import type { ShopClock } from "./clock";
import { dateMatches, dateTest, matchParamsOf, numberTest, setTest, testNumber, UnsupportedConditionError, valueText } from "./conditions";
import type { MatchesFilter } from "./evaluable";
import type { ClauseOutcome, EvalEnv, FactValue } from "./evaluate";
import type { CustomerRecord, PurchaseFact, ShopCatalog } from "./facts";
import type { Clause, MatchParam, ParamCondition } from "../query-language/tree";

type RowTest<R> = (row: R) => boolean;
type Aggregate<R> = { name: string; of: (row: R) => number; test: (sum: number) => boolean };

interface Prepared {
  catalog: ShopCatalog;
  clock: ShopClock;
  now: number;
  tests: RowTest<never>[];
  aggregates: Aggregate<never>[];
}

/**
 * Each clause's row tests, built once and reused while the catalog, clock and `now` are the same:
 * an incremental refresh runs thousands of customers through the same trees, and building the
 * tests (sets of accepted values, a collection's products, resolved dates) cost more than using them.
 */
const prepared = new WeakMap<Clause, Prepared>();

function prepare<R>(clause: Clause, env: EvalEnv, build: () => { tests: RowTest<R>[]; aggregates: Aggregate<R>[] }) {
  const now = env.now.getTime();
  const hit = prepared.get(clause);
  if (hit && hit.catalog === env.catalog && hit.clock === env.clock && hit.now === now)
    return hit as unknown as { tests: RowTest<R>[]; aggregates: Aggregate<R>[] };
  const built = build();
  prepared.set(clause, { catalog: env.catalog, clock: env.clock, now, ...(built as unknown as Pick<Prepared, "tests" | "aggregates">) });
  return built;
}

export function evaluateMatches(filter: MatchesFilter, clause: Clause, c: CustomerRecord, env: EvalEnv, explain = false): ClauseOutcome {
  const { negated, params } = matchParamsOf(clause);
  switch (filter) {
    case "products_purchased":
    case "collections_purchased": {
      const t = prepare(clause, env, () => ({ tests: purchaseTests(filter, params, env), aggregates: purchaseAggregates(filter, params) }));
      return finish(filter, negated, c.purchases, t.tests, t.aggregates, explain ? (kept) => purchasesSeen(kept, env.catalog) : undefined);
    }
    case "orders_placed": {
      const t = prepare(clause, env, () => ({
        tests: orderTests(params, env),
        aggregates: orderAggregates(params, env.catalog.currencyDigits),
      }));
      return finish(filter, negated, c.orders, t.tests, t.aggregates);
    }
    case "abandoned_checkouts": {
      const t = prepare(clause, env, () => ({ tests: checkoutTests(params, env), aggregates: [] }));
      return finish(filter, negated, c.checkouts, t.tests, t.aggregates);
    }
    case "messages": {
      const t = prepare(clause, env, () => ({ tests: messageTests(params, env), aggregates: [] }));
      return finish(filter, negated, c.messages, t.tests, t.aggregates);
    }
    case "segment_member": {
      const t = prepare(clause, env, () => ({ tests: memberTests(params), aggregates: [] }));
      return finish(filter, negated, c.segmentIds, t.tests, t.aggregates);
    }
  }
}

/** The purchases that passed, for the trace: "<product id> <ISO time> x<units>", at most 20. */
function purchasesSeen(kept: readonly PurchaseFact[], catalog: ShopCatalog): string[] {
  const shown = kept
    .slice(0, 20)
    .map((p) => `${catalog.products[p.product]?.shopifyId ?? "?"} ${new Date(p.at * 1000).toISOString()} x${p.quantity}`);
  if (kept.length > shown.length) shown.push(`… ${kept.length - shown.length} more`);
  return shown;
}

function finish<R>(
  filter: string,
  negated: boolean,
  rows: readonly R[],
  tests: RowTest<R>[],
  aggregates: Aggregate<R>[],
  describe?: (kept: R[]) => FactValue,
): ClauseOutcome {
  const kept = rows.filter((row) => tests.every((t) => t(row)));
  const facts: ClauseOutcome["facts"] = { [`${filter}.rows`]: rows.length, [`${filter}.matching_rows`]: kept.length };
  if (describe) facts[`${filter}.matching`] = describe(kept);
  let held: boolean;
  if (aggregates.length === 0) held = kept.length > 0;
  else {
    held = true;
    for (const a of aggregates) {
      const sum = kept.reduce((s, row) => s + a.of(row), 0);
      facts[`${filter}.${a.name}`] = sum;
      held = held && a.test(sum);
    }
  }
  return { result: held !== negated, facts };
}

/** Whether a value (or any of several) passes a membership test; absent values only pass negated tests. */
export function passesSet(candidates: readonly string[], accepted: ReadonlySet<string>, negated: boolean): boolean {
  return candidates.some((v) => accepted.has(v)) !== negated;
}

function setOf(filter: string, cond: ParamCondition, lower = false): { accepted: Set<string>; negated: boolean } {
  const t = setTest(filter, cond);
  return { accepted: new Set(lower ? t.values.map((v) => v.toLowerCase()) : t.values), negated: t.negated };
}

function timeTest(filter: string, cond: ParamCondition, clock: ShopClock, now: Date): (at: number) => boolean {
  const t = dateTest(filter, cond, clock, now);
  return (at) => dateMatches(at, t, clock);
}

function productTest(filter: string, p: MatchParam, catalog: ShopCatalog): RowTest<number> | undefined {
  const product = (i: number) => catalog.products[i];
  switch (p.name) {
    case "id": {
      const s = setOf(filter, p.condition);
      if (filter === "collections_purchased") {
        const inCollections = new Set([...s.accepted].flatMap((id) => catalog.collections.get(id) ?? []));
        return (i) => inCollections.has(i) !== s.negated;
      }
      return (i) => s.accepted.has(product(i)?.shopifyId ?? "") !== s.negated;
    }
    case "tag": {
      const s = setOf(filter, p.condition, true);
      return (i) =>
        passesSet(
          (product(i)?.tags ?? []).map((t) => t.toLowerCase()),
          s.accepted,
          s.negated,
        );
    }
    case "category": {
      const s = setOf(filter, p.condition, true);
      return (i) => {
        const category = product(i)?.category ?? null;
        return category === null ? false : passesSet([category.toLowerCase()], s.accepted, s.negated);
      };
    }
    default:
      return undefined;
  }
}

function purchaseTests(filter: string, params: readonly MatchParam[], env: EvalEnv): RowTest<PurchaseFact>[] {
  const tests: RowTest<PurchaseFact>[] = [];
  for (const p of params) {
    const onProduct = productTest(filter, p, env.catalog);
    if (onProduct) tests.push((row) => onProduct(row.product));
    else if (p.name === "date") {
      const t = timeTest(filter, p.condition, env.clock, env.now);
      tests.push((row) => t(row.at));
    } else if (p.name === "quantity") {
      const t = numberTest(filter, p.condition);
      tests.push((row) => testNumber(row.quantity, t));
    } else if (p.name !== "sum_quantity" && p.name !== "count") throw new UnsupportedConditionError(filter, `unknown parameter ${p.name}`);
  }
  return tests;
}

function purchaseAggregates(filter: string, params: readonly MatchParam[]): Aggregate<PurchaseFact>[] {
  const out: Aggregate<PurchaseFact>[] = [];
  for (const p of params) {
    if (p.name === "sum_quantity") {
      const t = numberTest(filter, p.condition);
      out.push({ name: "sum_quantity", of: (row) => row.quantity, test: (s) => testNumber(s, t) });
    } else if (p.name === "count") {
      const t = numberTest(filter, p.condition);
      out.push({ name: "count", of: () => 1, test: (s) => testNumber(s, t) });
    }
  }
  return out;
}

function orderTests(params: readonly MatchParam[], env: EvalEnv): RowTest<CustomerRecord["orders"][number]>[] {
  const tests: RowTest<CustomerRecord["orders"][number]>[] = [];
  for (const p of params) {
    if (p.name === "date") {
      const t = timeTest("orders_placed", p.condition, env.clock, env.now);
      tests.push((row) => t(row.at));
    } else if (p.name === "amount") {
      const t = numberTest("orders_placed", p.condition, env.catalog.currencyDigits);
      tests.push((row) => testNumber(row.amount, t));
    } else if (p.name === "location_id" || p.name === "app_id") {
      const s = setOf("orders_placed", p.condition);
      const of =
        p.name === "app_id" ? (row: CustomerRecord["orders"][number]) => row.app : (row: CustomerRecord["orders"][number]) => row.location;
      tests.push((row) => {
        const value = of(row);
        return passesSet(value === null ? [] : [value], s.accepted, s.negated);
      });
    } else if (p.name !== "sum_amount" && p.name !== "count")
      throw new UnsupportedConditionError("orders_placed", `unknown parameter ${p.name}`);
  }
  return tests;
}

function orderAggregates(params: readonly MatchParam[], digits: number): Aggregate<CustomerRecord["orders"][number]>[] {
  const out: Aggregate<CustomerRecord["orders"][number]>[] = [];
  for (const p of params) {
    if (p.name === "sum_amount") {
      const t = numberTest("orders_placed", p.condition, digits);
      out.push({ name: "sum_amount", of: (row) => row.amount, test: (s) => testNumber(s, t) });
    } else if (p.name === "count") {
      const t = numberTest("orders_placed", p.condition);
      out.push({ name: "count", of: () => 1, test: (s) => testNumber(s, t) });
    }
  }
  return out;
}

function checkoutTests(params: readonly MatchParam[], env: EvalEnv): RowTest<CustomerRecord["checkouts"][number]>[] {
  return params.map((p): RowTest<CustomerRecord["checkouts"][number]> => {
    if (p.name === "date") {
      const t = timeTest("abandoned_checkouts", p.condition, env.clock, env.now);
      return (row) => t(row.at);
    }
    if (p.name === "amount") {
      const t = numberTest("abandoned_checkouts", p.condition, env.catalog.currencyDigits);
      return (row) => testNumber(row.amount, t);
    }
    if (p.name === "recovered" && p.condition.op === "compare") {
      const want = valueText(p.condition.value) === "true";
      const eq = p.condition.operator === "=";
      return (row) => (row.recovered === want) === eq;
    }
    throw new UnsupportedConditionError("abandoned_checkouts", `unknown parameter ${p.name}`);
  });
}

function messageTests(params: readonly MatchParam[], env: EvalEnv): RowTest<CustomerRecord["messages"][number]>[] {
  return params.map((p): RowTest<CustomerRecord["messages"][number]> => {
    if (p.name === "date") {
      const t = timeTest("messages", p.condition, env.clock, env.now);
      return (row) => t(row.at);
    }
    const s = setOf("messages", p.condition);
    if (p.name === "channel") return (row) => passesSet([row.channel], s.accepted, s.negated);
    if (p.name === "event") return (row) => passesSet([row.event], s.accepted, s.negated);
    if (p.name === "campaign_id") return (row) => passesSet(row.campaignId === null ? [] : [row.campaignId], s.accepted, s.negated);
    throw new UnsupportedConditionError("messages", `unknown parameter ${p.name}`);
  });
}

function memberTests(params: readonly MatchParam[]): RowTest<string>[] {
  return params.map((p): RowTest<string> => {
    if (p.name !== "id") throw new UnsupportedConditionError("segment_member", `unknown parameter ${p.name}`);
    const s = setOf("segment_member", p.condition);
    return (id) => passesSet([id], s.accepted, s.negated);
  });
}
