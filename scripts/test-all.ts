// `npm test`: the whole suite, as CI runs it. Schema consistency, typecheck, lint, formatting, then every
// vitest project (unit, integration on SQLite, integration on PostgreSQL, browser) in one run.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { summaryLines, type VitestReport } from "./lib/test-summary";

function step(title: string, command: string, args: string[]): void {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const bin = (name: string) => `node_modules/.bin/${name}`;
step("Prisma schemas and migrations", bin("tsx"), ["scripts/derive-pg-schema.ts", "--check"]);
step("Typecheck", bin("tsc"), ["--noEmit"]);
step("Lint", bin("eslint"), ["--max-warnings", "0", "."]);
step("Formatting (npm run format fixes it)", bin("prettier"), ["--check", "."]);

console.log("\n▶ Tests (unit, integration-sqlite, integration-pg, browser)");
const report = "test-results/vitest.json";
const run = spawnSync(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], { stdio: "inherit" });
try {
  const summary = JSON.parse(readFileSync(report, "utf8")) as VitestReport;
  console.log(`\n${summaryLines(summary).join("\n")}`);
  if (summary.numPassedTests === 0) {
    console.error("No test ran.");
    process.exit(1);
  }
} catch {
  console.error(`No test report at ${report}.`);
  process.exit(1);
}
process.exit(run.status ?? 1);
