/**
 * Operator spellings, including the two-word ones (`NOT CONTAINS`, `IS NOT NULL`),
 * and the BETWEEN sanity check.
 */
import { closestMatch, SegmentQueryParseError } from "./errors";
import type { ConditionSpec, OperatorName } from "./filters";
import type { Token } from "./lexer";
import type { TokenCursor } from "./literals";
import type { Value } from "./tree";
import { compareDecimal } from "./values";

function isWord(token: Token, word: string): boolean {
  return token.kind === "ident" && token.text.toUpperCase() === word;
}

function describe(token: Token): string {
  return token.kind === "eof" ? "the end of the query" : `'${token.text}'`;
}

export function readOperator(cursor: TokenCursor, spec: ConditionSpec, subject: string): { name: OperatorName; token: Token } {
  const token = cursor.peek();
  if (token.kind === "op") {
    cursor.next();
    return { name: token.symbol, token };
  }
  if (token.kind === "ident") {
    const word = token.text.toUpperCase();
    const simple: Record<string, OperatorName> = {
      BETWEEN: "BETWEEN",
      CONTAINS: "CONTAINS",
      MATCHES: "MATCHES",
      IN: "IN",
      NOT_MATCHES: "NOT MATCHES",
    };
    const direct = simple[word];
    if (direct) {
      cursor.next();
      return { name: direct, token };
    }
    if (word === "NOT") {
      cursor.next();
      const second = cursor.peek();
      const negated: Record<string, OperatorName> = { CONTAINS: "NOT CONTAINS", MATCHES: "NOT MATCHES", IN: "NOT IN" };
      const name = second.kind === "ident" ? negated[second.text.toUpperCase()] : undefined;
      if (!name) throw new SegmentQueryParseError(`Expected CONTAINS, MATCHES or IN after NOT, found ${describe(second)}`, second);
      cursor.next();
      return { name, token };
    }
    if (word === "IS") {
      cursor.next();
      const negate = isWord(cursor.peek(), "NOT");
      if (negate) cursor.next();
      const last = cursor.peek();
      if (!isWord(last, "NULL"))
        throw new SegmentQueryParseError(`Expected NULL after ${negate ? "IS NOT" : "IS"}, found ${describe(last)}`, last);
      cursor.next();
      return { name: negate ? "IS NOT NULL" : "IS NULL", token };
    }
  }
  const allowed = spec.operators;
  let hint = `expected one of: ${allowed.join(", ")}`;
  if (token.kind === "ident") {
    const guess = closestMatch(token.text, ["BETWEEN", "CONTAINS", "MATCHES", "NOT", "IS", "IN"]);
    if (guess) hint = `did you mean ${guess}? ${hint}`;
  }
  throw new SegmentQueryParseError(`Expected an operator after ${subject}, found ${describe(token)}`, token, hint);
}

/** Only comparable literals can be checked; relative dates depend on the clock. */
export function boundsReversed(from: Value, to: Value): boolean {
  if (from.type === "number" && to.type === "number") return compareDecimal(from.value, to.value) > 0;
  if (from.type === "date" && to.type === "date" && from.value.kind === "absolute" && to.value.kind === "absolute") {
    const a = `${from.value.date}T${from.value.time ?? "00:00:00"}`;
    const b = `${to.value.date}T${to.value.time ?? "00:00:00"}`;
    return a > b;
  }
  return false;
}
