// The accounts' part of the contract (admins): it asks the server, which owns accounts and
// passwords (nothing of them is kept on the desk); role, team and activity come back by sync.
// Moving many clients is many queued reassignments in one commit, so it works offline too.
import type { accountsMethods, HandlersOf, MethodOutput } from '../../domain/contract';
import type { DeskSession } from '../session/desk-session';

export function accountsHandlers(s: DeskSession): HandlersOf<typeof accountsMethods> {
  return {
    'accounts.list': async () =>
      (await s.server.call<{ accounts: MethodOutput<'accounts.list'> }>('GET', '/api/admin/accounts')).accounts,
    'accounts.audit': async () =>
      (await s.server.call<{ entries: MethodOutput<'accounts.audit'> }>('GET', '/api/admin/audit')).entries,
    'accounts.oneTimePassword': async ({ userId }) =>
      s.server.call<{ password: string }>('POST', '/api/admin/accounts/one-time-password', { userId }),
    'accounts.set': async (args) => {
      await s.server.call('POST', '/api/admin/accounts/settings', args);
      s.sync.pull();
      return null;
    },
    'accounts.createAdmin': async (args) =>
      s.server.call<{ id: number; password: string }>('POST', '/api/admin/accounts/admin', args),
    'clients.reassignMany': ({ clientIds, managerId }) => {
      const { seqs } = s.commit(
        clientIds.map((clientId) => ({ name: 'client.reassign@1', args: { clientId, managerId } })),
      );
      return { queued: seqs.length };
    },
  };
}
