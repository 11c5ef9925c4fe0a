#!/usr/bin/env node
// `npm test`: lint, type-check, build the web app (the browser tests drive the built app), then
// every vitest project (engine, server on PostgreSQL, browser in Chromium). Vitest's own summary
// is not a line CI reads, so the totals of all steps are printed last as `N passed, N failed`.
// Under CI=true a skipped test counts as failed: nothing may be skipped there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;

function step(name, cmd, args) {
  const t = Date.now();
  process.stdout.write(`\n=== ${name}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  process.stdout.write(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - t) / 1000).toFixed(1)} s)\n`);
  return ok;
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

if (extra.length === 0) {
  for (const [name, cmd, args] of [
    ['lint', bin('eslint'), ['.']],
    ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
    ['build web', 'npm', ['run', 'build', '-w', '@leitai/web']],
  ]) {
    if (step(name, cmd, args)) passed++;
    else failed++;
  }
}

const outDir = join(root, '.vitest-results');
const outFile = join(outDir, 'results.json');
mkdirSync(outDir, { recursive: true });
rmSync(outFile, { force: true });
const vitestOk = step('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${outFile}`, ...extra]);
if (existsSync(outFile)) {
  const r = JSON.parse(readFileSync(outFile, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  const skipped = r.numPendingTests + r.numTodoTests;
  // a test file that failed to load has no tests in the counts: count it as one failure
  failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  if (skipped > 0) {
    if (ci) {
      process.stdout.write(`${skipped} test(s) skipped: under CI nothing may be skipped\n`);
      failed += skipped;
    } else {
      process.stdout.write(`${skipped} test(s) skipped\n`);
    }
  }
} else {
  process.stdout.write('vitest wrote no results\n');
  failed++;
}
// vitest failing with no failed test counted (a global setup that threw, an unhandled error) is
// still a failure: the suite did not run
if (!vitestOk && failed === 0) {
  process.stdout.write('vitest failed before or outside the tests: counted as one failure\n');
  failed++;
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
