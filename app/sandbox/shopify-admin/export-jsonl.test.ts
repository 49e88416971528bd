import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBulkJsonl } from "./export-jsonl.server";
import { startTestStandIn } from "./test-support";

let t: Awaited<ReturnType<typeof startTestStandIn>>;
const dir = mkdtempSync(join(tmpdir(), "export-jsonl-"));
beforeAll(async () => {
  t = await startTestStandIn({ customers: 40 });
});
afterAll(async () => {
  await t.standIn.close();
});

const CUSTOMER_FIELDS = `id firstName lastName tags locale state verifiedEmail note numberOfOrders createdAt updatedAt
  defaultEmailAddress { emailAddress marketingState marketingOptInLevel marketingUpdatedAt }
  defaultPhoneNumber { phoneNumber smsMarketingConsent { state optInLevel updatedAt collectedFrom } }
  defaultAddress { address1 address2 city province provinceCode country countryCodeV2 zip }
  amountSpent { amount currencyCode }`;

function readLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("exportBulkJsonl", () => {
  it("writes exactly what the GraphQL endpoint answers for the same fields", async () => {
    // GIVEN the same selection run as a page and as a bulk export
    const page = await t.gql(`{ customers(first: 40) { nodes { ${CUSTOMER_FIELDS} } } }`);
    const file = join(dir, "customers.jsonl");
    const counts = await exportBulkJsonl(t.source, `{ customers { edges { node { ${CUSTOMER_FIELDS} } } } }`, file);
    // THEN both paths produce identical objects
    expect(counts).toMatchObject({ objectCount: 40, rootObjectCount: 40 });
    expect(readLines(file)).toEqual(page.data.customers.nodes);
  });

  it("merges repeated selections and fragments, and keeps __parentId last", async () => {
    const file = join(dir, "fragments.jsonl");
    await exportBulkJsonl(
      t.source,
      `{ orders { nodes { id ...O customer { id } lineItems { nodes { __typename id ... on LineItem { quantity } } } } } }
      fragment O on Order { id name customer { firstName } }`,
      file,
    );
    const lines = readLines(file);
    const order = lines.find((l) => l.__parentId === undefined);
    expect(Object.keys(order ?? {})).toEqual(["id", "name", "customer"]);
    expect(order?.customer).toEqual({ id: expect.any(String), firstName: expect.any(String) });
    const child = lines.find((l) => l.__parentId !== undefined);
    expect(Object.keys(child ?? {})).toEqual(["__typename", "id", "quantity", "__parentId"]);
  });

  it("refuses an invalid bulk query", async () => {
    await expect(exportBulkJsonl(t.source, "{ customers { nodes { id email } } }", join(dir, "x.jsonl"))).rejects.toThrow(/deprecated/);
  });
});
