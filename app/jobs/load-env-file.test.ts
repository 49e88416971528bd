// `npm start` and `npm run worker` read `.env`: the file's values fill what the environment
// leaves unset, and never replace what it sets.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "flock-env-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function envSeenBy(nodeEnv: "production" | "test", environment: Record<string, string>): { fromFile?: string; preset?: string } {
  const loader = resolve("app/jobs/load-env-file.server.ts");
  const script = `import(${JSON.stringify(loader)}).then(() => console.log(JSON.stringify({ fromFile: process.env.FLOCK_T_FROM_FILE, preset: process.env.FLOCK_T_PRESET })))`;
  const out = execFileSync(resolve("node_modules/.bin/tsx"), ["--eval", script], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: nodeEnv, ...environment },
    encoding: "utf8",
  });
  return JSON.parse(out.trim()) as { fromFile?: string; preset?: string };
}

describe("load-env-file", () => {
  writeFileSync(join(dir, ".env"), "FLOCK_T_FROM_FILE=file-value\nFLOCK_T_PRESET=file-value\n");

  it("fills unset variables from .env and keeps those the environment sets", () => {
    expect(envSeenBy("production", { FLOCK_T_PRESET: "env-value" })).toEqual({ fromFile: "file-value", preset: "env-value" });
  });

  it("leaves tests alone", () => {
    expect(envSeenBy("test", {})).toEqual({});
  });
});
