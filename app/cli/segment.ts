/**
 * `flock segment …`: count and explain segments against the configured database.
 *
 *   flock segment count   --shop <domain> '<query>'
 *   flock segment explain --shop <domain> --customer <id> '<query or segment id>'
 *
 * `--customer` takes a Customer GID, a numeric Shopify customer id, or Flock's customer key.
 * `--now <ISO instant>` evaluates as of another time (relative dates resolve against it).
 */
import { parseArgs } from "node:util";
import { connectDb, type Db } from "../db/db.server";
import { databaseUrlFromEnv } from "../env.server";
import { forShop } from "../db/shop-scope.server";
import type { SegmentTrace } from "../segments/engine/evaluate";
import { FactsIndexCache } from "../segments/facts-index/facts-index.server";
import { countQuery, explainCustomer, type QueryProblem } from "../segments/segment-service.server";
import type { CliIo } from "./io";

const USAGE = `Usage:
  flock segment count   --shop <domain> '<query>'
  flock segment explain --shop <domain> --customer <id> '<query or segment id>'
Options: --now <ISO instant> evaluates as of that time; --json prints JSON.
`;

/** Opens the database a command runs against (tests pass their own). */
export type Connect = () => { db: Db; url: string; close(): Promise<void> };

const defaultConnect: Connect = () => {
  const url = databaseUrlFromEnv();
  const db = connectDb(url);
  return { db, url, close: () => db.$disconnect() };
};

export async function runSegmentCli(args: string[], io: CliIo, connect: Connect = defaultConnect): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === "help" || command === "--help") {
    io.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { shop: { type: "string" }, customer: { type: "string" }, now: { type: "string" }, json: { type: "boolean" } },
    });
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { shop, customer, json } = parsed.values;
  const text = parsed.positionals.join(" ");
  const now = parsed.values.now === undefined ? new Date() : new Date(parsed.values.now);
  if (
    (command !== "count" && command !== "explain") ||
    !shop ||
    text === "" ||
    Number.isNaN(now.getTime()) ||
    (command === "explain" && !customer)
  ) {
    io.stderr.write(command !== "count" && command !== "explain" ? `Unknown segment command '${command}'.\n${USAGE}` : USAGE);
    return 2;
  }
  let conn;
  try {
    conn = connect();
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  try {
    if (!(await conn.db.shop.findUnique({ where: { shop }, select: { id: true } }))) {
      io.stderr.write(`Shop ${shop} not found in the database at DATABASE_URL (check --shop)\n`);
      return 1;
    }
    const deps = { db: conn.db, index: new FactsIndexCache(conn.db, { url: conn.url }) };
    if (command === "count") {
      const result = await countQuery(deps, shop, text, now);
      if (!result.ok) return problem(result, io);
      io.stdout.write(json ? `${JSON.stringify({ shop, count: result.count })}\n` : `${result.count}\n`);
      return 0;
    }
    const customerId = await resolveCustomer(conn.db, shop, customer ?? "");
    if (customerId === undefined) {
      io.stderr.write(`Customer ${customer ?? ""} not found in ${shop}\n`);
      return 1;
    }
    const result = await explainCustomer(deps, shop, customerId, text, now);
    if (!result.ok) return result.reason === "not_found" ? (io.stderr.write(`${result.message}\n`), 1) : problem(result, io);
    io.stdout.write(json ? `${JSON.stringify(result.trace)}\n` : `${result.query}\n${formatTrace(result.trace).join("\n")}\n`);
    return 0;
  } finally {
    await conn.close();
  }
}

function problem(result: QueryProblem, io: CliIo): number {
  io.stderr.write(`${result.message}\n`);
  return 1;
}

async function resolveCustomer(db: Db, shop: string, text: string): Promise<number | undefined> {
  const scoped = forShop(db, shop);
  const gid = text.startsWith("gid://") ? text : /^\d+$/.test(text) ? `gid://shopify/Customer/${text}` : undefined;
  if (gid) {
    const byGid = await scoped.customer.findFirst({ where: { gid }, select: { id: true } });
    if (byGid) return byGid.id;
  }
  if (!/^\d+$/.test(text) || Number(text) > 2_147_483_647) return undefined;
  return (await scoped.customer.findFirst({ where: { id: Number(text) }, select: { id: true } }))?.id;
}

/** An indented tree: ✓ or ✗ per clause with the facts it read. */
export function formatTrace(trace: SegmentTrace, depth = 0): string[] {
  const pad = "  ".repeat(depth);
  const mark = trace.result ? "✓" : "✗";
  if (trace.type === "clause") {
    const facts = Object.entries(trace.facts)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ");
    return [`${pad}${mark} ${trace.query}${facts ? `   [${facts}]` : ""}`];
  }
  return [`${pad}${mark} ${trace.type.toUpperCase()}`, ...trace.children.flatMap((c) => formatTrace(c, depth + 1))];
}
