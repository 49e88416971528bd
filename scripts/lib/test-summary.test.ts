import { describe, expect, it } from "vitest";
import { summaryLines } from "./test-summary";

const files = (passed: number, failed: number) => [
  ...Array.from({ length: passed }, () => ({ status: "passed" })),
  ...Array.from({ length: failed }, () => ({ status: "failed" })),
];

describe("summaryLines", () => {
  it("counts failed tests and failed files apart", () => {
    // GIVEN vitest's count of 2 failed tests in 4 failed files (two failed outside any test)
    const lines = summaryLines({
      numPassedTests: 973,
      numFailedTests: 2,
      numPendingTests: 0,
      numTodoTests: 0,
      testResults: files(129, 4),
    });
    // THEN both are said, neither added to the other, and the tests line comes last
    expect(lines).toEqual(["Files: 129 passed, 4 failed", "Tests: 973 passed, 2 failed"]);
  });

  it("says how many were skipped", () => {
    const lines = summaryLines({ numPassedTests: 10, numFailedTests: 0, numPendingTests: 1, numTodoTests: 2, testResults: files(3, 0) });
    expect(lines.at(-1)).toBe("Tests: 10 passed, 0 failed, 3 skipped");
  });
});
