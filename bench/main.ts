// `npm run bench -- <name> [--customers N | --recipients N] [--seed S] [--target T] [--json]`
// Runs one benchmark and prints its metrics: a table, or with --json exactly one JSON line per
// metric ({"bench","metric","value","unit"}) for scripts to collect. Usage errors exit 2.
// docs/BENCHMARKS.md lists the benches and the figures measured so far.
import { parseArgs } from "node:util";
import type { BenchOptions, BenchResult } from "./types";

interface HarnessOptions extends BenchOptions {
  target?: "sqlite" | "pg" | "both";
}

interface BenchEntry {
  summary: string;
  /** Flags beyond --seed and --json that the bench reads. */
  flags: readonly ("customers" | "recipients" | "target")[];
  /** Loaded on demand, so one bench's imports never slow or break another. */
  load(): Promise<(options: HarnessOptions) => Promise<BenchResult[]>>;
}

const BENCHES: Record<string, BenchEntry> = {
  parse: {
    summary: "segment query parser latency on a ~10,000-character query (p50/p95)",
    flags: [],
    load: async () => (await import("./parse")).benchParse,
  },
  generate: {
    summary: "generate a store and bulk-write it into SQLite (default) or PostgreSQL (--target sqlite|pg|both)",
    flags: ["customers", "target"],
    load: async () => (await import("./generate")).benchGenerate,
  },
  queue: {
    summary: "job queue throughput per adapter (embedded SQLite/PostgreSQL, pg-boss)",
    flags: ["recipients"],
    load: async () => (await import("./queue")).benchQueue,
  },
  import: {
    summary: "bulk import of a generated store's JSONL export (--target sqlite|pg|both): lines/s, peak RSS",
    flags: ["customers", "target"],
    load: async () => (await import("./import")).benchImport,
  },
  segments: {
    summary: "segment engine: index build, p50/p95 of ten segments, incremental, vs mingo and json-rules-engine",
    flags: ["customers"],
    load: async () => (await import("./segments")).benchSegments,
  },
  webhooks: {
    summary: "signed webhooks on loopback through the real route: durable req/s and p99",
    flags: [],
    load: async () => (await import("./webhooks")).benchWebhooks,
  },
  "live-count": {
    summary: "editor live count through the real route on a generated store: index build, p50/p95 of six typed queries",
    flags: ["customers"],
    load: async () => (await import("./live-count")).benchLiveCount,
  },
  render: {
    summary: "SMS render + encoding + segments per second; email personalisation per second (MJML compiled once)",
    flags: ["recipients"],
    load: async () => (await import("./render")).benchRender,
  },
  decisions: {
    summary: "dispatch decisions per second: consent, frequency cap and quiet hours (pure)",
    flags: ["recipients"],
    load: async () => (await import("./decisions")).benchDecisions,
  },
  apply: {
    summary:
      "10,000 signed orders/create through the production receive path, applied by the workers (--target sqlite|pg|both): apply_per_s, lag_p99_ms, events_applied_twice, membership_mismatches",
    flags: ["customers", "target"],
    load: async () => (await import("./apply")).benchApply,
  },
  dispatch: {
    summary: "outbox dispatcher on SQLite against the Twilio/SendGrid fakes: texts/s, email recipients/s, rate error at 100/s and 500/s",
    flags: ["recipients"],
    load: async () => (await import("./dispatch")).benchDispatch,
  },
  links: {
    summary:
      "tracked links on SQLite: outbox rows/s plain vs with short links, pure rewrites/s, first-click p50/p95 through the route's loader",
    flags: ["recipients"],
    load: async () => (await import("./links")).benchLinks,
  },
  attribution: {
    summary:
      "one messaging.attribute run over 2 × N orders (default 100,000) on a scratch database (--target sqlite|pg|both): orders_per_s, attributed_per_s",
    flags: ["customers", "target"],
    load: async () => (await import("./attribution")).benchAttribution,
  },
  automation: {
    summary:
      "abandoned-checkout tick on SQLite: runs started per second over 100,000 checkouts left in 10 minutes, p99 lateness of 10,000 steps due in one minute",
    flags: ["recipients"],
    load: async () => (await import("./automation")).benchAutomation,
  },
  recipients: {
    summary: "a sent campaign's recipients on SQLite: page of 50 p50/p95 (all, Failed), CSV rows/s (default 300,000 recipients)",
    flags: ["recipients"],
    load: async () => (await import("./recipients")).benchRecipients,
  },
  blast: {
    summary: "campaign to a segment on SQLite: preview_ms, freeze_ms, outbox_rows_per_s (default 300,000 recipients)",
    flags: ["recipients"],
    load: async () => (await import("./blast")).benchBlast,
  },
  "blast-freeze": {
    summary: "the blast's start jobs alone on SQLite: SMS freeze and outbox rows/s (N), email campaign freeze with tracked links (5/3 × N)",
    flags: ["recipients"],
    load: async () => (await import("./blast-freeze")).benchBlastFreeze,
  },
  // New benches: one entry here, the bench itself in bench/<name>.ts exporting a `Bench`.
};

const TARGETS = ["sqlite", "pg", "both"] as const;

class UsageError extends Error {}

function usage(): string {
  const names = Object.entries(BENCHES).map(([name, b]) => `  ${name.padEnd(10)} ${b.summary}`);
  return [
    "usage: npm run bench -- <name> [--customers N | --recipients N] [--seed S] [--target sqlite|pg|both] [--json]",
    "benches:",
    ...names,
  ].join("\n");
}

function positiveInt(flag: string, text: string | undefined, allowZero = false): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || (!allowZero && value === 0)) {
    throw new UsageError(`--${flag} must be a ${allowZero ? "non-negative" : "positive"} integer, got "${text}"`);
  }
  return value;
}

function parseCommandLine(argv: string[]): { name: string; entry: BenchEntry; options: HarnessOptions; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        customers: { type: "string" },
        recipients: { type: "string" },
        seed: { type: "string" },
        target: { type: "string" },
        json: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [name, ...extra] = parsed.positionals;
  if (name === undefined) throw new UsageError("no bench named");
  const entry = BENCHES[name];
  if (!entry) throw new UsageError(`unknown bench "${name}" (known: ${Object.keys(BENCHES).join(", ")})`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const { values } = parsed;
  for (const flag of ["customers", "recipients", "target"] as const) {
    if (values[flag] !== undefined && !entry.flags.includes(flag)) throw new UsageError(`bench "${name}" does not take --${flag}`);
  }
  if (values.customers !== undefined && values.recipients !== undefined) throw new UsageError("give --customers or --recipients, not both");
  const target = values.target;
  if (target !== undefined && !TARGETS.includes(target as (typeof TARGETS)[number])) {
    throw new UsageError(`--target must be one of ${TARGETS.join(", ")}, got "${target}"`);
  }
  const options: HarnessOptions = {
    seed: positiveInt("seed", values.seed, true) ?? 1,
    customers: positiveInt("customers", values.customers),
    recipients: positiveInt("recipients", values.recipients),
    target: target as HarnessOptions["target"],
  };
  return { name, entry, options, json: values.json === true };
}

function formatTable(results: readonly BenchResult[]): string {
  const withVariant = results.some((r) => r.variant !== undefined);
  const header = ["bench", ...(withVariant ? ["variant"] : []), "metric", "value", "unit"];
  const rows = [
    header,
    ...results.map((r) => [r.bench, ...(withVariant ? [r.variant ?? ""] : []), r.metric, r.value.toLocaleString("en-US"), r.unit]),
  ];
  const valueColumn = header.indexOf("value");
  const widths = header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === valueColumn ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** One JSON line per metric; `variant` only when the bench measures several configurations. */
function formatJson(r: BenchResult): string {
  return JSON.stringify({
    bench: r.bench,
    ...(r.variant === undefined ? {} : { variant: r.variant }),
    metric: r.metric,
    value: r.value,
    unit: r.unit,
  });
}

async function main(): Promise<number> {
  let command;
  try {
    command = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${usage()}\n`);
    return 2;
  }
  const run = await command.entry.load();
  const results = await run(command.options);
  if (command.json) for (const r of results) process.stdout.write(`${formatJson(r)}\n`);
  else process.stdout.write(`${formatTable(results)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
