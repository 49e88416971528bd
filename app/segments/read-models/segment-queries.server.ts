/**
 * What the segment pages read: the index with totals, drafts from templates, a page of
 * members with their facts, and one member's explanation. Writes go through
 * segment-service.server.ts; here only the template origin is stamped after a first save.
 */
import { LIVE_CUSTOMER } from "~/db/shop-scope.server";
import type { SegmentListRow } from "./segment-rows";
import { db as appDb, type Db } from "~/db/db.server";
import { z } from "zod";
import { forShop } from "~/db/shop-scope.server";
import type { SegmentTrace } from "../engine/evaluate";
import { shopifyIdOf } from "../engine/facts";
import { appQueue } from "~/jobs/app-queue.server";
import { factsIndexCache } from "../facts-index/facts-index.server";
import { queuedSegmentEvaluations } from "../membership/segment-evaluate-job.server";
import { customerContact, customerDisplayName, memberRows } from "../membership/member-rows.server";
import { findSegment } from "../segment-repository.server";
import { checkQuery, countQuery, explainCustomer, saveSegment, type QueryProblem, type SegmentDeps } from "../segment-service.server";
import { SegmentName, SegmentQueryText } from "../engine/segment-rules";
import { findTemplate, segmentTemplates, type SegmentTemplate, type TemplateCatalog } from "../templates";
import { shopValueWarnings } from "./value-warnings.server";
import type { ValueWarning } from "./value-warnings";

export const MEMBERS_PER_PAGE = 50;

/** Customers the shop has (the denominator of every "% of customers"). */
export function countCustomers(db: Db, shop: string): Promise<number> {
  return forShop(db, shop).customer.count({ where: LIVE_CUSTOMER });
}

/** The segments index: rows (newest change first), all customers, and the templates to start from. */
export async function listSegmentsOverview(
  db: Db,
  shop: string,
): Promise<{ rows: SegmentListRow[]; totalCustomers: number; templates: SegmentTemplate[] }> {
  const [rows, totalCustomers, catalog] = await Promise.all([
    forShop(db, shop).segment.findMany({
      where: { deletedAt: null },
      select: { id: true, name: true, kind: true, memberCount: true, evaluatingSince: true, updatedAt: true, origin: true },
      orderBy: { updatedAt: "desc" },
    }),
    countCustomers(db, shop),
    templateCatalog(db, shop),
  ]);
  return { rows, totalCustomers, templates: segmentTemplates(catalog) };
}

/** The first product and collection of the shop, so id-based templates start out valid. */
export async function templateCatalog(db: Db, shop: string): Promise<TemplateCatalog> {
  const scoped = forShop(db, shop);
  const [product, collection] = await Promise.all([
    scoped.product.findFirst({ where: { deletedAt: null }, select: { gid: true }, orderBy: { id: "asc" } }),
    scoped.collection.findFirst({ where: { deletedAt: null }, select: { gid: true }, orderBy: { id: "asc" } }),
  ]);
  return { productId: product ? shopifyIdOf(product.gid) : undefined, collectionId: collection ? shopifyIdOf(collection.gid) : undefined };
}

/** A new segment's starting text: the template's, or empty for a custom segment. */
export async function newSegmentDraft(db: Db, shop: string, templateKey: string | undefined) {
  const [catalog, totalCustomers] = await Promise.all([templateCatalog(db, shop), countCustomers(db, shop)]);
  const template = templateKey ? findTemplate(templateKey, catalog) : undefined;
  return { name: template?.name ?? "", query: template?.query ?? "", origin: template?.key ?? null, totalCustomers };
}

/**
 * The live count behind the editor, with the shop's total for the percentage. The total comes
 * from the facts index the count just used (a COUNT over the customer table cost ~160 ms per
 * keystroke at 100k customers).
 */
export async function countQueryWithTotal(
  deps: SegmentDeps,
  shop: string,
  text: string,
  now: Date,
): Promise<{ ok: true; count: number; total: number; warnings: ValueWarning[] } | QueryProblem> {
  const result = await countQuery(deps, shop, text, now);
  if (!result.ok) return result;
  const checked = checkQuery(text);
  const warnings = checked.ok ? await shopValueWarnings(deps, shop, checked.tree) : [];
  const index = deps.index.peek(shop);
  return { ...result, total: index ? index.liveCount() : await countCustomers(deps.db, shop), warnings };
}

/** saveSegment, then the template key on a new segment (the index shows where it came from). */
export async function saveSegmentFromEditor(
  deps: SegmentDeps,
  shop: string,
  input: { id?: string; name: string; query: string; origin?: string },
  now: Date,
) {
  const result = await saveSegment(deps, shop, input, now);
  if (result.ok && !input.id && input.origin && findTemplate(input.origin)) {
    await forShop(deps.db, shop).segment.updateMany({ where: { id: result.segment.id }, data: { origin: input.origin } });
  }
  return result;
}

/** A segment with one page of its members (by customer id, so pages are stable), or null when not in the shop. */
export async function segmentWithMembers(db: Db, shop: string, segmentId: string, page: number) {
  const segment = await findSegment(db, shop, segmentId);
  if (!segment) return null;
  const scoped = forShop(db, shop);
  const [memberships, totalCustomers] = await Promise.all([
    scoped.segmentMembership.findMany({
      where: { segmentId },
      select: { customerId: true },
      orderBy: { customerId: "asc" },
      skip: (page - 1) * MEMBERS_PER_PAGE,
      take: MEMBERS_PER_PAGE + 1,
    }),
    countCustomers(db, shop),
  ]);
  const { rows: members } = await memberRows(
    db,
    shop,
    memberships.slice(0, MEMBERS_PER_PAGE).map((m) => m.customerId),
  );
  return { segment, members, page, hasNext: memberships.length > MEMBERS_PER_PAGE, totalCustomers };
}

/** The shop's IANA time zone, in which explanations show instants ("UTC" for a shop not stored). */
export async function shopTimeZone(db: Db, shop: string): Promise<string> {
  return (await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } }))?.ianaTimezone ?? "UTC";
}

/** One member's explanation with the names the page shows, or null when segment or customer is unknown. */
export async function explainMember(deps: SegmentDeps, shop: string, segmentId: string, customerId: number, now: Date) {
  const [segment, customer, timeZone] = await Promise.all([
    findSegment(deps.db, shop, segmentId),
    forShop(deps.db, shop).customer.findFirst({
      where: { id: customerId, ...LIVE_CUSTOMER },
      select: { id: true, firstName: true, lastName: true, email: true, phone: true },
    }),
    shopTimeZone(deps.db, shop),
  ]);
  if (!segment || !customer) return null;
  const explained = await explainCustomer(deps, shop, customerId, segmentId, now);
  const result: { ok: true; query: string; trace: SegmentTrace } | { ok: false; message: string } = explained.ok
    ? explained
    : { ok: false, message: explained.message };
  return {
    segment: { id: segment.id, name: segment.name },
    customer: { id: customer.id, name: customerDisplayName(customer), contact: customerContact(customer) },
    result,
    timeZone,
  };
}

/** The app's segment dependencies: the process-wide database, facts index and job queue. */
export function segmentDeps(): SegmentDeps {
  return { db: appDb(), index: factsIndexCache(), evaluations: queuedSegmentEvaluations(appQueue) };
}

/** The editor's form fields. */
export const SegmentForm = z.object({
  name: SegmentName,
  query: SegmentQueryText.refine((q) => q.trim() !== "", "Query is empty"),
  origin: z.string().max(100).optional(),
});

/** A refused save as the editor shows it: the message, on the field it is about. */
export type SaveProblem = {
  ok: false;
  field?: "name" | "query";
  message: string;
  line?: number;
  column?: number;
  reason?: string;
  filters?: string[];
};

/** The first problem of a refused form, naming its field. */
export function formProblem(error: z.ZodError): SaveProblem {
  const issue = error.issues[0];
  const field = issue?.path[0];
  return {
    ok: false,
    ...(field === "name" || field === "query" ? { field } : {}),
    message: issue?.message ?? "The form could not be read",
  };
}

/** A save the service refused: the query's problem (shown on the query), or the segment is gone. */
export function saveProblem(result: QueryProblem | { ok: false; reason: "not_found"; message: string }): {
  status: number;
  problem: SaveProblem;
} {
  return result.reason === "not_found" ? { status: 404, problem: result } : { status: 400, problem: { ...result, field: "query" } };
}
