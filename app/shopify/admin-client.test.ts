// The admin client against a scripted `graphql` function (no network): throttling from the
// reported cost, retries, userErrors, pagination.
import { describe, expect, it } from "vitest";
import { createAdminClient, type AdminGraphql } from "./admin-client.server";
import { AdminGraphqlError, AdminRetriesExhaustedError, AdminUserErrorsError } from "./admin-errors";

type Answer = { status?: number; body?: unknown } | Error;

function scripted(answers: Answer[]) {
  const calls: { query: string; variables?: Record<string, unknown> }[] = [];
  const graphql: AdminGraphql = async (query, options) => {
    calls.push({ query, variables: options?.variables });
    const next = answers.shift();
    if (!next) throw new Error("no more scripted answers");
    if (next instanceof Error) throw next;
    return new Response(JSON.stringify(next.body ?? {}), { status: next.status ?? 200 });
  };
  return { graphql, calls };
}

const cost = (requested: number, available: number) => ({
  cost: {
    requestedQueryCost: requested,
    actualQueryCost: requested,
    throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 },
  },
});

function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

describe("admin client", () => {
  it("waits until the bucket has refilled enough for the next request's cost", async () => {
    // GIVEN an answer that left 20 points, for a query that costs 120, restoring 100/s
    const { graphql } = scripted([
      { body: { data: { a: 1 }, extensions: cost(120, 20) } },
      { body: { data: { a: 2 }, extensions: cost(120, 1880) } },
    ]);
    const clock = fakeClock();
    const client = createAdminClient(graphql, clock);
    // WHEN the same query runs twice
    await client.request("{ a }");
    const second = await client.request<{ a: number }>("{ a }");
    // THEN the second waited (120 - 20) / 100 s first
    expect(second.a).toBe(2);
    expect(clock.sleeps).toEqual([1000]);
    expect(client.throttle?.currentlyAvailable).toBe(1880);
  });

  it("retries THROTTLED answers and 5xx with backoff, then succeeds", async () => {
    const { graphql, calls } = scripted([
      { body: { errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: cost(50, 10) } },
      { status: 503 },
      new TypeError("fetch failed"),
      { body: { data: { ok: true } } },
    ]);
    const clock = fakeClock();
    const data = await createAdminClient(graphql, { ...clock, baseDelayMs: 100 }).request<{ ok: boolean }>("{ ok }");
    expect(data.ok).toBe(true);
    expect(calls).toHaveLength(4);
    expect(clock.sleeps).toEqual([400, 200, 400]);
  });

  it("gives up after maxAttempts with a retryable error", async () => {
    const { graphql } = scripted([{ status: 502 }, { status: 502 }]);
    const request = createAdminClient(graphql, { ...fakeClock(), maxAttempts: 2 }).request("{ x }");
    await expect(request).rejects.toBeInstanceOf(AdminRetriesExhaustedError);
  });

  it("does not retry GraphQL errors or 4xx", async () => {
    const { graphql, calls } = scripted([{ body: { errors: [{ message: "Field 'x' doesn't exist" }] } }]);
    await expect(createAdminClient(graphql, fakeClock()).request("{ x }")).rejects.toMatchObject({
      name: "AdminGraphqlError",
      retryable: false,
    });
    expect(calls).toHaveLength(1);
    const unauthorized = scripted([{ status: 401, body: "no" }]);
    await expect(createAdminClient(unauthorized.graphql, fakeClock()).request("{ x }")).rejects.toBeInstanceOf(AdminGraphqlError);
  });

  it("turns userErrors into a typed error", async () => {
    const { graphql } = scripted([
      {
        body: {
          data: {
            bulkOperationRunQuery: { bulkOperation: null, userErrors: [{ field: ["query"], message: "Bad query", code: "INVALID" }] },
          },
        },
      },
    ]);
    const run = createAdminClient(graphql, fakeClock()).mutate("mutation { x }", { query: "{ shop { id } }" }, "bulkOperationRunQuery");
    await expect(run).rejects.toBeInstanceOf(AdminUserErrorsError);
    await expect(run).rejects.toThrow("bulkOperationRunQuery refused: query: Bad query (INVALID)");
  });

  it("follows cursors to the last page", async () => {
    const page = (nodes: number[], endCursor: string | null) => ({
      body: { data: { items: { nodes, pageInfo: { hasNextPage: endCursor !== null, endCursor } } } },
    });
    const { graphql, calls } = scripted([page([1, 2], "c1"), page([3], null)]);
    const client = createAdminClient(graphql, fakeClock());
    const seen: number[] = [];
    for await (const n of client.paginate<number>(
      "query($after: String) { items }",
      { first: 2 },
      (d) => (d as { items: { nodes: number[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }).items,
    ))
      seen.push(n);
    expect(seen).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.variables)).toEqual([
      { first: 2, after: null },
      { first: 2, after: "c1" },
    ]);
  });
});
