// A central server in a process of its own for the bench, as in production (the desk and the
// server never share a CPU there): `server/index.ts` on a data folder (PGlite) or a database,
// its address read from its ready line, its CPU read from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface CentralProcess {
  url: string;
  pid: number;
  /** CPU seconds the process has used so far (user + system). */
  cpuSeconds(): number;
  close(): Promise<void>;
}

export async function startCentralProcess(args: string[], databaseUrl = ''): Promise<CentralProcess> {
  // OPTA_SERVER_CPU_PROF=<folder>: the server writes a CPU profile there when it stops (where its time went).
  const profile = process.env.OPTA_SERVER_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.OPTA_SERVER_CPU_PROF}`]
    : [];
  const entry = [...profile, '--import', 'tsx', path.resolve('server/index.ts'), '--port', '0', ...args];
  const proc = spawn(process.execPath, entry, {
    env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // A bench that fails half-way must not leave its server running.
  const orphan = () => proc.kill('SIGKILL');
  process.once('exit', orphan);
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      const m = /OPTA_SERVER_READY (\S+)/.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  return {
    url,
    pid: proc.pid!,
    cpuSeconds() {
      const fields = readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async close() {
      process.off('exit', orphan);
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}
