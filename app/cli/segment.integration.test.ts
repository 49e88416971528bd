import { execFile } from "node:child_process";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../tests/factories/store";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import type { CliIo } from "./io";
import { runSegmentCli, type Connect } from "./segment";

let t: TestDb;
const shop = uniqueShop();
let gid = "";
const connect: Connect = () => ({ db: t.db, url: t.url, close: () => Promise.resolve() });

function memoryIo(): { io: CliIo; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
  };
  return { io, out: () => out, err: () => err };
}

beforeAll(async () => {
  t = await createTestDb();
  await t.db.shop.create({ data: { shop, name: "CLI", ianaTimezone: "UTC" } });
  for (const amount of [1_000, 20_000, 30_000]) {
    const c = await t.db.customer.create({ data: buildCustomer(shop, { tags: "vip" }), select: { id: true, gid: true } });
    await t.db.customerFacts.create({ data: { customerId: c.id, shop, amountSpent: BigInt(amount), orderCount: 1 } });
    gid = c.gid;
  }
});
afterAll(async () => {
  await t.drop();
});

describe("flock segment", () => {
  it("count prints how many customers match", async () => {
    const { io, out, err } = memoryIo();
    expect(await runSegmentCli(["count", "--shop", shop, "amount_spent > 100"], io, connect)).toBe(0);
    expect(err()).toBe("");
    expect(out()).toBe("2\n");
  });

  it("count names a filter Flock cannot evaluate", async () => {
    const { io, err } = memoryIo();
    expect(await runSegmentCli(["count", "--shop", shop, "rfm_group = 'LOYAL'"], io, connect)).toBe(1);
    expect(err()).toContain("'rfm_group'");
  });

  it("explain prints the per-clause trace for a customer by GID", async () => {
    const { io, out } = memoryIo();
    expect(
      await runSegmentCli(
        ["explain", "--shop", shop, "--customer", gid, "amount_spent > 100 AND customer_tags CONTAINS 'vip'"],
        io,
        connect,
      ),
    ).toBe(0);
    expect(out()).toBe(
      "amount_spent > 100 AND customer_tags CONTAINS 'vip'\n✓ AND\n  ✓ amount_spent > 100   [amount_spent=\"300.00\"]\n  ✓ customer_tags CONTAINS 'vip'   [customer_tags=[\"vip\"]]\n",
    );
  });

  it("exits 2 with usage on bad arguments", async () => {
    const { io, err } = memoryIo();
    expect(await runSegmentCli(["count", "amount_spent > 1"], io, connect)).toBe(2);
    expect(err()).toContain("Usage:");
  });

  it("count of a shop the database does not hold is an error, not 0", async () => {
    const { io, out, err } = memoryIo();
    expect(await runSegmentCli(["count", "--shop", "nobody.myshopify.com", "amount_spent > 100"], io, connect)).toBe(1);
    expect(out()).toBe("");
    expect(err()).toContain("Shop nobody.myshopify.com not found");
  });
});

describe("the flock command with only DATABASE_URL set", () => {
  // No Shopify credentials, no encryption key: counting reads the database and nothing else.
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ["bin/flock.js", "segment", ...args], {
      env: { PATH: process.env.PATH, NODE_ENV: "test", DATABASE_URL: t.url },
      timeout: 60_000,
    })
      .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
      .catch((error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code,
        stdout: error.stdout ?? "",
        stderr: error.stderr ?? "",
      }));

  it("counts a segment", async () => {
    const result = await run(["count", "--shop", shop, "amount_spent > 100"]);
    expect(result).toEqual({ code: 0, stdout: "2\n", stderr: "" });
  });

  it("exits non-zero for an unknown shop", async () => {
    const result = await run(["count", "--shop", "nobody.myshopify.com", "amount_spent > 100"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Shop nobody.myshopify.com not found");
  });
});
