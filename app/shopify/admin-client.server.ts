// The Admin GraphQL client: cost-aware throttling, retries with backoff, `userErrors` as
// typed errors and cursor pagination, over whatever `graphql` function it is given (the
// `admin.graphql` of shopify-app-remix, or createFetchGraphql for the sandbox). STYLE: pass
// the Admin client in.
//
// Throttling follows the calculated query cost model: each answer reports
// `extensions.cost.throttleStatus` (bucket size, what is left, restore rate per second) and
// the request's cost; before the next request the client waits until the bucket has refilled
// enough. https://shopify.dev/docs/api/usage/limits#graphql-admin-api-rate-limits
import { AdminGraphqlError, AdminRetriesExhaustedError, AdminUserErrorsError, type AdminUserError } from "./admin-errors";

/** The shape of shopify-app-remix's `admin.graphql`. */
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface AdminClientOptions {
  maxAttempts?: number;
  /** First backoff for 5xx / network failures; doubles per attempt. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface AdminClient {
  /** Runs a query or mutation; returns `data`. Throws AdminGraphqlError on top-level errors. */
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Runs a mutation and throws AdminUserErrorsError when `data[field].userErrors` is not empty. */
  mutate<T extends { userErrors: readonly AdminUserError[] }>(query: string, variables: Record<string, unknown>, field: string): Promise<T>;
  /** Follows `pageInfo.endCursor` (`$after`) until the last page. */
  paginate<T>(query: string, variables: Record<string, unknown>, connection: (data: unknown) => Connection<T>): AsyncGenerator<T>;
  /** The last throttle status Shopify reported. */
  readonly throttle: ThrottleStatus | null;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface GraphqlBody {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: string } }[];
  extensions?: { cost?: { requestedQueryCost?: number; actualQueryCost?: number; throttleStatus?: ThrottleStatus } };
}

export function createAdminClient(graphql: AdminGraphql, options: AdminClientOptions = {}): AdminClient {
  const maxAttempts = options.maxAttempts ?? 6;
  const baseDelay = options.baseDelayMs ?? 500;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  let throttle: ThrottleStatus | null = null;
  let throttleAt = 0;
  const costs = new Map<string, number>();

  /** Waits until the bucket holds `cost` points, as estimated from the last throttle status. */
  const waitForBudget = async (cost: number) => {
    if (!throttle || throttle.restoreRate <= 0) return;
    const elapsed = (now() - throttleAt) / 1000;
    const available = Math.min(throttle.maximumAvailable, throttle.currentlyAvailable + elapsed * throttle.restoreRate);
    const needed = Math.min(cost, throttle.maximumAvailable);
    if (available < needed) await sleep(Math.ceil(((needed - available) / throttle.restoreRate) * 1000));
  };

  const attempt = async (query: string, variables?: Record<string, unknown>): Promise<GraphqlBody> => {
    let response: Response;
    try {
      response = await graphql(query, variables ? { variables } : {});
    } catch (error) {
      throw fromThrown(error);
    }
    if (response.status === 429 || response.status >= 500)
      throw new AdminGraphqlError(`Admin API answered HTTP ${response.status}`, true, response.status);
    if (!response.ok)
      throw new AdminGraphqlError(
        `Admin API answered HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`,
        false,
        response.status,
      );
    return (await response.json()) as GraphqlBody;
  };

  const request = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    let lastError: unknown;
    for (let n = 1; n <= maxAttempts; n++) {
      await waitForBudget(costs.get(query) ?? 50);
      try {
        const body = await attempt(query, variables);
        const cost = body.extensions?.cost;
        if (cost?.throttleStatus) {
          throttle = { ...cost.throttleStatus };
          throttleAt = now();
        }
        if (cost?.requestedQueryCost !== undefined) costs.set(query, cost.requestedQueryCost);
        if (body.errors?.some((e) => e.extensions?.code === "THROTTLED")) {
          lastError = new AdminGraphqlError("Throttled", true, 200, body.errors);
          // The answer says how empty the bucket is; waitForBudget sleeps until it refills.
          if (!cost?.throttleStatus) await sleep(baseDelay * 2 ** (n - 1));
          continue;
        }
        if (body.errors?.length)
          throw new AdminGraphqlError(`GraphQL errors: ${body.errors.map((e) => e.message ?? "?").join("; ")}`, false, 200, body.errors);
        if (body.data === undefined || body.data === null) throw new AdminGraphqlError("Admin API answered without data", false, 200);
        return body.data as T;
      } catch (error) {
        if (!(error instanceof AdminGraphqlError) || !error.retryable) throw error;
        lastError = error;
        if (n < maxAttempts) await sleep(baseDelay * 2 ** (n - 1));
      }
    }
    throw new AdminRetriesExhaustedError(maxAttempts, lastError);
  };

  return {
    request,
    get throttle() {
      return throttle;
    },
    async mutate<T extends { userErrors: readonly AdminUserError[] }>(
      query: string,
      variables: Record<string, unknown>,
      field: string,
    ): Promise<T> {
      const data = await request<Record<string, T | null>>(query, variables);
      const payload = data[field];
      if (!payload) throw new AdminGraphqlError(`${field} answered null`, false, 200);
      if (payload.userErrors.length > 0) throw new AdminUserErrorsError(field, payload.userErrors);
      return payload;
    },
    async *paginate<T>(query: string, variables: Record<string, unknown>, connection: (data: unknown) => Connection<T>): AsyncGenerator<T> {
      let after: string | null = null;
      for (;;) {
        const page: Connection<T> = connection(await request<unknown>(query, { ...variables, after }));
        yield* page.nodes;
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
        after = page.pageInfo.endCursor;
      }
    },
  };
}

/**
 * shopify-app-remix's `admin.graphql` throws rather than returning for HTTP failures
 * (HttpResponseError, with `response.code`) and GraphQL errors (GraphqlQueryError, with
 * `body.errors`); a plain fetch throws TypeError on network failure. All become AdminGraphqlError.
 */
function fromThrown(error: unknown): AdminGraphqlError {
  const e = error as { response?: { code?: number; statusCode?: number }; body?: GraphqlBody; message?: string };
  const status = e.response?.code ?? e.response?.statusCode;
  const errors = e.body?.errors ?? [];
  if (errors.some((x) => x.extensions?.code === "THROTTLED")) return new AdminGraphqlError("Throttled", true, status, errors);
  if (status !== undefined)
    return new AdminGraphqlError(`Admin API answered HTTP ${status}`, status === 429 || status >= 500, status, errors);
  if (errors.length > 0)
    return new AdminGraphqlError(`GraphQL errors: ${errors.map((x) => x.message ?? "?").join("; ")}`, false, undefined, errors);
  return new AdminGraphqlError(`Admin API request failed: ${e.message ?? String(error)}`, true);
}
