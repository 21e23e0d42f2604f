// Runs every Vitest project and ends with the plain "N passed, N failed" line CI reads
// (TOOLCHAIN.md, gotcha 14). Extra arguments go to Vitest, e.g. `npm test -- --project node`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const report = '.vitest/results.json';
mkdirSync('.vitest', { recursive: true });
const result = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
try {
  const summary = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
  };
  console.log(
    `\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests} skipped`,
  );
} catch {
  console.log('\n0 passed, 1 failed (Vitest wrote no report)');
}
process.exit(result.status ?? 1);
