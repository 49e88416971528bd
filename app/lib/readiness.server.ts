import type { Db } from "~/db/db.server";

export type Readiness = { ok: true; database: "up" } | { ok: false; database: "down"; error: string };

export async function checkDatabase(db: Db): Promise<Readiness> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return { ok: true, database: "up" };
  } catch (error) {
    return { ok: false, database: "down", error: error instanceof Error ? (error.message.split("\n")[0] ?? "unknown") : String(error) };
  }
}
