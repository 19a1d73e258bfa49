// The workstation core, plain Node: the composition root. It merges the feature slices' handlers
// (main/<feature>/*-handlers.ts, one per part of the contract) behind the session that signs in,
// and answers the few methods that need none. Electron runs it in a utility process; the web
// shell runs it in its host process. It knows nothing of windows or transports.
import { mkdirSync } from 'node:fs';
import { methodNames, type DeskHandlers, type MethodName, type SyncStatus } from '../domain/contract';
import { createDeskEvents, type DeskListener } from './session/desk-events';
import { ROOT_METHODS, type DeskCoreOptions } from './session/desk-session';
import { createSessions } from './session/sessions';
import { createSyncStatus } from './sync/sync-status';
import { insecureReason } from '../domain/transport/loopback';

export type { DeskCoreOptions } from './session/desk-session';
export type { DeskListener } from './session/desk-events';

export interface DeskCore {
  handlers: DeskHandlers;
  subscribe(listener: DeskListener): () => void;
  status(): SyncStatus;
  close(): Promise<void>;
}

export function createDeskCore(options: DeskCoreOptions): DeskCore {
  // Passwords and tokens never cross a network in clear: another machine's server is https.
  const insecure = insecureReason(options.serverUrl);
  if (insecure) throw new Error(`The central server: ${insecure}`);
  mkdirSync(options.dataDir, { recursive: true });
  const events = createDeskEvents((err) => console.error('a desk event listener failed', err));
  // The status reads the session that is open when asked, whichever it is by then.
  let sessions: ReturnType<typeof createSessions> | null = null;
  const status = createSyncStatus(options.serverUrl, () => sessions?.current() ?? null, events);
  sessions = createSessions(options, events, status);
  const signedIn = sessions;

  const root: Pick<DeskHandlers, (typeof ROOT_METHODS)[number]> = {
    'app.info': () => ({ version: options.version, shell: options.shell, locale: options.locale }),
    'session.login': ({ login, password }) => signedIn.signIn(login, password),
    'session.setPassword': ({ current, next }) => signedIn.setPassword(current, next),
    'session.logout': async () => {
      await signedIn.signOut();
      return null;
    },
    'sync.status': () => status.current(),
  };
  // Every other method runs in the signed-in session, or answers not_signed_in.
  const bound = Object.fromEntries(
    methodNames
      .filter((m): m is Exclude<MethodName, (typeof ROOT_METHODS)[number]> => !(m in root))
      .map((m) => [m, (input: never) => (signedIn.require().handlers[m] as (i: never) => unknown)(input)]),
  );

  return {
    handlers: { ...bound, ...root } as DeskHandlers,
    subscribe: (listener) => events.subscribe(listener),
    status: () => status.current(),
    async close() {
      status.close();
      await signedIn.close();
    },
  };
}
