// The clients' part of the contract: the list and card, the card's edits and an admin's
// reassignment (mutations, offline too), and the managers this user may look at.
import type { clientsMethods, HandlersOf } from '../../domain/contract';
import type { DeskSession } from '../session/desk-session';
import { createClientService } from './clients';
import { teamManagers } from './team';

export function clientsHandlers(s: DeskSession): HandlersOf<typeof clientsMethods> {
  const clients = createClientService(s.replica.sqlite);
  return {
    'clients.list': () => clients.list(),
    'clients.card': ({ id }) => clients.card(id),
    'clients.updateCard': (args) => s.mutate('client.updateCard@1', args),
    'clients.reassign': (args) => s.mutate('client.reassign@1', args),
    'team.managers': () => teamManagers(s.replica.sqlite, s.user),
  };
}
