// Starting the system's processes (central server, web shell) and waiting for their ready line.
import { spawn } from 'node:child_process';
import path from 'node:path';

/** Runs a TypeScript entry with tsx; resolves with the URL from its `<marker> <url>` line. */
export function startTs(
  entry,
  args,
  { marker, env = {}, onLine = () => {}, cwd = process.cwd(), timeoutMs = 180_000 } = {},
) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(cwd, entry), ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in ${timeoutMs / 1000}s`)), timeoutMs);
    let buf = '';
    // The last lines it printed, for the error when it exits before it is ready.
    const tail = [];
    const onData = (d) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.startsWith(`${marker} `)) {
          clearTimeout(timer);
          resolve(line.slice(marker.length + 1).trim());
        } else {
          tail.push(line);
          if (tail.length > 20) tail.shift();
          onLine(line);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with code ${code}${tail.length ? `:\n${tail.join('\n')}` : ''}`));
    });
  });
  return { child, ready };
}
