// Small readers for untyped JSON (JSONL lines, webhook bodies): a missing required field is
// a contract break and throws with the record's id; optional ones read as null.

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
}

export function str(record: Json, key: string): string {
  const value = record[key];
  if (typeof value !== "string") throw new Error(`${describe(record)}: expected string ${key}, got ${JSON.stringify(value)}`);
  return value;
}

export function optStr(record: Json | null, key: string): string | null {
  const value = record?.[key];
  return typeof value === "string" && value !== "" ? value : null;
}

export function date(record: Json, key: string): Date {
  const parsed = optDate(record, key);
  if (!parsed) throw new Error(`${describe(record)}: expected date ${key}, got ${JSON.stringify(record[key])}`);
  return parsed;
}

export function optDate(record: Json | null, key: string): Date | null {
  const value = optStr(record, key);
  if (value === null) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

export function int(record: Json, key: string): number {
  const value = record[key];
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n))
    throw new Error(`${describe(record)}: expected integer ${key}, got ${JSON.stringify(value)}`);
  return n;
}

export function bool(record: Json | null, key: string): boolean {
  return record?.[key] === true;
}

export function stringList(record: Json, key: string): string[] {
  const value = record[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The `id` of a nested `{ id }` object (`customer { id }`), or null. */
export function nestedId(record: Json, key: string): string | null {
  return optStr(obj(record[key]), "id");
}

function describe(record: Json): string {
  const id = record.id ?? record.admin_graphql_api_id ?? record.token;
  return typeof id === "string" || typeof id === "number" ? `Record ${id}` : "Record";
}
