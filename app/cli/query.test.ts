import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CliIo } from "./io";
import { runQueryCli } from "./query";

function memoryIo(input = ""): { io: CliIo; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const io: CliIo = {
    stdin: Readable.from([Buffer.from(input, "utf8")]),
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
  };
  return { io, out: () => out, err: () => err };
}

describe("flock query parse", () => {
  it("prints the canonical query and the tree for a valid query", async () => {
    // GIVEN a valid but untidy query WHEN parsed from the command line
    const { io, out, err } = memoryIo();
    const code = await runQueryCli(["parse", "amount_spent   >  100 and (customer_tags contains 'vip')"], io);
    // THEN it exits 0, prints the canonical text first and the JSON tree after it
    expect(code).toBe(0);
    expect(err()).toBe("");
    const [canonical, ...json] = out().split("\n");
    expect(canonical).toBe("amount_spent > 100 AND customer_tags CONTAINS 'vip'");
    expect(JSON.parse(json.join("\n"))).toEqual({
      type: "and",
      children: [
        { type: "clause", filter: "amount_spent", condition: { op: "compare", operator: ">", value: { type: "number", value: "100" } } },
        { type: "clause", filter: "customer_tags", condition: { op: "contains", negated: false, value: { type: "string", value: "vip" } } },
      ],
    });
  });

  it("joins words the shell split apart", async () => {
    const { io, out } = memoryIo();
    expect(await runQueryCli(["parse", "amount_spent", ">", "100"], io)).toBe(0);
    expect(out().split("\n")[0]).toBe("amount_spent > 100");
  });

  it("prints the positioned error to stderr and exits 1", async () => {
    const { io, out, err } = memoryIo();
    const code = await runQueryCli(["parse", "amount_spend > 100"], io);
    expect(code).toBe(1);
    expect(out()).toBe("");
    expect(err()).toBe("Unknown filter 'amount_spend' at 1:1 — did you mean 'amount_spent'?\n");
  });

  it("reads one query per line from stdin and writes one JSON line each", async () => {
    // GIVEN three queries, one invalid, with blank lines and CRLF endings
    const { io, out } = memoryIo(
      "amount_spent > 100\r\n\n   \nlast_order_date > 2020-02-30\nproducts_purchased MATCHES (id = 2012162031638)",
    );
    // WHEN they are parsed with --stdin
    const code = await runQueryCli(["parse", "--stdin"], io);
    // THEN the command succeeds and reports each query on its own line, in order
    expect(code).toBe(0);
    const lines = out()
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ ok: true, canonical: "amount_spent > 100", tree: { type: "clause", filter: "amount_spent" } });
    expect(lines[1]).toEqual({ ok: false, error: "Invalid date '2020-02-30' at 1:19 — February 2020 has 29 days", line: 1, column: 19 });
    expect(lines[2]).toMatchObject({
      ok: true,
      tree: { condition: { params: [{ name: "id", condition: { value: { type: "id", value: "2012162031638" } } }] } },
    });
  });

  it("handles multi-byte text split across chunks", async () => {
    const bytes = Buffer.from("customer_tags CONTAINS 'café'\n", "utf8");
    const stdin = new PassThrough();
    let out = "";
    const io: CliIo = { stdin, stdout: { write: (c: string) => (out += c) }, stderr: { write: () => true } };
    const running = runQueryCli(["parse", "--stdin"], io);
    stdin.write(bytes.subarray(0, 28));
    stdin.end(bytes.subarray(28));
    expect(await running).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true, canonical: "customer_tags CONTAINS 'café'" });
  });

  it.each([[[]], [["parse"]], [["frobnicate"]], [["parse", "--stdin", "x"]]])("prints usage and exits 2 for %j", async (args) => {
    const { io, err } = memoryIo();
    expect(await runQueryCli(args, io)).toBe(2);
    expect(err()).toContain("Usage:");
  });
});
