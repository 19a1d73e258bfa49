// The server's account commands, run on the server machine by whoever runs the server (no
// sign-in: access to the machine and its database is the authority): make an admin, or give one
// a new one-time password when theirs is lost. The password is printed once; its holder chooses
// their own at the first sign-in.
//   npm run server -- admin create --login ivanova --name "Иванова Мария"
//   npm run server -- admin reset --login ivanova
import { parseArgs } from 'node:util';
import { createLocalAdmin, issueOneTimePassword } from './accounts';
import type { CentralStore } from '../store';

const USAGE = `Usage:
  admin create --login <login> --name <full name>   a new admin account with a one-time password
  admin reset --login <login>                       a new one-time password (ends their sessions)
Storage: --data <folder> (embedded) or DATABASE_URL, as for the server itself.`;

/** Runs `admin …` and returns the process exit code; what it says goes to `print`. */
export async function runAdminCommand(
  args: string[],
  openStore: (dataDir: string) => Promise<CentralStore>,
  print: (line: string) => void,
  defaultDataDir: string,
): Promise<number> {
  const [action, ...rest] = args;
  let values: { login?: string; name?: string; data?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { login: { type: 'string' }, name: { type: 'string' }, data: { type: 'string' } },
    }));
  } catch (err) {
    print(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const login = values.login?.trim();
  if ((action !== 'create' && action !== 'reset') || !login || (action === 'create' && !values.name?.trim())) {
    print(USAGE);
    return 2;
  }
  const store = await openStore(values.data ?? defaultDataDir);
  try {
    if (action === 'create') {
      const { id, password } = await createLocalAdmin(store, null, { login, name: values.name!.trim() }, new Date());
      print(`Admin ${login} (id ${id}) created. One-time password: ${password}`);
    } else {
      const [row] = await store.queryObjects<{ id: number; role: string }>(
        `SELECT id, role FROM users WHERE lower(login) = lower($1) AND NOT deleted`,
        [login],
      );
      if (!row) {
        print(`No user ${login}`);
        return 1;
      }
      const { password } = await issueOneTimePassword(store, null, row.id, new Date());
      print(`New one-time password for ${login}: ${password}`);
    }
    print('It is shown only now. At the first sign-in its holder chooses a password of their own.');
    return 0;
  } catch (err) {
    print((err as Error).message);
    return 1;
  } finally {
    await store.close();
  }
}
