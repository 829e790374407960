// Prints a line per test file as it finishes (`wtr [3/16] test/streams/tabs.test.ts: 15 passed`)
// so a long run shows progress, then one plain line CI can read: `wtr: N passed, N failed, N
// skipped`, and writes the same figures to test-results/wtr.json for scripts/test.mjs. A test
// file that failed to load (or threw outside a test) counts as a failure, so a broken import can
// never pass silently.
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export function summaryReporter() {
  let files = 0;
  let done = 0;
  let started = Date.now();
  const count = (suite, into) => {
    for (const t of suite.tests) into[t.skipped ? 'skipped' : t.passed ? 'passed' : 'failed']++;
    for (const s of suite.suites) count(s, into);
    return into;
  };
  return {
    onTestRunStarted() {
      started = Date.now();
    },
    start({ testFiles }) {
      files = testFiles.length;
    },
    reportTestFileResults({ logger, sessionsForTestFile, testFile }) {
      done++;
      const n = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessionsForTestFile) {
        if (session.testResults) count(session.testResults, n);
        if (!session.passed && (!session.testResults || (session.errors?.length ?? 0) > 0)) n.failed++;
      }
      const parts = [`${n.passed} passed`, n.failed ? `${n.failed} failed` : '', n.skipped ? `${n.skipped} skipped` : ''].filter(Boolean);
      logger.log(`wtr [${done}/${files}] ${relative(process.cwd(), testFile)}: ${parts.join(', ')} (${Math.round((Date.now() - started) / 1000)} s)`);
    },
    onTestRunFinished({ sessions }) {
      let passed = 0, failed = 0, skipped = 0;
      const failures = [];
      // One short line per failure: the log's tail is what CI shows.
      const short = (m) => { const t = String(m ?? 'failed').replace(/\s+/g, ' '); return t.length > 300 ? `${t.slice(0, 300)}…` : t; };
      const walk = (suite, file, path) => {
        for (const t of suite.tests) {
          if (t.skipped) skipped++;
          else if (t.passed) passed++;
          else { failed++; failures.push(`${file}: ${[...path, t.name].join(' › ')}: ${short(t.error?.message)}`); }
        }
        for (const s of suite.suites) walk(s, file, [...path, s.name]);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults, session.testFile, []);
        if (!session.passed && (!session.testResults || (session.errors?.length ?? 0) > 0)) {
          failed += 1;
          failures.push(`${session.testFile}: ${short(session.errors?.map((e) => e.message).join('; ') || 'did not run')}`);
        }
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/wtr.json', JSON.stringify({ passed, failed, skipped, failures }));
      console.log(`\nwtr: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    },
  };
}
