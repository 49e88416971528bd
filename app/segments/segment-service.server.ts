/**
 * Segments as the app uses them: save (refusing filters Flock cannot evaluate),
 * count, materialise memberships with entered/exited events, re-evaluate the
 * customers whose facts changed, re-run rules with relative dates on a timer,
 * and explain why a customer is in or out.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "~/db.server";
import { Bitset } from "./bitset";
import type { SegmentTrace } from "./evaluate";
import type { FactsIndexCache } from "./facts-index.server";
import { parseSegmentQuery } from "./query-language/parser";
import { printSegmentQuery } from "./query-language/printer";
import type { SegmentQuery } from "./query-language/tree";
import { unsupportedFilterMessage, unsupportedFilters } from "./query-language/unsupported";
import { applyMembershipDiff, findSegment, insertSegment, listSegments, memberIds, membersAmong, updateSegmentDefinition, type SegmentRow } from "./segment-repository.server";
import { dependencyOrder, referencedSegments, usesOrders, usesRelativeDates } from "./segment-rules";
import type { ShopIndex } from "./shop-index";
import type { ListEntry } from "./static-list";
import { findCustomersByContact } from "./static-list.server";

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
  if (!parsed.ok) return { ok: false, reason: "parse_error", message: parsed.error.message, line: parsed.error.line, column: parsed.error.column };
  const message = unsupportedFilterMessage(parsed.tree);
  if (message !== undefined) return { ok: false, reason: "unsupported_filter", message, filters: unsupportedFilters(parsed.tree).map((f) => f.filter) };
  return { ok: true, tree: parsed.tree };
}

function indexFor(deps: SegmentDeps, shop: string, tree: SegmentQuery): Promise<ShopIndex> {
  return deps.index.get(shop, { withOrders: usesOrders(tree) });
}

/** How many customers match a query now. */
export async function countQuery(deps: SegmentDeps, shop: string, text: string, now: Date): Promise<{ ok: true; count: number } | QueryProblem> {
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
export async function refreshSegment(deps: SegmentDeps, shop: string, segment: SegmentRow, now: Date): Promise<{ entered: number; exited: number }> {
  if (segment.kind !== "DYNAMIC" || segment.query === null) return { entered: 0, exited: 0 };
  const checked = checkQuery(segment.query);
  if (!checked.ok) throw new Error(`Segment ${segment.id} has a query Flock cannot evaluate: ${checked.message}`);
  const index = await indexFor(deps, shop, checked.tree);
  const bits = index.evaluate(checked.tree, now);
  const before = new Set(await memberIds(deps.db, shop, segment.id));
  const entered: number[] = [];
  const after = new Set<number>();
  for (const p of bits.toArray()) {
    const id = index.customerIdAt(p);
    after.add(id);
    if (!before.has(id)) entered.push(id);
  }
  const exited = [...before].filter((id) => !after.has(id));
  await applyMembershipDiff(deps.db, shop, segment.id, { entered, exited }, now, after.size, segment.query);
  index.setMembers(segment.id, bits);
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

/** Re-evaluates every dynamic segment of the shop (after a bulk import or a reconciliation). */
export async function refreshAllSegments(deps: SegmentDeps, shop: string, now: Date): Promise<number> {
  const segments = await dynamicSegmentsInOrder(deps, shop);
  for (const { segment } of segments) await refreshSegment(deps, shop, segment, now);
  return segments.length;
}

/** The timer: re-evaluates every segment whose rule has relative dates (e.g. `> -30d`). */
export async function refreshTimeBasedSegments(deps: SegmentDeps, shop: string, now: Date): Promise<number> {
  let refreshed = 0;
  for (const { segment, tree } of await dynamicSegmentsInOrder(deps, shop)) {
    if (!usesRelativeDates(tree) && !referencedSegments(tree).length) continue;
    await refreshSegment(deps, shop, segment, now);
    refreshed++;
  }
  return refreshed;
}

/**
 * Re-evaluates every dynamic segment for customers whose facts changed (called
 * after their orders, checkouts, consent or messages were applied).
 */
export async function refreshCustomers(deps: SegmentDeps, shop: string, customerIds: readonly number[], now: Date): Promise<{ entered: number; exited: number }> {
  if (customerIds.length === 0) return { entered: 0, exited: 0 };
  const segments = await dynamicSegmentsInOrder(deps, shop);
  // A shop without segments never needs its facts index in memory.
  if (segments.length === 0) return { entered: 0, exited: 0 };
  // One catch-up for all the segments (each `indexFor` would catch up again).
  await deps.index.refreshCustomers(shop, customerIds, { withOrders: segments.some(({ tree }) => usesOrders(tree)) });
  let entered = 0;
  let exited = 0;
  for (const { segment, tree } of segments) {
    const index = deps.index.peek(shop) ?? (await indexFor(deps, shop, tree));
    const current = await membersAmong(deps.db, shop, segment.id, customerIds);
    const diff = { entered: [] as number[], exited: [] as number[] };
    for (const id of customerIds) {
      const p = index.positionOf(id);
      const inNow = p !== undefined && index.matches(tree, p, now);
      if (inNow && !current.has(id)) diff.entered.push(id);
      if (!inNow && current.has(id)) diff.exited.push(id);
      if (p !== undefined) index.setMembership(segment.id, p, inNow);
    }
    if (diff.entered.length + diff.exited.length === 0) continue;
    await applyMembershipDiff(deps.db, shop, segment.id, diff, now);
    entered += diff.entered.length;
    exited += diff.exited.length;
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
export async function importStaticSegment(deps: SegmentDeps, shop: string, input: { name: string; entries: readonly ListEntry[] }, now: Date): Promise<StaticImportReport> {
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
    return { ok: true, query: `(static list ${segment.name})`, trace: { type: "clause", filter: "static_list", query: segment.name, result: member, facts: { member } } };
  }
  const checked = checkQuery(segment?.query ?? segmentIdOrQuery);
  if (!checked.ok) return checked;
  const index = await indexFor(deps, shop, checked.tree);
  const p = index.positionOf(customerId);
  if (p === undefined || !index.isLive(p)) return { ok: false, reason: "not_found", message: `Customer ${customerId} not found in ${shop}` };
  return { ok: true, query: printSegmentQuery(checked.tree), trace: index.explain(checked.tree, p, now) };
}
