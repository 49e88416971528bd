/**
 * Recursive-descent parser for segment queries:
 *
 *   query   = or EOF
 *   or      = and { "OR" and }
 *   and     = primary { "AND" primary }
 *   primary = "(" or ")" | clause
 *
 * so AND binds tighter than OR. Groups of the same connective are flattened,
 * which makes redundant parentheses disappear from the tree.
 */
import { closestMatch, SegmentQueryParseError, type SegmentQueryError, type SourcePosition } from "./errors";
import { filterNames, lookupFilter, METAFIELD_PREFIX, type ConditionSpec, type FilterSpec, type ParamSpec } from "./filters";
import { tokenize, type Token } from "./lexer";
import { readValue, type TokenCursor } from "./literals";
import type { Clause, Condition, FunctionArg, MatchParam, ParamCondition, Position, SegmentQuery, Value } from "./tree";
import { boundsReversed, readOperator } from "./operators";

export type ParseResult = { ok: true; tree: SegmentQuery } | { ok: false; error: SegmentQueryError };

/** Deep enough for any hand-written query, shallow enough to never overflow the stack. */
export const MAX_NESTING = 100;

const OPERATOR_WORDS = ["AND", "OR", "NOT", "BETWEEN", "CONTAINS", "MATCHES", "NOT_MATCHES", "IN", "IS", "NULL"];

/** Parses a query; never throws. */
export function parseSegmentQuery(text: string): ParseResult {
  try {
    if (typeof text !== "string") return failure("The query must be text", { line: 1, column: 1, offset: 0 });
    return { ok: true, tree: new Parser(tokenize(text)).parseQuery() };
  } catch (error) {
    if (error instanceof SegmentQueryParseError) return { ok: false, error: error.toJSON() };
    // Anything else is a bug in this module; still answer with a position rather than crash the caller.
    const detail = error instanceof Error ? error.message : String(error);
    return failure(`Could not read the query (${detail})`, { line: 1, column: 1, offset: 0 });
  }
}

function failure(problem: string, position: SourcePosition): ParseResult {
  return { ok: false, error: new SegmentQueryParseError(problem, position).toJSON() };
}

function positionOf(token: Token): Position {
  return { line: token.line, column: token.column, offset: token.offset };
}

function describe(token: Token): string {
  return token.kind === "eof" ? "the end of the query" : `'${token.text}'`;
}

class Parser implements TokenCursor {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index] ?? this.last();
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private last(): Token {
    const eof = this.tokens[this.tokens.length - 1];
    if (!eof) throw new Error("token stream is empty");
    return eof;
  }

  private isWord(word: string, token: Token = this.peek()): boolean {
    return token.kind === "ident" && token.text.toUpperCase() === word;
  }

  private isPunct(symbol: string, token: Token = this.peek()): boolean {
    return token.kind === "punct" && token.symbol === symbol;
  }

  private expectPunct(symbol: ")" | "(" | ",", context: string, hint?: string): Token {
    const token = this.peek();
    if (!this.isPunct(symbol, token))
      throw new SegmentQueryParseError(`Expected '${symbol}' ${context}, found ${describe(token)}`, token, hint);
    return this.next();
  }

  parseQuery(): SegmentQuery {
    const first = this.peek();
    if (first.kind === "eof") throw new SegmentQueryParseError("The query is empty", first, "start with a filter, e.g. amount_spent > 100");
    const tree = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== "eof") this.unexpectedAfterClause(rest, false);
    return tree;
  }

  private unexpectedAfterClause(token: Token, inGroup: boolean): never {
    const expected = inGroup ? "AND, OR or ')'" : "AND, OR or the end of the query";
    let hint: string | undefined;
    if (this.isPunct(")", token)) hint = "this ')' has no matching '('";
    else if (token.kind === "ident" && lookupFilter(token.text)) hint = "join clauses with AND or OR";
    else if (token.kind === "ident") {
      const word = closestMatch(token.text, ["AND", "OR"]);
      if (word) hint = `did you mean ${word}?`;
    }
    throw new SegmentQueryParseError(`Expected ${expected}, found ${describe(token)}`, token, hint);
  }

  private parseOr(): SegmentQuery {
    const start = this.peek();
    const children = [this.parseAnd()];
    while (this.isWord("OR")) {
      this.next();
      children.push(this.parseAnd());
    }
    return this.group("or", children, start);
  }

  private parseAnd(): SegmentQuery {
    const start = this.peek();
    const children = [this.parsePrimary()];
    while (this.isWord("AND")) {
      this.next();
      children.push(this.parsePrimary());
    }
    return this.group("and", children, start);
  }

  private group(type: "and" | "or", children: SegmentQuery[], start: Token): SegmentQuery {
    const [only] = children;
    if (children.length === 1 && only) return only;
    const flat: SegmentQuery[] = [];
    for (const child of children) {
      if (child.type === type) flat.push(...child.children);
      else flat.push(child);
    }
    return { type, children: flat, pos: positionOf(start) };
  }

  private parsePrimary(): SegmentQuery {
    const token = this.peek();
    if (!this.isPunct("(", token)) return this.parseClause();
    if (this.depth >= MAX_NESTING)
      throw new SegmentQueryParseError("Parentheses are nested too deeply", token, `use at most ${MAX_NESTING} levels`);
    this.depth++;
    this.next();
    if (this.isPunct(")"))
      throw new SegmentQueryParseError("Empty parentheses", this.peek(), "put a clause inside, e.g. (amount_spent > 100)");
    const inner = this.parseOr();
    const close = this.peek();
    if (!this.isPunct(")", close)) {
      if (close.kind === "eof")
        throw new SegmentQueryParseError("Missing ')'", close, `the '(' at ${token.line}:${token.column} is never closed`);
      this.unexpectedAfterClause(close, true);
    }
    this.next();
    this.depth--;
    return inner;
  }

  private parseClause(): Clause {
    const token = this.peek();
    if (token.kind !== "ident" || OPERATOR_WORDS.includes(token.text.toUpperCase())) {
      const hint = token.kind === "eof" ? "finish the query with a clause such as amount_spent > 100" : undefined;
      throw new SegmentQueryParseError(`Expected a filter name, found ${describe(token)}`, token, hint);
    }
    this.next();
    const spec = this.filterSpec(token);
    const clause: Clause = { type: "clause", filter: spec.name, condition: { op: "null", negated: false }, pos: positionOf(token) };

    let conditionSpec: ConditionSpec & { params?: Readonly<Record<string, ParamSpec>> | undefined } = spec;
    if (this.isPunct("(")) {
      const args = this.parseCallArgs(spec);
      clause.args = args;
      if (args.length > 0 && spec.legacyCall) conditionSpec = spec.legacyCall.result;
      else if (spec.requiresCall) throw this.missingCallArgs(spec, this.peek());
    } else if (spec.requiresCall) {
      throw this.missingCallArgs(spec, this.peek());
    }
    clause.condition = this.parseCondition(conditionSpec, spec.name, true);
    return clause;
  }

  private missingCallArgs(spec: FilterSpec, at: Token): SegmentQueryParseError {
    return new SegmentQueryParseError(
      `'${spec.name}' needs the date attribute to follow`,
      at,
      `write ${spec.name}(date: 'metafields.facts.birth_date') = today`,
    );
  }

  private filterSpec(token: Token): FilterSpec {
    const spec = lookupFilter(token.text);
    if (spec) return spec;
    if (token.text.toLowerCase().startsWith(METAFIELD_PREFIX)) {
      throw new SegmentQueryParseError(
        `Invalid metafield filter '${token.text}'`,
        token,
        "write metafields.<namespace>.<key>, e.g. metafields.custom.vip_level",
      );
    }
    const suggestion = closestMatch(token.text, filterNames());
    throw new SegmentQueryParseError(
      `Unknown filter '${token.text}'`,
      token,
      suggestion ? `did you mean '${suggestion}'?` : "see docs/SEGMENTS.md for the list of filters",
    );
  }

  private parseCallArgs(spec: FilterSpec): FunctionArg[] {
    const open = this.next();
    const call = spec.legacyCall;
    const args: FunctionArg[] = [];
    if (this.isPunct(")")) {
      this.next();
      return args;
    }
    if (!call)
      throw new SegmentQueryParseError(
        `'${spec.name}' does not take arguments`,
        open,
        `write a clause such as ${spec.name} ${spec.operators[0] ?? "="} …`,
      );
    const names = Object.keys(call.args).filter((n) => n !== "");
    for (;;) {
      const start = this.peek();
      let name: string | undefined;
      if (start.kind === "ident" && this.isPunct(":", this.tokens[this.index + 1] ?? start)) {
        name = start.text;
        if (!names.includes(name)) {
          const guess = closestMatch(name, names);
          throw new SegmentQueryParseError(
            `Unknown argument '${name}' for ${spec.name}`,
            start,
            `${guess ? `did you mean '${guess}'? ` : ""}arguments: ${names.join(", ")}`,
          );
        }
        if (args.some((a) => a.name === name)) throw new SegmentQueryParseError(`Argument '${name}' is given twice`, start);
        this.next();
        this.next();
      } else if (call.args[""] === undefined) {
        throw new SegmentQueryParseError(
          `Expected an argument name for ${spec.name}, found ${describe(start)}`,
          start,
          `write name: value, e.g. ${names[0] ?? "id"}: …`,
        );
      }
      const kind = call.args[name ?? ""] ?? "any";
      const value = readValue(this, { valueType: kind, operators: [] }, `${spec.name}(${name ?? ""})`, name ? `'${name}:'` : "'('");
      args.push(name === undefined ? { value, pos: positionOf(start) } : { name, value, pos: positionOf(start) });
      if (this.isPunct(",")) {
        this.next();
        continue;
      }
      this.expectPunct(")", `to close the arguments opened at ${open.line}:${open.column}`);
      return args;
    }
  }

  private parseCondition(
    spec: ConditionSpec & { params?: Readonly<Record<string, ParamSpec>> | undefined },
    subject: string,
    allowMatches: true,
  ): Condition;
  private parseCondition(spec: ConditionSpec, subject: string, allowMatches: false): ParamCondition;
  private parseCondition(
    spec: ConditionSpec & { params?: Readonly<Record<string, ParamSpec>> | undefined },
    subject: string,
    allowMatches: boolean,
  ): Condition {
    const { name, token } = readOperator(this, spec, `'${subject}'`);
    if (!spec.operators.includes(name) || (!allowMatches && (name === "MATCHES" || name === "NOT MATCHES"))) {
      const allowed = spec.operators.length > 0 ? spec.operators.join(", ") : "none";
      throw new SegmentQueryParseError(`Operator ${name} does not apply to '${subject}'`, token, `use one of: ${allowed}`);
    }
    const after = `'${subject} ${name}'`;
    switch (name) {
      case "=":
      case "!=":
      case ">":
      case ">=":
      case "<":
      case "<=":
        return { op: "compare", operator: name, value: readValue(this, spec, `'${subject}'`, after) };
      case "BETWEEN": {
        const from = readValue(this, spec, `'${subject}'`, after);
        const and = this.peek();
        if (!this.isWord("AND", and))
          throw new SegmentQueryParseError(
            `Expected AND between the BETWEEN bounds, found ${describe(and)}`,
            and,
            `write ${subject} BETWEEN low AND high`,
          );
        this.next();
        const toToken = this.peek();
        const to = readValue(this, spec, `'${subject}'`, `'AND'`);
        if (boundsReversed(from, to))
          throw new SegmentQueryParseError("BETWEEN bounds are reversed", toToken, "write the lower bound first; both bounds are included");
        return { op: "between", from, to };
      }
      case "CONTAINS":
      case "NOT CONTAINS":
        return { op: "contains", negated: name === "NOT CONTAINS", value: readValue(this, spec, `'${subject}'`, after) };
      case "IS NULL":
      case "IS NOT NULL":
        return { op: "null", negated: name === "IS NOT NULL" };
      case "IN":
      case "NOT IN":
        return { op: "in", negated: name === "NOT IN", values: this.parseList(spec, subject, after) };
      case "MATCHES":
      case "NOT MATCHES":
        return { op: "matches", negated: name === "NOT MATCHES", params: this.parseParams(spec.params ?? {}, subject) };
    }
  }

  private parseList(spec: ConditionSpec, subject: string, after: string): Value[] {
    const open = this.expectPunct("(", `after ${after}`, "write the values in parentheses, e.g. (1, 2, 3)");
    const values: Value[] = [];
    for (;;) {
      values.push(readValue(this, spec, `'${subject}'`, values.length === 0 ? "'('" : "','"));
      if (this.isPunct(",")) {
        this.next();
        continue;
      }
      this.expectPunct(")", `to close the list opened at ${open.line}:${open.column}`);
      return values;
    }
  }

  private parseParams(params: Readonly<Record<string, ParamSpec>>, filter: string): MatchParam[] {
    const open = this.expectPunct("(", `after '${filter} MATCHES'`, "write the parameters in parentheses, e.g. MATCHES (date > -30d)");
    const out: MatchParam[] = [];
    const names = Object.keys(params);
    if (this.isPunct(")")) {
      this.next();
      return out;
    }
    for (;;) {
      const token = this.peek();
      if (token.kind !== "ident")
        throw new SegmentQueryParseError(
          `Expected a parameter of ${filter}, found ${describe(token)}`,
          token,
          `parameters: ${names.join(", ")}`,
        );
      // Own properties only: a parameter named `constructor` must not find Object.prototype.
      const spec = Object.hasOwn(params, token.text) ? params[token.text] : undefined;
      if (!spec) {
        const guess = closestMatch(token.text, names);
        throw new SegmentQueryParseError(
          `Unknown parameter '${token.text}' for ${filter}`,
          token,
          `${guess ? `did you mean '${guess}'? ` : ""}parameters: ${names.join(", ")}`,
        );
      }
      if (out.some((p) => p.name === token.text))
        throw new SegmentQueryParseError(
          `Parameter '${token.text}' is used twice`,
          token,
          "each parameter may appear once; use BETWEEN for a range",
        );
      this.next();
      out.push({ name: token.text, condition: this.parseCondition(spec, `${filter}.${token.text}`, false), pos: positionOf(token) });
      if (this.isPunct(",")) {
        this.next();
        continue;
      }
      this.expectPunct(")", `to close the parameters opened at ${open.line}:${open.column}`, "separate parameters with commas");
      return out;
    }
  }
}
