import { describe, expect, it } from "vitest";
import { columns, unnestSql } from "./pg-batch";

describe("unnestSql", () => {
  it.each([
    {
      description: "VALUES form, a subquery and a parenthesised type inside",
      sql: `INSERT INTO "T" ("a", "b", "c") VALUES (CAST(? AS text), CAST(? AS timestamp(3)), (SELECT x."id" FROM "X" x WHERE x."gid" = CAST(? AS text))) ON CONFLICT ("a") DO NOTHING`,
      expected: `INSERT INTO "T" ("a", "b", "c") SELECT v.c1, v.c2, (SELECT x."id" FROM "X" x WHERE x."gid" = v.c3) FROM unnest($1::text[], $2::timestamp(3)[], $3::text[]) AS v(c1, c2, c3) ON CONFLICT ("a") DO NOTHING`,
    },
    {
      description: "SELECT … FROM form with an enum type",
      sql: `INSERT INTO "L" ("s", "k") SELECT CAST(? AS "MarketingState"), o."id" FROM "O" o WHERE o."gid" = CAST(? AS text) ON CONFLICT DO NOTHING`,
      expected: `INSERT INTO "L" ("s", "k") SELECT v.c1, o."id" FROM unnest($1::"MarketingState"[], $2::text[]) AS v(c1, c2), "O" o WHERE o."gid" = v.c2 ON CONFLICT DO NOTHING`,
    },
  ])("$description", ({ sql, expected }) => {
    expect(unnestSql(sql)?.sql).toBe(expected);
  });

  it("leaves statements with uncast placeholders alone", () => {
    expect(unnestSql(`UPDATE "SyncRun" SET "checkpoint" = ? WHERE "id" = ?`)).toBeNull();
  });

  it("transposes rows into columns", () => {
    expect(
      columns(
        [
          ["a", 1],
          ["b", null],
        ],
        2,
      ),
    ).toEqual([
      ["a", "b"],
      [1, null],
    ]);
  });
});
