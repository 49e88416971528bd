/**
 * Errors a merchant can act on: every failure carries a 1-based line and column
 * so the editor can underline the spot, and the message repeats the position so
 * it still makes sense when shown on its own (CLI, logs, API responses).
 */

export interface SourcePosition {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units like the browser's editor. */
  column: number;
  /** 0-based offset into the query text. */
  offset: number;
}

export interface SegmentQueryError {
  message: string;
  line: number;
  column: number;
  offset: number;
}

export class SegmentQueryParseError extends Error {
  readonly line: number;
  readonly column: number;
  readonly offset: number;

  constructor(problem: string, position: SourcePosition, hint?: string) {
    super(formatMessage(problem, position, hint));
    this.name = "SegmentQueryParseError";
    this.line = position.line;
    this.column = position.column;
    this.offset = position.offset;
  }

  toJSON(): SegmentQueryError {
    return { message: this.message, line: this.line, column: this.column, offset: this.offset };
  }
}

export function formatMessage(problem: string, position: SourcePosition, hint?: string): string {
  const at = `${problem} at ${position.line}:${position.column}`;
  return hint ? `${at} — ${hint}` : at;
}

/** Levenshtein distance, bounded so suggestions stay cheap on long inputs. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

/**
 * The closest candidate, if it is close enough to be a plausible typo. Case is
 * ignored so `AMOUNT_SPENT` still points at `amount_spent`.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  if (needle.length > 80) return undefined;
  const budget = Math.max(2, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= budget ? best : undefined;
}

export function quoteList(items: readonly string[]): string {
  return items.join(", ");
}
