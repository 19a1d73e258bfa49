// Builds the renderer when its output is missing or older than its sources (start, e2e, bench).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureRendererBuilt(root = process.cwd(), log = console.log) {
  const index = path.join(root, 'out/renderer/index.html');
  const sources = Math.max(newest(path.join(root, 'renderer')), newest(path.join(root, 'domain')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return false;
  log('Сборка интерфейса (renderer)…');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureRendererBuilt();
