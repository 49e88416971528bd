/**
 * PURE: ordered-id.ts's ids built by the database, so a bulk insert sends each row's place in its
 * batch (a few digits) instead of its 36-character id: the head and tail are bound once per
 * statement and the sequence digits formatted in SQL, exactly as `orderedIds` formats them
 * (ordered-id-sql.integration.test.ts compares the two on both databases).
 */
import type { Dialect } from "~/db/sql-runner.server";

/**
 * The id of the row whose sequence number is the integer expression `seq`, with the batch's head
 * and tail bound as the two `?` (in that order). `seq` appears three times in the result.
 */
export function orderedIdSql(dialect: Dialect, seq: string): string {
  if (dialect === "sqlite") return `printf('%s%03x-8%03x-%x%s', ?, (${seq}) >> 16, ((${seq}) >> 4) & 4095, (${seq}) & 15, ?)`;
  const digits = (value: string, width: number) => `lpad(to_hex(${value}), ${width}, '0')`;
  return `(CAST(? AS text) || ${digits(`(${seq}) >> 16`, 3)} || '-8' || ${digits(`((${seq}) >> 4) & 4095`, 3)} || '-' || to_hex((${seq}) & 15) || CAST(? AS text))`;
}
