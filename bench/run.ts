// `npm run bench`: every benchmark in turn, then one report with the machine it ran on.
// `npm run bench -- --quick` for a smoke test; `--only=size,throughput` (or `npm run bench -- watchers scale`) for some; `--help` for all options.

import { run as delivery } from './delivery.ts';
import { formatSections, parseOptions, pinLoadGenerator, printReport, type Section } from './lib/report.ts';
import { run as paidToVisible } from './paid-to-visible.ts';
import { run as reconciler } from './reconciler.ts';
import { run as scale } from './scale.ts';
import { run as size } from './size.ts';
import { run as throughput } from './throughput.ts';
import { run as upstream } from './upstream.ts';
import { run as watchers } from './watchers.ts';

const benchmarks = {
  size,
  throughput,
  upstream,
  'paid-to-visible': paidToVisible,
  scale,
  watchers,
  reconciler,
  delivery,
} as const;

const options = parseOptions();
const unknown = options.only.filter((name) => !(name in benchmarks));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')} (known: ${Object.keys(benchmarks).join(', ')})`);
  process.exit(64);
}
pinLoadGenerator();
const sections: Section[] = [];
let failed = 0;
const started = Date.now();
for (const [name, run] of Object.entries(benchmarks)) {
  if (options.only.length && !options.only.includes(name)) continue;
  const t0 = Date.now();
  process.stderr.write(`bench: ${name}… `);
  try {
    const result = await run(options);
    sections.push(...result);
    process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    // Progress as it goes; the full report is printed again at the end.
    process.stderr.write(`${formatSections(result)}\n\n`);
  } catch (error) {
    failed++;
    process.stderr.write('failed\n');
    console.error(error);
    sections.push({
      title: `${name}: FAILED`,
      columns: ['error'],
      rows: [[error instanceof Error ? error.message : String(error)]],
      notes: [],
    });
  }
}
console.log(`\n# PayLink benchmarks (${((Date.now() - started) / 1000).toFixed(0)} s)`);
printReport(sections, options);
process.exit(failed ? 1 : 0);
