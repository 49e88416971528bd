// One Admin GraphQL request, answered the way Shopify answers it: validation errors without
// data, MAX_COST_EXCEEDED above 1,000 points, THROTTLED when the leaky bucket is short, and
// otherwise data plus `extensions.cost` (and `extensions.search` warnings for unknown search
// fields). Field values come from the store views; a non-null field the stand-in does not
// implement fails with an error naming it instead of returning invented data.
import {
  execute,
  type ExecutionResult,
  getOperationAST,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isNonNullType,
  responsePathAsArray,
} from "graphql";
import type { BulkOperations } from "./bulk-operations.server";
import { updateConsent, type ConsentWebhooks } from "./consent-mutations";
import { customerCreatedWebhook } from "./customer-create";
import { discountCodesOf } from "./discount-mutations";
import { ConnectionSource, type ConnectionArgs } from "./connection";
import { type LeakyBucket, queryCost, SINGLE_QUERY_MAX_COST } from "./cost";
import type { SearchWarning } from "./search-query";
import type { StoreViews } from "./store-views";
import { parseAdminDocument } from "./validate";

export interface AdminRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface AdminExecutor {
  schema: GraphQLSchema;
  views: StoreViews;
  bulk: BulkOperations;
  bucket: LeakyBucket;
  consentWebhooks: ConsentWebhooks;
}

interface RequestContext {
  executor: AdminExecutor;
  search: { path: (string | number)[]; query: string; warnings: SearchWarning[] }[];
}

const DOCS = "https://shopify.dev/api/usage/rate-limits";

export async function executeAdminRequest(executor: AdminExecutor, request: AdminRequest): Promise<Record<string, unknown>> {
  const { schema, bucket } = executor;
  if (typeof request.query !== "string") return { errors: [{ message: "Required parameter missing or invalid: query" }] };
  const variables = (request.variables && typeof request.variables === "object" ? request.variables : {}) as Record<string, unknown>;
  const operationName = typeof request.operationName === "string" ? request.operationName : undefined;
  const parsed = parseAdminDocument(schema, request.query);
  if ("errors" in parsed) return { errors: parsed.errors.map((e) => e.toJSON()) };
  const operation = getOperationAST(parsed.document, operationName);
  if (!operation)
    return {
      errors: [
        {
          message: operationName
            ? `No operation named "${operationName}"`
            : "An operation name is required when the document has several operations",
        },
      ],
    };

  const requested = queryCost(schema, parsed.document, operation, variables);
  if (requested > SINGLE_QUERY_MAX_COST) {
    return {
      errors: [
        {
          message: `Query cost is ${requested}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).\n\nSee ${DOCS} for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n`,
          extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: SINGLE_QUERY_MAX_COST, documentation: DOCS },
        },
      ],
    };
  }
  if (!bucket.take(requested)) {
    // https://shopify.dev/docs/api/usage/limits#rate-limits — HTTP 200, no data, actualQueryCost null.
    return {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: DOCS } }],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
    };
  }
  const context: RequestContext = { executor, search: [] };
  const result = (await execute({
    schema,
    document: parsed.document,
    variableValues: variables,
    operationName,
    contextValue: context,
    fieldResolver: resolveField,
  })) as ExecutionResult;
  const actual = Math.min(requested, queryCost(schema, parsed.document, operation, variables, result.data ?? null));
  bucket.refund(requested - actual);
  const extensions: Record<string, unknown> = {
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() },
  };
  if (context.search.length > 0) extensions.search = context.search;
  return { ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}), data: result.data ?? null, extensions };
}

type Args = Record<string, unknown>;
type RootResolver = (args: Args, ctx: RequestContext) => unknown;

const connectionRoot =
  (pick: (e: AdminExecutor) => ConnectionSource<unknown>): RootResolver =>
  (_args, ctx) =>
    pick(ctx.executor);
const nodeOf = (ctx: RequestContext, id: unknown, typename?: string): object | null => {
  if (typeof id !== "string") return null;
  const found = ctx.executor.views.node(id) ?? ctx.executor.bulk.view(id);
  return found && (!typename || (found as { __typename?: string }).__typename === typename) ? found : null;
};

const counted =
  (pick: (e: AdminExecutor) => ConnectionSource<unknown>): RootResolver =>
  (args, ctx) =>
    pick(ctx.executor).count(typeof args.query === "string" ? args.query : null, args.limit === null ? null : Number(args.limit ?? 10_000));

const QUERY_ROOT: Record<string, RootResolver> = {
  shop: (_a, ctx) => ctx.executor.views.shop(),
  customers: connectionRoot((e) => e.views.customers() as ConnectionSource<unknown>),
  orders: connectionRoot((e) => e.views.orders() as ConnectionSource<unknown>),
  products: connectionRoot((e) => e.views.products() as ConnectionSource<unknown>),
  collections: connectionRoot((e) => e.views.collections() as ConnectionSource<unknown>),
  abandonedCheckouts: connectionRoot((e) => e.views.abandonedCheckouts() as ConnectionSource<unknown>),
  bulkOperations: connectionRoot((e) => e.bulk.connection() as ConnectionSource<unknown>),
  customersCount: counted((e) => e.views.customers() as ConnectionSource<unknown>),
  ordersCount: counted((e) => e.views.orders() as ConnectionSource<unknown>),
  productsCount: counted((e) => e.views.products() as ConnectionSource<unknown>),
  collectionsCount: counted((e) => e.views.collections() as ConnectionSource<unknown>),
  abandonedCheckoutsCount: counted((e) => e.views.abandonedCheckouts() as ConnectionSource<unknown>),
  node: (a, ctx) => nodeOf(ctx, a.id),
  nodes: (a, ctx) => (Array.isArray(a.ids) ? a.ids.map((id) => nodeOf(ctx, id)) : []),
  customer: (a, ctx) => nodeOf(ctx, a.id, "Customer"),
  order: (a, ctx) => nodeOf(ctx, a.id, "Order"),
  product: (a, ctx) => nodeOf(ctx, a.id, "Product"),
  collection: (a, ctx) => nodeOf(ctx, a.id, "Collection"),
  bulkOperation: (a, ctx) => (typeof a.id === "string" ? ctx.executor.bulk.view(a.id) : null),
  codeDiscountNodeByCode: (a, ctx) => discounts(ctx).byCode(a),
};

const discounts = (ctx: RequestContext) => discountCodesOf(ctx.executor, ctx.executor.consentWebhooks.now);

const MUTATION_ROOT: Record<string, RootResolver> = {
  discountCodeBasicCreate: (a, ctx) => discounts(ctx).create(ctx.executor.views, a),
  discountCodeDeactivate: (a, ctx) => discounts(ctx).deactivate(a),
  bulkOperationRunQuery: (a, ctx) => ctx.executor.bulk.runQuery(String(a.query), a.groupObjects === true),
  bulkOperationCancel: (a, ctx) => ctx.executor.bulk.cancel(String(a.id)),
  customerSmsMarketingConsentUpdate: (a, ctx) => updateConsent(ctx.executor.views, ctx.executor.consentWebhooks, "SMS", a),
  customerEmailMarketingConsentUpdate: (a, ctx) => updateConsent(ctx.executor.views, ctx.executor.consentWebhooks, "EMAIL", a),
  customerCreate: (a, ctx) => {
    const result = ctx.executor.views.createCustomer(a, ctx.executor.consentWebhooks.now());
    // Shopify tells the app about every new customer, the app's own included.
    if (result.created) ctx.executor.consentWebhooks.deliver("customers/create", customerCreatedWebhook(result.created));
    return result;
  },
};

const resolveField: GraphQLFieldResolver<unknown, RequestContext, Args> = (source, args, ctx, info) => {
  const parent = info.parentType.name;
  const field = info.fieldName;
  let value: unknown;
  if (parent === "QueryRoot" || parent === "Mutation") {
    const root = (parent === "QueryRoot" ? QUERY_ROOT : MUTATION_ROOT)[field];
    // A mutation that does nothing would look like success: refuse what is not implemented.
    if (!root && parent === "Mutation") throw new Error(`Admin stand-in does not implement mutation ${field}`);
    value = root ? root(args, ctx) : undefined;
  } else {
    value = (source as Record<string, unknown> | null)?.[field];
  }
  if (value instanceof ConnectionSource) {
    return value.page(args as ConnectionArgs, (warnings) => {
      ctx.search.push({ path: responsePathAsArray(info.path), query: String(args.query ?? ""), warnings });
    });
  }
  if (value === undefined) {
    if (isNonNullType(info.returnType)) throw new Error(`Admin stand-in does not implement non-null field ${parent}.${field}`);
    return null;
  }
  return value;
};
