// Mozilla's linter (npm `web-ext`, what addons.mozilla.org runs on a submission) over the built
// Firefox extension: no errors, and no warning but lit-html's own `innerHTML`, which fills a
// <template> with the element templates' static markup (never with data).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const extensionDir = resolve('extension/.output/firefox-mv2');

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

describe('web-ext lint of the Firefox build', () => {
  let report: LintReport;

  beforeAll(() => {
    if (!existsSync(join(extensionDir, 'manifest.json'))) {
      const build = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], {
        cwd: 'extension',
        stdio: 'inherit',
      });
      if (build.status !== 0) throw new Error('wxt build -b firefox failed');
    }
    const lint = spawnSync(
      process.execPath,
      [
        'node_modules/web-ext/bin/web-ext.js',
        'lint',
        '--source-dir',
        extensionDir,
        '--output',
        'json',
        '--no-input',
      ],
      { encoding: 'utf8' },
    );
    report = JSON.parse(lint.stdout) as LintReport;
  });

  it('finds no errors and no notices', () => {
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
  });

  it("warns only about lit-html's template innerHTML", () => {
    expect(report.warnings.map((warning) => warning.code)).toEqual(['UNSAFE_VAR_ASSIGNMENT']);
    const [warning] = report.warnings;
    const source = readFileSync(join(extensionDir, warning!.file!), 'utf8');
    // lit-html's TemplateInstance: `static createElement(html) { const el = d.createElement('template'); el.innerHTML = html; … }`
    expect(source).toMatch(
      /static createElement\(\w+,\w+\)\{let \w+=\w+\.createElement\(`template`\);return \w+\.innerHTML=\w+,\w+\}/,
    );
    expect(source.match(/innerHTML/g)).toHaveLength(1);
  });
});
