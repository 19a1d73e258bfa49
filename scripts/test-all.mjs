// `npm test`: every suite (typecheck, lint with the layering rules, vitest unit + integration,
// Playwright end-to-end over the web shell) and one closing line `N passed, N failed` over all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const tmp = path.join(root, 'tmp');
mkdirSync(tmp, { recursive: true });
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const results = [];

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, cwd: root });
  console.log(`=== ${name}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status ?? 1;
}

const bin = (name) => path.join(root, 'node_modules/.bin', name);

if (want('typecheck')) {
  const code = run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  results.push({ name: 'typecheck', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
}
if (want('lint')) {
  // ESLint (layering, import cycles) and the formatter's check: one suite, as `npm run lint`.
  const code =
    run('lint', bin('eslint'), ['.', '--max-warnings', '0']) || run('format', bin('prettier'), ['--check', '.']);
  results.push({ name: 'lint', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
}
if (want('vitest')) {
  const out = path.join(tmp, 'vitest.json');
  rmSync(out, { force: true });
  const code = run('vitest', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    // A suite that failed to load has no tests; count it as a failure so it cannot hide.
    const brokenFiles = j.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
    results.push({ name: 'vitest', passed: j.numPassedTests, failed: j.numFailedTests + brokenFiles });
  } else results.push({ name: 'vitest', passed: 0, failed: 1 });
  if (code !== 0 && results.at(-1).failed === 0) results.at(-1).failed = 1;
}
if (want('e2e')) {
  const out = path.join(tmp, 'playwright.json');
  rmSync(out, { force: true });
  const code = run('e2e', bin('playwright'), ['test', '-c', 'tests/e2e/playwright.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: out,
  });
  if (existsSync(out)) {
    const s = JSON.parse(readFileSync(out, 'utf8')).stats;
    results.push({
      name: 'e2e',
      passed: s.expected + s.flaky,
      failed: s.unexpected + (code !== 0 && s.unexpected === 0 ? 1 : 0),
    });
  } else results.push({ name: 'e2e', passed: 0, failed: 1 });
  // A failed walk: what the server and the desks said last (tests/e2e/global-setup.ts keeps it).
  const logs = path.join(root, 'tmp', 'e2e-logs');
  if (code !== 0 && existsSync(logs))
    for (const name of readdirSync(logs)) {
      const lines = readFileSync(path.join(logs, name), 'utf8').trimEnd().split('\n');
      console.log(`\n--- ${name} (last ${Math.min(40, lines.length)} of ${lines.length} lines)`);
      console.log(lines.slice(-40).join('\n'));
    }
}

console.log('\nSuites:');
for (const r of results) console.log(`  ${r.name.padEnd(10)} ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
