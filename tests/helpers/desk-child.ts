// A desk in its own process for crash tests: the real `main/` core, driven by JSON lines on
// stdin ({op:"login"|"edit"|"status"}), answering JSON lines on stdout. The parent SIGKILLs it.
import { createInterface } from 'node:readline';
import { createDeskCore } from '../../main/desk-core';

const [dataDir, serverUrl] = process.argv.slice(2);
const core = createDeskCore({
  dataDir: dataDir!,
  serverUrl: serverUrl!,
  shell: 'web',
  locale: 'ru',
  version: 'crash-test',
});
const say = (o: unknown): void => void process.stdout.write(`${JSON.stringify(o)}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const cmd = JSON.parse(line) as { op: string; login?: string; clientId?: number; notes?: string };
  void (async () => {
    try {
      if (cmd.op === 'login')
        say({ ok: await core.handlers['session.login']({ login: cmd.login!, password: 'demo1234' }) });
      else if (cmd.op === 'edit') {
        const card = core.handlers['clients.card']({ id: cmd.clientId! }) as { version: number };
        say({
          ok: core.handlers['clients.updateCard']({
            clientId: cmd.clientId!,
            baseVersion: card.version,
            patch: { notes: cmd.notes! },
          }),
        });
      } else if (cmd.op === 'status') say({ ok: core.status() });
    } catch (err) {
      say({ error: (err as Error).message });
    }
  })();
});
say({ ready: true });
