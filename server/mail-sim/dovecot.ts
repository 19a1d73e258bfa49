// A private Dovecot for the demo and the tests: a real IMAP server (Debian's dovecot-imapd) run
// as its own instance from a generated configuration in a scratch folder, on a loopback port,
// with one mailbox user, plain login allowed on loopback only. Mail is put into the mailbox with
// IMAP APPEND, as a delivery agent would put it there.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p)) ?? null;

export const dovecotInstalled = (): boolean => DOVECOT !== null;

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** imap://user:password@127.0.0.1:port/INBOX */
  url: string;
  /** Puts a raw message into the mailbox (as delivery would); returns its UID. */
  deliver(raw: string | Buffer): Promise<number>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function listening(port: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`Dovecot did not listen on ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startDovecot(options: { dir?: string; user?: string; password?: string } = {}): Promise<Dovecot> {
  if (!DOVECOT) throw new Error('Dovecot is not installed: apt-get install -y dovecot-imapd');
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'opta-dovecot-'));
  const user = options.user ?? 'desk@opta.localhost';
  const password = options.password ?? 'demo-mailbox';
  const port = await freePort();
  for (const d of ['run', 'state', 'mail', 'home']) mkdirSync(path.join(dir, d), { recursive: true });
  // As root, mail is kept as the dovecot user (Dovecot refuses root); otherwise as whoever runs it.
  const root = process.getuid?.() === 0;
  const me = os.userInfo().username;
  const owner = root ? 'dovecot' : me;
  writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`, { mode: 0o640 });
  if (root) {
    // Dovecot's own processes run as its user: they must pass through the folder and read the passwords.
    chmodSync(dir, 0o711);
    const id = Number(spawnSync('id', ['-u', 'dovecot'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'dovecot'], { encoding: 'utf8' }).stdout.trim());
    for (const d of ['mail', 'home', 'passwd']) chownSync(path.join(dir, d), id, gid);
  }
  writeFileSync(
    path.join(dir, 'dovecot.conf'),
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      'first_valid_uid = 0',
      ...(root ? [] : [`default_login_user = ${me}`, `default_internal_user = ${me}`]),
      `mail_location = maildir:${dir}/mail/%u`,
      'passdb {',
      '  driver = passwd-file',
      `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
      '}',
      'userdb {',
      '  driver = static',
      `  args = uid=${owner} gid=${owner} home=${dir}/home/%u`,
      '}',
      'service imap-login {',
      '  chroot =',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      'service anvil {',
      '  chroot =',
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await listening(port, 10_000);
  const url = `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/INBOX`;
  return {
    port,
    user,
    password,
    url,
    async deliver(raw) {
      const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
      await c.connect();
      try {
        const r = await c.append('INBOX', raw);
        return r && typeof r === 'object' && 'uid' in r ? Number(r.uid) : 0;
      } finally {
        await c.logout();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
      }
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
