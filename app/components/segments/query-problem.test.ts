import { describe, expect, it } from "vitest";
import { parseSegmentQuery } from "~/segments/query-language";
import { describeQueryProblem, problemRange, queryProblemLine } from "./query-problem";

function parseError(text: string) {
  const parsed = parseSegmentQuery(text);
  if (parsed.ok) throw new Error(`${text} parsed`);
  return parsed.error;
}

describe("describeQueryProblem", () => {
  it.each([
    { description: "a typo names the position once", text: "number_of_orders >= 2 AND amout_spent > 5" },
    { description: "an unknown filter on line 2", text: "number_of_orders >= 2\nAND favourite_colour = 'red'" },
    { description: "a missing value at the end", text: "number_of_orders >=" },
  ])("$description", ({ text }) => {
    const error = parseError(text);
    const line = queryProblemLine(error);
    expect(line.startsWith(`Line ${error.line}, column ${error.column}: `)).toBe(true);
    // The position is said once, in words: no "at 1:22" left from the parser's message.
    expect(line).not.toMatch(/\bat \d+:\d+/);
    expect(line).not.toContain("docs/SEGMENTS.md");
  });

  it("points an unknown filter at the in-app reference instead of docs/SEGMENTS.md", () => {
    const error = parseError("favourite_colour = 'red'");
    expect(error.message).toContain("docs/SEGMENTS.md");
    expect(describeQueryProblem(error)).toEqual({
      where: "Line 1, column 1",
      message: "Unknown filter 'favourite_colour'",
      linkReference: true,
    });
  });

  it("keeps a message without a position as it is", () => {
    expect(describeQueryProblem({ message: "Flock cannot evaluate the filter 'rfm_group' at 1:1 yet" })).toEqual({
      where: undefined,
      message: "Flock cannot evaluate the filter 'rfm_group' at 1:1 yet",
      linkReference: false,
    });
  });
});

describe("problemRange", () => {
  it.each([
    { description: "the misspelt filter", text: "number_of_orders >= 2 AND amout_spent > 5", marked: "amout_spent" },
    { description: "a filter on the second line", text: "number_of_orders >= 2\nAND favourite_colour = 'red'", marked: "favourite_colour" },
    { description: "nothing at the end of the text", text: "number_of_orders >=", marked: "" },
    { description: "one character at punctuation", text: "number_of_orders >= 2 AND )", marked: ")" },
  ])("marks $description", ({ text, marked }) => {
    const error = parseError(text);
    const { start, end } = problemRange(text, error.line, error.column);
    expect(text.slice(start, end)).toBe(marked);
    expect(start).toBe(error.offset);
  });
});
