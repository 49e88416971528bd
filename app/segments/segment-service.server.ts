/**
 * Segments as the app uses them: save (refusing filters Flock cannot evaluate),
 * count, materialise memberships with entered/exited events, re-evaluate the
 * customers whose facts changed, re-run rules with relative dates on a timer,
 * and explain why a customer is in or out.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "~/db/db.server";
import { Bitset } from "./engine/bitset";
import type { SegmentTrace } from "./engine/evaluate";
import type { FactsIndexCache } from "./facts-index/facts-index.server";
import { parseSegmentQuery } from "./query-language/parser";
import { printSegmentQuery } from "./query-language/printer";
import type { SegmentQuery } from "./query-language/tree";
import { unsupportedFilterMessage, unsupportedFilters } from "./query-language/unsupported";
import {
  applyMembershipDiff,
  applyMembershipDiffs,
  findSegment,
  insertSegment,
  listSegments,
  memberIds,
  membersAmong,
  updateSegmentDefinition,
  type SegmentRow,
} from "./segment-repository.server";
import { dependencyOrder, referencedSegments, usesOrders, usesRelativeDates } from "./engine/segment-rules";
import type { ShopIndex } from "./engine/shop-index";
import type { ListEntry } from "./static-lists/static-list";
import { findCustomersByContact } from "./static-lists/static-list.server";

export interface SegmentDeps {
  db: Db;
  index: FactsIndexCache;
  /** Finishes a save's evaluation if this process dies first (the app: a job; tests may omit it). */
  evaluations?: SegmentEvaluations;
}

/** The safety net behind a save (segment-evaluate-job.server.ts). */
export interface SegmentEvaluations {
  /** A job due at `runAt` evaluates the segment if it is still marked evaluating then. */
  schedule(shop: string, segmentId: string, runAt: Date): Promise<void>;
  /** The save evaluated it itself: the job is not needed. */
  done(shop: string, segmentId: string): Promise<void>;
}

/**
 * How long the save has to evaluate before the job takes over. The job must not run while the
 * save is still evaluating (two diffs against the same members would insert them twice).
 */
export const EVALUATION_GRACE_MS = 2 * 60_000;

export type QueryProblem =
  | { ok: false; reason: "parse_error"; message: string; line: number; column: number }
  | { ok: false; reason: "unsupported_filter"; message: string; filters: string[] };

/** Parses a query and refuses filters Flock cannot evaluate, naming them. */
export function checkQuery(text: string): { ok: true; tree: SegmentQuery } | QueryProblem {
  const parsed = parseSegmentQuery(text);
  if (!parsed.ok)
    return { ok: false, reason: "parse_error", message: parsed.error.message, line: parsed.error.line, column: parsed.error.column };
  const message = unsupportedFilterMessage(parsed.tree);
  if (message !== undefined)
    return { ok: false, reason: "unsupported_filter", message, filters: unsupportedFilters(parsed.tree).map((f) => f.filter) };
  return { ok: true, tree: parsed.tree };
}

function indexFor(deps: SegmentDeps, shop: string, tree: SegmentQuery): Promise<ShopIndex> {
  return deps.index.get(shop, { withOrders: usesOrders(tree) });
}

/** How many customers match a query now. */
export async function countQuery(
  deps: SegmentDeps,
  shop: string,
  text: string,
  now: Date,
): Promise<{ ok: true; count: number } | QueryProblem> {
  const checked = checkQuery(text);
  if (!checked.ok) return checked;
  const index = await indexFor(deps, shop, checked.tree);
  return { ok: true, count: index.evaluate(checked.tree, now).count() };
}

/** Saves a dynamic segment (new, or a new definition for `id`) and materialises its members. */
export async function saveSegment(
  deps: SegmentDeps,
  shop: string,
  input: { id?: string; name: string; query: string },
  now: Date,
): Promise<{ ok: true; segment: SegmentRow } | QueryProblem | { ok: false; reason: "not_found"; message: string }> {
  const checked = checkQuery(input.query);
  if (!checked.ok) return checked;
  const query = printSegmentQuery(checked.tree);
  // The definition is stored marked "evaluating" and its members follow; the job is queued
  // first (with the id chosen here for a new segment), so a process killed anywhere in between
  // leaves a segment that says "Evaluating…" and a job that finishes it, never "0 members".
  const id = input.id ?? randomUUID();
  await deps.evaluations?.schedule(shop, id, new Date(now.getTime() + EVALUATION_GRACE_MS));
  const saved = input.id
    ? await updateSegmentDefinition(deps.db, shop, input.id, { name: input.name, query, evaluatingSince: now })
    : await insertSegment(deps.db, shop, { id, name: input.name, kind: "DYNAMIC", query, evaluatingSince: now });
  if (!saved) {
    await deps.evaluations?.done(shop, id);
    return { ok: false, reason: "not_found", message: `Segment ${input.id ?? ""} not found in ${shop}` };
  }
  await refreshSegment(deps, shop, saved, now);
  await deps.evaluations?.done(shop, id);
  return { ok: true, segment: (await findSegment(deps.db, shop, saved.id)) ?? saved };
}

/** The job's side of a save: evaluates the segment if it is still marked evaluating. */
export async function finishPendingEvaluation(deps: SegmentDeps, shop: string, segmentId: string, now: Date): Promise<boolean> {
  const segment = await findSegment(deps.db, shop, segmentId);
  if (!segment?.evaluatingSince) return false;
  await refreshSegment(deps, shop, segment, now);
  return true;
}

/** Evaluates a whole segment and writes the difference with its stored members. */
export async function refreshSegment(
  deps: SegmentDeps,
  shop: string,
  segment: SegmentRow,
  now: Date,
): Promise<{ entered: number; exited: number }> {
  if (segment.kind !== "DYNAMIC" || segment.query === null) return { entered: 0, exited: 0 };
  const checked = checkQuery(segment.query);
  if (!checked.ok) throw new Error(`Segment ${segment.id} has a query Flock cannot evaluate: ${checked.message}`);
  return refreshSegmentOn(deps, shop, await indexFor(deps, shop, checked.tree), segment, checked.tree, now);
}

/**
 * Evaluates a segment over the index and writes the difference with its stored members: the
 * members this index holds when they are what the database holds (same membersVersion), else
 * the members read back from the database.
 */
async function refreshSegmentOn(
  deps: SegmentDeps,
  shop: string,
  index: ShopIndex,
  segment: SegmentRow,
  tree: SegmentQuery,
  now: Date,
): Promise<{ entered: number; exited: number }> {
  const bits = index.evaluate(tree, now);
  const held = index.storedMembers(segment.id, segment.membersVersion);
  const entered: number[] = [];
  const exited: number[] = [];
  const size = bits.count();
  if (held) {
    // Only the positions that differ: a steady segment costs one pass over two bitsets.
    const words = Math.max(bits.words.length, held.words.length);
    for (let w = 0; w < words; w++) {
      const is = bits.words[w] ?? 0;
      let changed = (is ^ (held.words[w] ?? 0)) >>> 0;
      while (changed !== 0) {
        const bit = 31 - Math.clz32(changed & -changed);
        changed = (changed & (changed - 1)) >>> 0;
        const id = index.customerIdAt(w * 32 + bit);
        if ((is >>> bit) & 1) entered.push(id);
        else exited.push(id);
      }
    }
  } else {
    const before = new Set(await memberIds(deps.db, shop, segment.id));
    const after = new Set<number>();
    for (const p of bits.toArray()) {
      const id = index.customerIdAt(p);
      after.add(id);
      if (!before.has(id)) entered.push(id);
    }
    for (const id of before) if (!after.has(id)) exited.push(id);
  }
  index.markStored(segment.id, undefined);
  const written = await applyMembershipDiff(deps.db, shop, segment.id, { entered, exited }, now, size, segment.query ?? undefined);
  index.setMembers(segment.id, bits);
  index.advanceStored(segment.id, segment.membersVersion, written.membersVersion);
  return { entered: entered.length, exited: exited.length };
}

async function dynamicSegmentsInOrder(deps: SegmentDeps, shop: string): Promise<{ segment: SegmentRow; tree: SegmentQuery }[]> {
  const items: { id: string; refs: string[]; segment: SegmentRow; tree: SegmentQuery }[] = [];
  for (const segment of await listSegments(deps.db, shop, "DYNAMIC")) {
    const checked = segment.query === null ? undefined : checkQuery(segment.query);
    if (!checked?.ok) continue;
    items.push({ id: segment.id, refs: referencedSegments(checked.tree), segment, tree: checked.tree });
  }
  return dependencyOrder(items);
}

/**
 * Re-evaluates every dynamic segment of the shop (after a bulk import or a reconciliation): the
 * index is caught up once, then each segment is evaluated over it in dependency order.
 */
export async function refreshAllSegments(deps: SegmentDeps, shop: string, now: Date): Promise<number> {
  const segments = await dynamicSegmentsInOrder(deps, shop);
  if (segments.length === 0) return 0;
  const index = await deps.index.get(shop, { withOrders: segments.some(({ tree }) => usesOrders(tree)) });
  for (const { segment, tree } of segments) await refreshSegmentOn(deps, shop, index, segment, tree, now);
  return segments.length;
}

/** The timer: re-evaluates every segment whose rule has relative dates (e.g. `> -30d`). */
export async function refreshTimeBasedSegments(deps: SegmentDeps, shop: string, now: Date): Promise<number> {
  const due = (await dynamicSegmentsInOrder(deps, shop)).filter(
    ({ tree }) => usesRelativeDates(tree) || referencedSegments(tree).length > 0,
  );
  if (due.length === 0) return 0;
  // One catch-up for the whole timer round.
  const index = await deps.index.get(shop, { withOrders: due.some(({ tree }) => usesOrders(tree)) });
  for (const { segment, tree } of due) await refreshSegmentOn(deps, shop, index, segment, tree, now);
  return due.length;
}

/**
 * Re-evaluates every dynamic segment for customers whose facts changed (called
 * after their orders, checkouts, consent or messages were applied).
 */
export async function refreshCustomers(
  deps: SegmentDeps,
  shop: string,
  customerIds: readonly number[],
  now: Date,
): Promise<{ entered: number; exited: number }> {
  if (customerIds.length === 0) return { entered: 0, exited: 0 };
  const segments = await dynamicSegmentsInOrder(deps, shop);
  // A shop without segments never needs its facts index in memory.
  if (segments.length === 0) return { entered: 0, exited: 0 };
  // One catch-up for all the segments: it re-reads these customers with their stored memberships,
  // which the evaluation below diffs against (no membership query per segment).
  const withOrders = segments.some(({ tree }) => usesOrders(tree));
  await deps.index.refreshCustomers(shop, customerIds, { withOrders });
  const index = deps.index.peek(shop) ?? (await deps.index.get(shop, { withOrders }));
  const rules = segments.map(({ segment, tree }) => ({ id: segment.id, tree }));
  const diffs = new Map(rules.map(({ id }) => [id, { entered: [] as number[], exited: [] as number[] }]));
  // The members held here stop counting as stored until the write below succeeds.
  const storedBefore = new Map(rules.map(({ id }) => [id, index.storedVersion(id)]));
  for (const { id } of rules) index.markStored(id, undefined);
  for (const id of new Set(customerIds)) {
    const p = index.positionOf(id);
    if (p === undefined) continue;
    const before = rules.map((r) => index.isMember(r.id, p));
    // Each customer's record is read once and run through every segment, in dependency order.
    index.matchMany(rules, p, now).forEach((inNow, k) => {
      if (inNow === before[k]) return;
      const diff = diffs.get(rules[k]?.id ?? "");
      (inNow ? diff?.entered : diff?.exited)?.push(id);
    });
  }
  const written = await applyMembershipDiffs(deps.db, shop, diffs, now);
  let entered = 0;
  let exited = 0;
  for (const { id } of rules) {
    const write = written.get(id);
    if (!write) {
      index.markStored(id, storedBefore.get(id));
      continue;
    }
    index.advanceStored(id, storedBefore.get(id), write.membersVersion);
    entered += write.entered.length;
    exited += write.exited.length;
  }
  return { entered, exited };
}

export interface StaticImportReport {
  segment: SegmentRow;
  matched: { row: number; value: string; customerId: number }[];
  unmatched: { row: number; value: string }[];
  invalid: { row: number; text: string; reason: string }[];
}

/** Creates a static segment from the contacts of a CSV (see readContactList). */
export async function importStaticSegment(
  deps: SegmentDeps,
  shop: string,
  input: { name: string; entries: readonly ListEntry[] },
  now: Date,
): Promise<StaticImportReport> {
  const { entries } = input;
  const emails = entries.flatMap((e) => (e.kind === "email" ? [e.value] : []));
  const phones = entries.flatMap((e) => (e.kind === "phone" ? [e.value] : []));
  const { byEmail, byPhone } = await findCustomersByContact(deps.db, shop, emails, phones);
  const report: Omit<StaticImportReport, "segment"> = { matched: [], unmatched: [], invalid: [] };
  for (const e of entries) {
    if (e.kind === "invalid") {
      report.invalid.push({ row: e.row, text: e.text, reason: e.reason });
      continue;
    }
    const customerId = (e.kind === "email" ? byEmail : byPhone).get(e.value);
    if (customerId === undefined) report.unmatched.push({ row: e.row, value: e.value });
    else report.matched.push({ row: e.row, value: e.value, customerId });
  }
  const segment = await insertSegment(deps.db, shop, { name: input.name, kind: "STATIC", query: null });
  const members = [...new Set(report.matched.map((m) => m.customerId))];
  await applyMembershipDiff(deps.db, shop, segment.id, { entered: members, exited: [] }, now, members.length);
  const index = deps.index.peek(shop);
  if (index) {
    const bits = new Bitset(index.size);
    for (const id of members) {
      const p = index.positionOf(id);
      if (p !== undefined) bits.add(p);
    }
    index.setMembers(segment.id, bits);
  }
  return { segment: (await findSegment(deps.db, shop, segment.id)) ?? segment, ...report };
}

/** Why a customer is in or out: a saved segment's id or a query text. */
export async function explainCustomer(
  deps: SegmentDeps,
  shop: string,
  customerId: number,
  segmentIdOrQuery: string,
  now: Date,
): Promise<{ ok: true; query: string; trace: SegmentTrace } | QueryProblem | { ok: false; reason: "not_found"; message: string }> {
  const segment = await findSegment(deps.db, shop, segmentIdOrQuery);
  if (segment && segment.kind === "STATIC") {
    const member = (await membersAmong(deps.db, shop, segment.id, [customerId])).has(customerId);
    return {
      ok: true,
      query: `(static list ${segment.name})`,
      trace: { type: "clause", filter: "static_list", query: segment.name, result: member, facts: { member } },
    };
  }
  const checked = checkQuery(segment?.query ?? segmentIdOrQuery);
  if (!checked.ok) return checked;
  const index = await indexFor(deps, shop, checked.tree);
  const p = index.positionOf(customerId);
  if (p === undefined || !index.isLive(p))
    return { ok: false, reason: "not_found", message: `Customer ${customerId} not found in ${shop}` };
  return { ok: true, query: printSegmentQuery(checked.tree), trace: index.explain(checked.tree, p, now) };
}
