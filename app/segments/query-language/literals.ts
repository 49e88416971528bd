/**
 * Reads one literal from the token stream and checks it against the value
 * kind the filter or parameter expects, so `last_order_date > 100` fails at
 * the `100` with a message that says what a date looks like.
 */
import { closestMatch, SegmentQueryParseError } from "./errors";
import type { ConditionSpec, ValueKind } from "./filters";
import type { Token } from "./lexer";
import type { DateValue, Value } from "./tree";
import { compareDecimal, DEPRECATED_NAMED_DATES, describeValue, fitsInt64, fitsUint64, quoteString } from "./values";

/** Cursor over tokens shared by the parser and this module. */
export interface TokenCursor {
  peek(): Token;
  next(): Token;
}

const EXPECTED: Record<ValueKind, string> = {
  money: "an amount",
  number: "a number",
  integer: "a whole number",
  id: "an id",
  flock_id: "an id",
  string: "a quoted string",
  enum: "a quoted value",
  boolean: "true or false",
  date: "a date",
  coordinates: "coordinates",
  any: "a value",
};

const HOW: Record<ValueKind, string> = {
  money: "write a plain amount such as 100 or 999.99 (no currency symbol or thousands separator)",
  number: "write a number such as 42 or 12.5",
  integer: "write a whole number such as 5",
  id: "write the numeric id without quotes, e.g. 2012162031638",
  flock_id: "write the id, e.g. 42 or 'clx0abc123'",
  string: "wrap text in single quotes, e.g. 'VIP'",
  enum: "wrap the value in single quotes",
  boolean: "write true or false",
  date: "write yyyy-mm-dd, yyyy-mm-ddTHH:mm:ss, an offset such as -30d, today or yesterday",
  coordinates: "write (latitude, longitude), e.g. (45.5017, -73.5673)",
  any: "write a quoted string, a number, a date or true/false",
};

type Raw =
  | { kind: "number"; text: string }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "date"; value: DateValue }
  | { kind: "coordinates"; latitude: string; longitude: string };

function rawToValue(raw: Raw): Value {
  switch (raw.kind) {
    case "number":
      return { type: "number", value: raw.text };
    case "string":
      return { type: "string", value: raw.value };
    case "boolean":
      return { type: "boolean", value: raw.value };
    case "date":
      return { type: "date", value: raw.value };
    case "coordinates":
      return { type: "coordinates", latitude: raw.latitude, longitude: raw.longitude };
  }
}

function describeToken(token: Token): string {
  return token.kind === "eof" ? "the end of the query" : `'${token.text}'`;
}

export function readValue(cursor: TokenCursor, spec: ConditionSpec, subject: string, after: string): Value {
  const token = cursor.peek();
  const raw = readRaw(cursor, token, spec, EXPECTED[spec.valueType], after);
  return convert(raw, token, spec, subject);
}

function readRaw(cursor: TokenCursor, token: Token, spec: ConditionSpec, want: string, after: string): Raw {
  const fail = (hint?: string): never => {
    throw new SegmentQueryParseError(`Expected ${want} after ${after}, found ${describeToken(token)}`, token, hint ?? HOW[spec.valueType]);
  };
  switch (token.kind) {
    case "number":
      cursor.next();
      return { kind: "number", text: token.text };
    case "string":
      cursor.next();
      return { kind: "string", value: token.value };
    case "date":
      cursor.next();
      return {
        kind: "date",
        value: token.time === undefined ? { kind: "absolute", date: token.date } : { kind: "absolute", date: token.date, time: token.time },
      };
    case "offset":
      cursor.next();
      return { kind: "date", value: { kind: "relative", amount: token.amount, unit: token.unit } };
    case "named": {
      const replacement = DEPRECATED_NAMED_DATES[token.text.toLowerCase()];
      if (!replacement) {
        const m = /^(\d+)_(day|week|month|year)s?_ago$/i.exec(token.text);
        const unit = m?.[2]?.[0]?.toLowerCase();
        throw new SegmentQueryParseError(
          `Unknown named date '${token.text}'`,
          token,
          m && unit ? `use the offset -${m[1] ?? ""}${unit}` : "use an offset such as -30d",
        );
      }
      cursor.next();
      return { kind: "date", value: { kind: "relative", amount: replacement.amount, unit: replacement.unit } };
    }
    case "ident": {
      const word = token.text.toLowerCase();
      if (word === "true" || word === "false") {
        cursor.next();
        return { kind: "boolean", value: word === "true" };
      }
      if (word === "today" || word === "yesterday") {
        cursor.next();
        return { kind: "date", value: { kind: word } };
      }
      if (word === "null") return fail("to test for a missing value write IS NULL or IS NOT NULL");
      if (spec.valueType === "enum" || spec.valueType === "string") return fail(`wrap the value in single quotes: '${token.text}'`);
      return fail();
    }
    case "punct":
      if (token.symbol === "(" && spec.valueType === "coordinates") return readCoordinates(cursor, token);
      return fail();
    default:
      return fail();
  }
}

function readCoordinates(cursor: TokenCursor, open: Token): Raw {
  cursor.next();
  const parts: string[] = [];
  for (const label of ["latitude", "longitude"]) {
    const token = cursor.next();
    if (token.kind !== "number") {
      throw new SegmentQueryParseError(`Expected the ${label} as a number, found ${describeToken(token)}`, token, HOW.coordinates);
    }
    parts.push(token.text);
    const sep = cursor.next();
    const wanted = label === "latitude" ? "," : ")";
    if (sep.kind !== "punct" || sep.symbol !== wanted) {
      throw new SegmentQueryParseError(
        `Expected '${wanted}' in coordinates opened at ${open.line}:${open.column}, found ${describeToken(sep)}`,
        sep,
        HOW.coordinates,
      );
    }
  }
  const [latitude = "0", longitude = "0"] = parts;
  if (Math.abs(Number(latitude)) > 90)
    throw new SegmentQueryParseError(`Latitude ${latitude} is out of range`, open, "latitude goes from -90 to 90");
  if (Math.abs(Number(longitude)) > 180)
    throw new SegmentQueryParseError(`Longitude ${longitude} is out of range`, open, "longitude goes from -180 to 180");
  return { kind: "coordinates", latitude, longitude };
}

function convert(raw: Raw, token: Token, spec: ConditionSpec, subject: string): Value {
  const kind = spec.valueType;
  const value = rawToValue(raw);
  const mismatch = (): never => {
    throw new SegmentQueryParseError(`Expected ${EXPECTED[kind]} for ${subject}, found ${describeValue(value)}`, token, HOW[kind]);
  };
  switch (kind) {
    case "money":
    case "number": {
      if (raw.kind !== "number") return mismatch();
      if (raw.text.length > 40) throw new SegmentQueryParseError(`Number '${raw.text}' is too long`, token, "use at most 40 digits");
      if (spec.min !== undefined && compareDecimal(raw.text, spec.min) < 0) return outOfRange(raw.text, token, subject, spec);
      if (spec.max !== undefined && compareDecimal(raw.text, spec.max) > 0) return outOfRange(raw.text, token, subject, spec);
      return value;
    }
    case "integer":
      if (raw.kind !== "number") return mismatch();
      if (raw.text.includes("."))
        throw new SegmentQueryParseError(
          `Expected a whole number for ${subject}, found '${raw.text}'`,
          token,
          "decimals are not allowed here",
        );
      if (!fitsInt64(raw.text))
        throw new SegmentQueryParseError(`Number '${raw.text}' is too large`, token, "it must fit in a signed 64-bit integer");
      return value;
    case "id":
    case "flock_id":
      if (kind === "flock_id" && raw.kind === "string") {
        if (raw.value.length === 0) throw new SegmentQueryParseError(`Empty id for ${subject}`, token, HOW.flock_id);
        return value;
      }
      if (raw.kind !== "number") return mismatch();
      if (!/^\d+$/.test(raw.text))
        throw new SegmentQueryParseError(`Invalid id '${raw.text}' for ${subject}`, token, "ids are positive whole numbers");
      if (!fitsUint64(raw.text))
        throw new SegmentQueryParseError(`Id '${raw.text}' is too large`, token, "ids fit in an unsigned 64-bit integer");
      return { type: "id", value: raw.text };
    case "string":
      return raw.kind === "string" ? value : mismatch();
    case "enum": {
      if (raw.kind !== "string") return mismatch();
      const allowed = spec.enumValues ?? [];
      if (allowed.includes(raw.value)) return value;
      const suggestion = closestMatch(raw.value, allowed);
      throw new SegmentQueryParseError(
        `Unknown value ${quoteString(raw.value)} for ${subject}`,
        token,
        `${suggestion ? `did you mean ${quoteString(suggestion)}? ` : ""}allowed: ${allowed.map(quoteString).join(", ")}`,
      );
    }
    case "boolean":
      return raw.kind === "boolean" ? value : mismatch();
    case "date":
      return raw.kind === "date" ? value : mismatch();
    case "coordinates":
      return raw.kind === "coordinates" ? value : mismatch();
    case "any":
      return raw.kind === "coordinates" ? mismatch() : value;
  }
}

function outOfRange(text: string, token: Token, subject: string, spec: ConditionSpec): never {
  throw new SegmentQueryParseError(
    `${text} is out of range for ${subject}`,
    token,
    `use a value from ${spec.min ?? "-∞"} to ${spec.max ?? "∞"}`,
  );
}
