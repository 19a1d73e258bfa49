// A ticket's SLA clock about to run out is news for its assignee, once: the server looks every
// minute (one instance at a time, by an advisory lock), computes each open ticket's clocks with
// the same rule the desks show (domain/aftersales/ticket.ts), and writes a notification for a
// running clock with less than an hour left that has not been told yet. The notification centre
// then tells the person once, on one desk, and keeps it in the bell's history.
import { ticketSla, type TicketCategory, type TicketEvent } from '../../domain/aftersales/ticket';
import type { Query } from '../query';
import type { Notice } from './notify';
import { createWatch, type WatchOptions } from './watch';

const SLA_WATCH_LOCK = 7413;

export interface SlaWatchOptions extends WatchOptions {
  /** How close to running out a clock is told (an hour). */
  nearMs?: number;
}

export function createSlaWatch(options: SlaWatchOptions) {
  const nearMs = options.nearMs ?? 3600_000;
  return createWatch(options, SLA_WATCH_LOCK, async (query: Query, at: Date): Promise<Notice[]> => {
    const open = await query<{
      id: string;
      number: string | null;
      subject: string;
      category: TicketCategory;
      created_at: string;
      first_response_at: string | null;
      resolved_at: string | null;
      history: TicketEvent[];
      assignee_id: number;
      client: string | null;
    }>(
      `SELECT t.id, t.number, t.subject, t.category, t.created_at, t.first_response_at, t.resolved_at, t.history, t.assignee_id,
              c.name AS client
       FROM tickets t LEFT JOIN clients c ON c.id = t.client_id
       WHERE NOT t.deleted AND t.status NOT IN ('resolved', 'closed')`,
    );
    const told = new Set(
      (
        await query<{ k: string }>(
          `SELECT ref_id || ':' || (params->>'clock') AS k FROM notifications WHERE kind = 'ticket.sla' AND ref_id = ANY($1::text[])`,
          [open.map((t) => t.id)],
        )
      ).map((r) => r.k),
    );
    const notices: Notice[] = [];
    for (const t of open) {
      const sla = ticketSla(t, at.toISOString());
      for (const clock of ['firstResponse', 'resolution'] as const) {
        const c = sla[clock];
        if (c.state !== 'running' || c.remainingMs <= 0 || c.remainingMs > nearMs || told.has(`${t.id}:${clock}`))
          continue;
        notices.push({
          userIds: [Number(t.assignee_id)],
          kind: 'ticket.sla',
          refKind: 'ticket',
          refId: t.id,
          params: {
            number: t.number,
            subject: t.subject,
            client: t.client ?? '',
            clock,
            minutes: Math.max(1, Math.round(c.remainingMs / 60_000)),
          },
        });
      }
    }
    return notices;
  });
}
