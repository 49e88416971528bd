import { describe, expect, it } from "vitest";
import { multiRowInsert, plainStatement } from "./apply-batch-sql";

const ONE_ROW = `INSERT INTO "T" ("a", "b", "c") VALUES (CAST(? AS text), CAST(? AS integer), (SELECT x."id" FROM "X" x WHERE x."k" = CAST(? AS text))) ON CONFLICT ("a") DO NOTHING`;
const SQLITE_ROW = `INSERT INTO "T" ("a", "b", "c") VALUES (?, ?, (SELECT x."id" FROM "X" x WHERE x."k" = ?)) ON CONFLICT ("a") DO NOTHING`;

describe("multiRowInsert", () => {
  it("repeats the row's tuple on SQLite and binds every row's values in turn", () => {
    const s = multiRowInsert(
      "sqlite",
      SQLITE_ROW,
      [
        ["p", 1, "k1"],
        ["q", 2, "k2"],
      ],
      ' RETURNING "a"',
    );
    expect(s.sql).toBe(
      `INSERT INTO "T" ("a", "b", "c") VALUES (?, ?, (SELECT x."id" FROM "X" x WHERE x."k" = ?)), (?, ?, (SELECT x."id" FROM "X" x WHERE x."k" = ?)) ON CONFLICT ("a") DO NOTHING RETURNING "a"`,
    );
    expect(s.params).toEqual(["p", 1, "k1", "q", 2, "k2"]);
  });

  it("binds dates as Prisma's SQLite adapter stores them", () => {
    const s = multiRowInsert("sqlite", SQLITE_ROW, [["p", 1, new Date("2026-11-02T09:00:00.000Z")]]);
    expect(s.params).toEqual(["p", 1, "2026-11-02T09:00:00.000+00:00"]);
  });

  it("turns the row into one unnest over column arrays on PostgreSQL", () => {
    const s = multiRowInsert("postgres", ONE_ROW, [
      ["p", 1, "k1"],
      ["q", 2, "k2"],
    ]);
    expect(s.sql).toContain("FROM unnest($1::text[], $2::integer[], $3::text[]) AS v(c1, c2, c3)");
    expect(s.sql).toContain(`x."k" = v.c3`);
    expect(s.params).toEqual([
      ["p", "q"],
      [1, 2],
      ["k1", "k2"],
    ]);
  });

  it("names the statement it cannot batch", () => {
    expect(() => multiRowInsert("sqlite", `UPDATE "T" SET "a" = ?`, [["p"]])).toThrow(/no VALUES tuple: UPDATE "T"/);
    expect(() => multiRowInsert("sqlite", SQLITE_ROW, [])).toThrow("multiRowInsert: no rows");
  });
});

describe("plainStatement", () => {
  it("numbers placeholders on PostgreSQL only", () => {
    expect(plainStatement("postgres", `SELECT 1 WHERE "a" = ? AND "b" = ?`, ["x", 2]).sql).toBe(`SELECT 1 WHERE "a" = $1 AND "b" = $2`);
    expect(plainStatement("sqlite", `SELECT 1 WHERE "a" = ?`, ["x"]).sql).toBe(`SELECT 1 WHERE "a" = ?`);
  });
});
