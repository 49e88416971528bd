import { afterAll, beforeAll, expect, it } from "vitest";
import { dbDialect } from "~/db/dialect.server";
import { toPgPlaceholders } from "~/db/sql-runner.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { jsonItem, jsonRowsSource } from "~/db/json-rows.server";
import { MAX_BATCH_IDS, orderedIdAt, orderedIdParts } from "./ordered-id";
import { orderedIdSql } from "./ordered-id-sql";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

it("builds in SQL the very ids orderedIds gives, across every digit boundary of the sequence", async () => {
  // GIVEN a batch's shared parts and sequence numbers at the edges of each hex group
  const parts = orderedIdParts(Date.parse("2026-12-06T10:00:00Z"), Uint8Array.from([0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54]));
  const seqs = [0, 1, 15, 16, 4_095, 4_096, 65_535, 65_536, 1_048_575, 1_048_576, MAX_BATCH_IDS - 1];
  // WHEN the database builds them
  const dialect = dbDialect(t.db);
  const seq = jsonItem(dialect, "integer");
  let sql = `SELECT ${seq} AS "seq", ${orderedIdSql(dialect, seq)} AS "id" FROM ${jsonRowsSource(dialect)}`;
  if (dialect === "postgres") sql = toPgPlaceholders(sql);
  const rows = await t.db.$queryRawUnsafe<{ seq: number | bigint; id: string }[]>(sql, parts.head, parts.tail, JSON.stringify(seqs));
  // THEN each is the id orderedIds gives that row
  const built = rows.map((r) => [Number(r.seq), r.id]).sort((a, b) => Number(a[0]) - Number(b[0]));
  expect(built).toEqual(seqs.map((s) => [s, orderedIdAt(parts, s)]));
});
