import { describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { createTestDb } from "../../tests/setup/test-db";
import { checkDatabase } from "./readiness.server";

describe("checkDatabase", () => {
  it("is ready when the database answers", async () => {
    const t = await createTestDb();
    expect(await checkDatabase(t.db)).toEqual({ ok: true, database: "up" });
    await t.drop();
  });

  it("is not ready when the database is unreachable", async () => {
    const unreachable =
      process.env.TEST_DATABASE === "postgres"
        ? connectDb("postgresql://postgres@127.0.0.1:1/nowhere")
        : connectDb("file:/nonexistent-dir/flock.sqlite");
    const result = await checkDatabase(unreachable);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ database: "down" });
  });
});
