// POST /api/notifications/tell {ids}: a desk asks to be the one that shows these notifications
// as pop-ups; the answer lists those it may show (no other desk of the person asked first). The
// told mark travels to the person's other desks by sync, like any row.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SessionUser } from '../../domain/roles';
import type { Audience } from '../audience';
import { readBody, sendError, sendJson } from '../http-io';
import type { CentralStore } from '../store';
import type { Query } from '../query';
import { claimTelling } from './notify';

const TellBody = z.object({ ids: z.array(z.string().uuid()).max(200) }).strict();

export function createNotificationsApi(store: CentralStore, committed: (audiences: Audience[], head: number) => void) {
  return async (req: IncomingMessage, res: ServerResponse, user: SessionUser, route: string): Promise<void> => {
    if (route !== 'POST /api/notifications/tell') return sendError(res, 404, 'not_found', 'Not found');
    let body: z.infer<typeof TellBody>;
    try {
      body = TellBody.parse(JSON.parse(await readBody(req, 64 * 1024)));
    } catch {
      return sendError(res, 400, 'bad_input', 'ids: notification ids');
    }
    const ids = await store.transaction((tx) => claimTelling(tx.query as Query, user.id, body.ids, new Date()));
    if (ids.length) {
      const [head] = await store.queryObjects<{ version: string }>(`SELECT version FROM sync_head WHERE id = 1`);
      committed([[user.id]], Number(head?.version ?? 0));
    }
    sendJson(res, 200, { ids });
  };
}
