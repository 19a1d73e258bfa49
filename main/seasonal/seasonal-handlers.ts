// Seasonal programmes' part of the contract: the programmes and where the user's clients stand,
// a client's programmes for a seasonal order; a programme or a commitment saved (supervisors and
// admins), a seasonal order placed under a programme. Checked first with the rules the server
// runs, so the person hears why at once, in words the screens translate.
import { randomUUID } from 'node:crypto';
import type { HandlersOf, seasonalMethods } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import { attachRefusal, commitmentKey, commitmentRefusal } from '../../domain/seasonal/programme';
import type { DeskSession } from '../session/desk-session';
import { createSeasonal } from './seasonal';

export function seasonalHandlers(s: DeskSession): HandlersOf<typeof seasonalMethods> {
  const seasonal = createSeasonal(s.replica.sqlite, () => s.user);
  const defining = () => {
    if (s.user.role !== 'supervisor' && s.user.role !== 'admin') throw new CodedError('forbidden', 'season');
  };
  return {
    'season.programmes': () => seasonal.programmes(),
    'season.commitments': ({ programmeId }) => seasonal.commitments(programmeId),
    'season.forClient': ({ clientId }) => seasonal.forClient(clientId),
    'season.save': ({ programmeId, fields }) => {
      defining();
      const id = programmeId ?? randomUUID();
      const { seq } = s.mutate('season.saveProgramme@1', { programmeId: id, fields });
      return { id, seq };
    },
    'season.setCommitment': ({ programmeId, clientId, unit, amount, note }) => {
      defining();
      const refusal = commitmentRefusal(
        s.replica.readRow('seasonal_programmes', programmeId),
        s.replica.readRow('clients', String(clientId)),
        new Date().toISOString(),
      );
      if (refusal) throw new CodedError('season', refusal);
      const value = amount?.replace(/\s/g, '').replace(',', '.') ?? null;
      if (value !== null && !(unit === 'money' ? /^\d{1,12}(\.\d{1,2})?$/ : /^\d{1,12}(\.\d{1,3})?$/).test(value))
        throw new CodedError('season', 'amount');
      if (value !== null && Number(value) <= 0) throw new CodedError('season', 'amount');
      if (value === null && !s.replica.readRow('seasonal_commitments', commitmentKey(programmeId, clientId)))
        throw new CodedError('season', 'no_commitment');
      return s.mutate('season.setCommitment@1', { programmeId, clientId, unit, amount: value, note });
    },
    'orders.setProgramme': ({ id, programmeId }) => {
      const order = s.replica.readRow('orders', id);
      if (!order) throw new CodedError('not_found', `No order ${id}`);
      const clientId = Number(order.client_id);
      if (programmeId) {
        const refusal = attachRefusal(
          order,
          s.replica.readRow('seasonal_programmes', programmeId),
          s.replica.readRow('seasonal_commitments', commitmentKey(programmeId, clientId)),
          new Date().toISOString(),
        );
        if (refusal) throw new CodedError('season', refusal);
      }
      return s.mutate('order.setProgramme@1', { orderId: id, clientId, programmeId });
    },
  };
}
