// PURE: how the editor words a query problem and which part of the text it marks. The parser's
// messages repeat their position ("… at 1:22") so they stand alone in the CLI and logs; the
// editor states the position once, in words, and marks the spot in the text instead.

/** The parser's pointer to docs/SEGMENTS.md, which merchants cannot open; the editor links the in-app reference. */
const DOCS_HINT = / — see docs\/SEGMENTS\.md for the list of filters$/;

export interface QueryProblemText {
  /** "Line 1, column 22", or undefined when the problem has no position. */
  where?: string;
  message: string;
  /** The text pointed at the filter list: show a link to the reference. */
  linkReference: boolean;
}

export function describeQueryProblem(p: { message: string; line?: number; column?: number }): QueryProblemText {
  const positioned = p.line !== undefined && p.column !== undefined;
  let message = p.message;
  if (positioned) message = message.replace(` at ${p.line}:${p.column}`, "");
  const linkReference = DOCS_HINT.test(message);
  message = message.replace(DOCS_HINT, "");
  return { where: positioned ? `Line ${p.line}, column ${p.column}` : undefined, message, linkReference };
}

/** One line for places without room for a link (a banner's body, a status line). */
export function queryProblemLine(p: { message: string; line?: number; column?: number }): string {
  const d = describeQueryProblem(p);
  const text = d.where ? `${d.where}: ${d.message}` : d.message;
  return d.linkReference ? `${text} — see the filter reference` : text;
}

/** Characters that continue a filter name or a word-like token. */
const WORD = /[A-Za-z0-9_.]/;

/**
 * The range of `text` to mark for a problem at 1-based `line` and `column`: the word there,
 * one character when the problem is at punctuation, or an empty range at the end of the text.
 */
export function problemRange(text: string, line: number, column: number): { start: number; end: number } {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", start);
    if (next === -1) break;
    start = next + 1;
  }
  start = Math.min(text.length, start + Math.max(0, column - 1));
  let end = start;
  while (end < text.length && WORD.test(text[end] ?? "")) end++;
  if (end === start && start < text.length && text[start] !== "\n") end = start + 1;
  return { start, end };
}
