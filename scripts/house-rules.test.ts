// The house rules that can be checked by a machine: the import zones in eslint.config.js (pure
// core, production versus sandbox, components) and every file path a code comment names.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

describe("import zones", { timeout: 60_000 }, () => {
  it.each([
    {
      description: "a pure file importing Prisma",
      file: "app/segments/zone-fixture.ts",
      code: 'import { PrismaClient } from "@prisma/client";\nexport const c = PrismaClient;\n',
      rule: /no Prisma/,
    },
    {
      description: "a pure file importing the generated client",
      file: "app/segments/zone-fixture.ts",
      code: 'import { PrismaClient } from "../../generated/sqlite";\nexport const c = PrismaClient;\n',
      rule: /no Prisma/,
    },
    {
      description: "a pure file importing the database module",
      file: "app/campaigns/zone-fixture.ts",
      code: 'import { db } from "~/db/db.server";\nexport const d = db;\n',
      rule: /no \*\.server module/,
    },
    {
      description: "a pure file importing a vendor SDK",
      file: "app/messaging/zone-fixture.ts",
      code: 'import twilio from "twilio";\nexport const t = twilio;\n',
      rule: /no vendor SDK/,
    },
    {
      description: "a component importing a .server module",
      file: "app/components/ZoneFixture.tsx",
      code: 'import { loadThing } from "~/campaigns/page.server";\nexport const l = loadThing;\n',
      rule: /no \*\.server module/,
    },
    {
      description: "production server code importing a stand-in",
      file: "app/messaging/zone-fixture.server.ts",
      code: 'import { startTwilioStandIn } from "~/sandbox/twilio/stand-in.server";\nexport const s = startTwilioStandIn;\n',
      rule: /no sandbox/,
    },
  ])("refuses $description", async ({ file, code, rule }) => {
    const messages = await restrictedImports(file, code);
    expect(messages.length, messages.join("\n")).toBe(1);
    expect(messages[0]).toMatch(rule);
  });

  it.each([
    {
      description: "a type-only import of a .server module in pure code",
      file: "app/campaigns/zone-fixture.ts",
      code: 'import type { Db } from "~/db/db.server";\nexport type D = Db;\n',
    },
    {
      description: "Prisma in a .server file",
      file: "app/campaigns/zone-fixture.server.ts",
      code: 'import { db } from "~/db/db.server";\nexport const d = db;\n',
    },
    {
      description: "a stand-in in a test",
      file: "app/messaging/zone-fixture.integration.test.ts",
      code: 'import { startTwilioStandIn } from "~/sandbox/twilio/stand-in.server";\nexport const s = startTwilioStandIn;\n',
    },
  ])("allows $description", async ({ file, code }) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});

/** `app/env.server.ts`, `messaging/outbox/status.ts`: a path with a folder and a source-file extension, from the repository, `app/` or a folder above the file. */
const PATH_IN_TEXT = /(?<![\w./~*-])(~?[\w.-]*\/[\w./$[\]-]*\.(?:tsx?|md|prisma|json|jsonl|liquid|toml|sql|css|png))(?!\w)/g;
const COMMENT = /(?<![:"'`\\])\/\/[^\n]*|\/\*[\s\S]*?\*\//g;

/** Where a comment's path may be rooted: the repository, `app/`, or any folder above the file. */
function candidates(file: string, path: string): string[] {
  const p = path.replace(/^~\//, "app/");
  const found = [p, join("app", p)];
  for (let dir = dirname(file); dir !== "."; dir = dirname(dir)) found.push(join(dir, p));
  return found;
}

it("every file path named in a code comment exists", () => {
  const files = execFileSync("git", ["ls-files", "*.ts", "*.tsx", "*.js", "*.prisma", "*.liquid"], { encoding: "utf8" }).trim().split("\n");
  const missing: string[] = [];
  let named = 0;
  for (const file of files) {
    if (!existsSync(file)) continue;
    for (const comment of readFileSync(file, "utf8").match(COMMENT) ?? []) {
      for (const [, path] of comment.matchAll(PATH_IN_TEXT)) {
        if (!path || path.startsWith("/") || path.includes("://")) continue;
        named += 1;
        if (!candidates(file, path).some((candidate) => existsSync(candidate))) missing.push(`${file}: ${path}`);
      }
    }
  }
  expect(named).toBeGreaterThan(50);
  expect(missing).toEqual([]);
});
