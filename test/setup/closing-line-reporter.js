/**
 * Prints one plain closing line, `jest: N passed, N failed[, N skipped]`, after jest's own
 * summary. CI tooling that reads a run's last line understands this form in any language;
 * jest's "Tests: N passed, N total" is not in it.
 */
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`;
    // Jest's summary reporter writes after every custom reporter; print at exit to be last.
    // (stderr to files and pipes is synchronous on Linux, so an exit handler may write.)
    process.once("exit", () => process.stderr.write(`${line}\n`));
  }
}

module.exports = ClosingLineReporter;
