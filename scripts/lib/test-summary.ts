/** The subset of vitest's JSON report that `npm test` summarises. */
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  /** One entry per test file, whatever number of describe blocks it holds. */
  testResults: { status: string }[];
}

/**
 * The closing lines of `npm test`. Tests and files are counted apart: a file can fail outside any
 * test (an import error, a hook timing out), and a failed file usually also holds failed tests,
 * so adding the two double-counts. The tests line comes last, as CI reads the last such line.
 */
export function summaryLines(report: VitestReport): string[] {
  const skipped = report.numPendingTests + report.numTodoTests;
  // vitest's numFailedTestSuites counts describe blocks as well as files; a file's own status is
  // what "a failed file" means.
  const files = report.testResults;
  const failedFiles = files.filter((file) => file.status === "failed").length;
  return [
    `Files: ${files.length - failedFiles} passed, ${failedFiles} failed`,
    `Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
  ];
}
