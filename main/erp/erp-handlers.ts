// The ERP queue's part of the contract: the server's outbox to the ERP (waiting, refused,
// discarded), an admin's decision on a message, and a fresh read of clients' receivables. These
// ask the server (it owns the ERP link); the receivables come back by sync.
import type { erpMethods, HandlersOf, MethodOutput } from '../../domain/contract';
import type { DeskSession } from '../session/desk-session';

export function erpHandlers(s: DeskSession): HandlersOf<typeof erpMethods> {
  return {
    'erp.inbound': async () => s.server.call<MethodOutput<'erp.inbound'>>('GET', '/api/erp/inbound'),
    'erp.outbox': async ({ status }) =>
      (await s.server.call<{ messages: MethodOutput<'erp.outbox'> }>('GET', `/api/erp/outbox?status=${status}`))
        .messages,
    'erp.decide': async (args) => {
      await s.server.call('POST', '/api/erp/outbox/decide', args);
      return null;
    },
    'erp.refreshReceivables': async ({ clientIds }) => {
      const result = await s.server.call<{ updated: number }>('POST', '/api/erp/receivables', { clientIds });
      s.sync.pull();
      return { updated: result.updated };
    },
  };
}
