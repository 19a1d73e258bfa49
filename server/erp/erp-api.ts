// The ERP link's HTTP API for desks: the outbox to the ERP (supervisors and admins), an admin's
// decision on a message the ERP refused (retry or discard, with the grounds), and a fresh read of
// clients' receivables on demand (only the user's own clients), and what came in: the initial
// load's progress and the records the ERP sent that could not be taken.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { CodedError } from '../../domain/errors';
import type { SessionUser } from '../../domain/roles';
import { readBody, sendError, sendJson } from '../http-io';
import { scopeCondition } from '../scope';
import type { CentralStore } from '../store';
import type { ErpLink } from './erp-link';
import { decideParked, listOutbox } from './outbox-admin';
import { inboundErrorsView } from './inbound-errors';
import { loadStateOf } from './initial-load';
import type { Query } from '../query';

const OutboxQuery = z.enum(['pending', 'parked', 'discarded']);
const Decision = z
  .object({
    id: z.number().int().positive(),
    action: z.enum(['retry', 'discard']),
    reason: z.string().trim().min(3).max(1000),
  })
  .strict();
const ReceivablesBody = z.object({ clientIds: z.array(z.number().int().positive()).min(1).max(1000) }).strict();

export type ErpApi = (
  req: IncomingMessage,
  res: ServerResponse,
  user: SessionUser,
  route: string,
  url: URL,
) => Promise<void>;

export function createErpApi(store: CentralStore, erpLink: () => ErpLink | null): ErpApi {
  async function handle(req: IncomingMessage, res: ServerResponse, user: SessionUser, route: string, url: URL) {
    const link = erpLink();
    if (route === 'GET /api/erp/outbox') {
      if (user.role === 'manager') return sendError(res, 403, 'forbidden', 'Managers do not see the ERP outbox');
      const status = OutboxQuery.safeParse(url.searchParams.get('status') ?? 'parked');
      if (!status.success) return sendError(res, 400, 'bad_input', 'status must be pending, parked or discarded');
      const team = user.role === 'supervisor' ? user.id : null;
      return sendJson(res, 200, { messages: await listOutbox(store, status.data, 500, team) });
    }
    if (route === 'GET /api/erp/inbound') {
      if (user.role === 'manager') return sendError(res, 403, 'forbidden', 'Managers do not see the ERP inbound log');
      const query = store.queryObjects as Query;
      return sendJson(res, 200, { load: await loadStateOf(query), ...(await inboundErrorsView(query)) });
    }
    if (route === 'POST /api/erp/outbox/decide') {
      const body = Decision.safeParse(JSON.parse(await readBody(req, 8192)));
      if (!body.success)
        return sendError(
          res,
          400,
          'bad_input',
          body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      await decideParked(store, user, body.data.id, body.data.action, body.data.reason);
      await link?.checkHealth();
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'POST /api/erp/receivables') {
      if (!link) return sendError(res, 503, 'erp_unavailable', 'This server has no ERP link');
      const body = ReceivablesBody.safeParse(JSON.parse(await readBody(req, 64 * 1024)));
      if (!body.success) return sendError(res, 400, 'bad_input', 'clientIds: a list of client ids');
      // Only the user's own clients: a manager asking for others' learns nothing.
      const scope = scopeCondition('clients', user, 2);
      const allowed = (
        await store.queryObjects<{ id: number }>(
          `SELECT t.id FROM clients t WHERE t.id = ANY($1::int[]) AND ${scope.where}`,
          [body.data.clientIds, ...scope.params],
        )
      ).map((r) => r.id);
      if (allowed.length === 0) return sendJson(res, 200, { updated: 0 });
      try {
        return sendJson(res, 200, { updated: await link.inbound.pollReceivables(allowed) });
      } catch (err) {
        return sendError(res, 503, 'erp_unavailable', err instanceof Error ? err.message : 'ERP unavailable');
      }
    }
    sendError(res, 404, 'not_found', 'Not found');
  }

  return async (req, res, user, route, url) => {
    try {
      await handle(req, res, user, route, url);
    } catch (err) {
      if (err instanceof SyntaxError) return sendError(res, 400, 'bad_input', 'Body is not JSON');
      if (err instanceof CodedError)
        return sendError(
          res,
          err.code === 'forbidden' ? 403 : err.code === 'not_found' ? 404 : 400,
          err.code,
          err.message,
        );
      throw err;
    }
  };
}
