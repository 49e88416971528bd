/** The subset of vitest's JSON report that `npm test` summarises. */
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numPassedTestSuites: number;
  numFailedTestSuites: number;
}

/**
 * The closing lines of `npm test`. Tests and files are counted apart: a file can fail outside any
 * test (an import error, a hook timing out), and a failed file usually also holds failed tests,
 * so adding the two double-counts. The tests line comes last, as CI reads the last such line.
 */
export function summaryLines(report: VitestReport): string[] {
  const skipped = report.numPendingTests + report.numTodoTests;
  return [
    `Files: ${report.numPassedTestSuites} passed, ${report.numFailedTestSuites} failed`,
    `Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
  ];
}
