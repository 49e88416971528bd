/**
 * A batch's ids (or tuples) bound as ONE JSON parameter and read back as rows in SQL, on SQLite
 * (`json_each`) and PostgreSQL (`jsonb_array_elements`): a statement over 1,000 rows then binds
 * two or three values instead of a thousand (Prisma maps and the driver binds each one, and
 * SQLite caps a statement at 999), and its text is the same whatever the batch size. Values are
 * bound, never spliced into the SQL.
 *
 * The list comes first in `FROM … CROSS JOIN <table>` on purpose: SQLite then walks the list and
 * looks each item up by the table's index, instead of choosing (without statistics) to scan the
 * shop's whole status index and probe the list (which made the cap's history read grow with every
 * row already sent).
 */
import type { Dialect } from "~/db/sql-runner.server";

/** The FROM item for a bound JSON array, aliased `j`. */
export function jsonRowsSource(dialect: Dialect): string {
  return dialect === "sqlite" ? "json_each(?) AS j" : "jsonb_array_elements(CAST(? AS jsonb)) AS j(value)";
}

/** The list item itself (an array of scalars), as text; `integer` casts it for integer keys. */
export function jsonItem(dialect: Dialect, type: "text" | "integer" = "text"): string {
  if (dialect === "sqlite") return "j.value";
  return type === "integer" ? "CAST(j.value #>> '{}' AS integer)" : "(j.value #>> '{}')";
}

/** Field `index` of a tuple item (an array of arrays), as text. */
export function jsonField(dialect: Dialect, index: number): string {
  return dialect === "sqlite" ? `json_extract(j.value, '$[${index}]')` : `(j.value ->> ${index})`;
}
