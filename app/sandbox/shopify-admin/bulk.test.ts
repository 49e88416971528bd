import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStandIn } from "./test-support";

let t: Awaited<ReturnType<typeof startTestStandIn>>;
beforeAll(async () => {
  t = await startTestStandIn({ customers: 300 });
});
afterAll(async () => {
  await t.standIn.close();
});

const RUN = `mutation Run($query: String!) {
  bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { field message code } } }`;
const STATUS =
  "query($id: ID!) { bulkOperation(id: $id) { id status objectCount rootObjectCount fileSize url partialDataUrl errorCode type createdAt completedAt query } }";
const ORDERS = `{ orders(query: "created_at:>=2020-01-01") { edges { node {
  id name customer { id } totalPriceSet { shopMoney { amount currencyCode } }
  lineItems { edges { node { id quantity product { id } } } } } } } }`;

async function waitFor(id: string) {
  const seen: string[] = [];
  for (let i = 0; i < 200; i++) {
    const op = (await t.gql(STATUS, { id })).data.bulkOperation;
    if (seen[seen.length - 1] !== op.status) seen.push(op.status);
    if (op.status === "COMPLETED" || op.status === "FAILED" || op.status === "CANCELED") return { op, seen };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Bulk operation ${id} did not finish`);
}

describe("bulk query operations", () => {
  it("exports orders with line items as Shopify's ungrouped JSONL", async () => {
    // GIVEN a store of 300 customers
    const orders = [...t.source.chunks()].flatMap((c) => c.orders);
    const lineItems = orders.flatMap((o) => o.lineItems);
    // WHEN a bulk query for orders and their line items runs
    const run = await t.gql(RUN, { query: ORDERS });
    expect(run.data.bulkOperationRunQuery.userErrors).toEqual([]);
    const { id, status } = run.data.bulkOperationRunQuery.bulkOperation;
    expect(status).toBe("CREATED");
    const { op, seen } = await waitFor(id);
    // THEN it went CREATED → (RUNNING →) COMPLETED with Shopify's counts
    expect(seen[0]).toMatch(/CREATED|RUNNING/);
    expect(op).toMatchObject({
      status: "COMPLETED",
      type: "QUERY",
      errorCode: null,
      query: ORDERS,
      objectCount: String(orders.length + lineItems.length),
      rootObjectCount: String(orders.length),
    });
    // AND the file behind `url` holds one line per node, children pointing at existing parents
    const res = await fetch(op.url);
    const text = await res.text();
    expect(op.fileSize).toBe(String(Buffer.byteLength(text)));
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; __parentId?: string });
    const position = new Map(lines.map((l, i) => [l.id, i]));
    const children = lines.filter((l) => l.__parentId !== undefined);
    expect(
      lines
        .filter((l) => l.__parentId === undefined)
        .map((l) => l.id)
        .sort(),
    ).toEqual(orders.map((o) => o.gid).sort());
    expect(children.map((l) => l.id).sort()).toEqual(lineItems.map((li) => li.gid).sort());
    for (const child of children) expect(position.has(child.__parentId as string)).toBe(true);
    // AND some children come before their parent, some after (groupObjects: false)
    const before = children.filter((c) => (position.get(c.id) as number) < (position.get(c.__parentId as string) as number));
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(children.length);
    // AND nested objects stay inline while connections become lines
    expect(lines[position.get(orders[0]?.gid as string) as number]).toMatchObject({
      customer: { id: expect.stringMatching(/^gid:\/\/shopify\/Customer\//) },
    });
    // AND the bulk_operations/finish webhook payload was handed over
    expect(t.finished).toContainEqual({
      admin_graphql_api_id: id,
      completed_at: op.completedAt,
      created_at: op.createdAt,
      error_code: null,
      status: "completed",
      type: "query",
    });
    // AND bulkOperations lists it by status
    const listed = await t.gql('{ bulkOperations(first: 10, query: "status:COMPLETED") { nodes { id } } }');
    expect(listed.data.bulkOperations.nodes).toContainEqual({ id });
  });

  it("writes every child after its parent with groupObjects: true", async () => {
    const run = await t.gql(
      "mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: true) { bulkOperation { id } userErrors { message } } }",
      { q: ORDERS },
    );
    const { op } = await waitFor(run.data.bulkOperationRunQuery.bulkOperation.id);
    const lines = (await (await fetch(op.url)).text())
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; __parentId?: string });
    const seen = new Set<string>();
    for (const line of lines) {
      if (line.__parentId !== undefined) expect(seen.has(line.__parentId)).toBe(true);
      seen.add(line.id);
    }
  });

  it("exports customers with the search filter applied, url null when nothing matches", async () => {
    const run = await t.gql(RUN, { query: '{ customers(query: "updated_at:>2099-01-01") { nodes { id } } }' });
    const { op } = await waitFor(run.data.bulkOperationRunQuery.bulkOperation.id);
    expect(op).toMatchObject({ status: "COMPLETED", objectCount: "0", url: null });
  });

  it.each([
    {
      description: "an invalid inner query",
      query: "{ customers { edges { node { id nope } } } }",
      message: /^Invalid bulk query: Cannot query field "nope"/,
    },
    { description: "a deprecated field", query: "{ customers { edges { node { id email } } } }", message: /Customer\.email is deprecated/ },
    { description: "no connection", query: "{ shop { id } }", message: /connection/ },
    { description: "the node field", query: '{ node(id: "gid://shopify/Customer/1") { id } }', message: /node/ },
    {
      description: "three levels of connections",
      query: "{ customers { nodes { id orders { nodes { id lineItems { nodes { id } } } } } } }",
      message: /levels of nested connections/,
    },
    {
      description: "a nested connection without the parent id",
      query: "{ orders { nodes { name lineItems { nodes { id } } } } }",
      message: /must select the 'id' field/,
    },
  ])("answers userErrors for $description", async ({ query, message }) => {
    const body = await t.gql(RUN, { query });
    expect(body.errors).toBeUndefined();
    const payload = body.data.bulkOperationRunQuery;
    expect(payload.bulkOperation).toBeNull();
    expect(payload.userErrors[0]).toMatchObject({ field: ["query"], code: "INVALID", message: expect.stringMatching(message) });
  });

  it("runs at most five bulk queries at a time (API 2026-01 and later)", async () => {
    const runs = Array.from(
      { length: 6 },
      (_, i) => `r${i}: bulkOperationRunQuery(query: "{ products { nodes { id } } }") { bulkOperation { id } userErrors { code message } }`,
    );
    const body = await t.gql(`mutation { ${runs.join("\n")} }`);
    expect(body.data.r4.userErrors).toEqual([]);
    expect(body.data.r5).toEqual({
      bulkOperation: null,
      userErrors: [{ code: "LIMIT_REACHED", message: expect.stringMatching(/maximum of 5/) }],
    });
    await t.standIn.bulk.idle();
  });
});

describe("bulkOperationCancel", () => {
  it("cancels a running operation", async () => {
    // GIVEN a store large enough that exporting it takes a while (streamed, not cached)
    const big = await startTestStandIn({ customers: 200_000, cacheLimit: 0 });
    try {
      const run = await big.gql(RUN, { query: "{ customers { nodes { id } } }" });
      const id = run.data.bulkOperationRunQuery.bulkOperation.id;
      // WHEN it is canceled
      const cancel = await big.gql(
        "mutation($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }",
        { id },
      );
      expect(cancel.data.bulkOperationCancel).toEqual({ bulkOperation: { status: "CANCELING" }, userErrors: [] });
      // THEN it ends CANCELED, and canceling again is a user error
      await big.standIn.bulk.idle();
      const op = (await big.gql(STATUS, { id })).data.bulkOperation;
      expect(op).toMatchObject({ status: "CANCELED", url: null });
      const again = await big.gql("mutation($id: ID!) { bulkOperationCancel(id: $id) { userErrors { message } } }", { id });
      expect(again.data.bulkOperationCancel.userErrors[0].message).toMatch(/cannot be canceled when it is canceled/);
      expect(big.finished).toContainEqual(expect.objectContaining({ admin_graphql_api_id: id, status: "canceled" }));
    } finally {
      await big.standIn.close();
    }
  });
});
