// Claims and tickets on the desk: lists for the queues (mine, overdue, waiting for me, team, SLA
// breaches), one claim or ticket with its history and thread, what an order still allows to be
// claimed, and the counts for the workspace. Everything reads the replica, so it works offline;
// SLA clocks and deadlines are computed with the same domain functions the server would use.
import Decimal from 'decimal.js';
import type Database from 'better-sqlite3';
import {
  claimable,
  claimStepsFor,
  type ClaimEvent,
  type ClaimLine,
  type ClaimStatus,
} from '../../domain/aftersales/claim';
import type {
  AftersalesNotice,
  ClaimDetails,
  ClaimQueue,
  ClaimRow,
  ClaimableLine,
  TicketDetails,
  TicketQueue,
  TicketRow,
} from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import { mailsOfThread } from '../mail/mail-thread';
import type { SessionUser } from '../../domain/roles';
import { ticketSla, type TicketCategory, type TicketEvent, type TicketStatus } from '../../domain/aftersales/ticket';

export interface Aftersales {
  claims(filter: { clientId?: number; managerId?: number; queue: ClaimQueue }): ClaimRow[];
  claim(claimId: string): ClaimDetails;
  claimable(orderId: string): ClaimableLine[];
  tickets(filter: { clientId?: number; managerId?: number; queue: TicketQueue }): TicketRow[];
  ticket(ticketId: string): TicketDetails;
  /** Who may take the ticket: the same people domain/aftersales/ticket-mutations' assign accepts. */
  assignees(ticketId: string): { id: number; name: string; role: 'manager' | 'supervisor' | 'admin' }[];
  counts(): { claims: Record<ClaimQueue, number>; tickets: Record<TicketQueue, number> };
  /** What this user has not seen yet: new tickets and replies, claims waiting for them, near deadlines. */
  notices(): AftersalesNotice[];
  /** Marks notices seen, so that they are shown once, on this desk. */
  seen(keys: string[]): void;
  /** The order a claim is against (its moves carry it, for scope), or not_found. */
  claimOrder(claimId: string): string;
  /** The manager of a ticket's client (an assignment carries it, for scope), or not_found. */
  ticketManager(ticketId: string): number;
}

// How far back a notice reaches: a first sync bringing a year of tickets must not notify them all.
const NOTICE_WINDOW_MS = 24 * 3600_000;
/** A deadline or SLA clock this close (in working time for SLA) is worth a notice. */
const NEAR_MS = 3600_000;

const json = <T>(v: unknown, fallback: T): T =>
  v === null || v === undefined ? fallback : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T);
const OPEN_CLAIMS = `c.status NOT IN ('closed')`;

export function createAftersales(
  sqlite: Database.Database,
  user: () => SessionUser,
  now: () => Date = () => new Date(),
): Aftersales {
  const names = new Map<number, string>();
  const nameOf = (id: number | null): string => {
    if (id === null) return '';
    if (!names.has(id))
      names.set(
        id,
        (sqlite.prepare(`SELECT name FROM users WHERE id = ?`).pluck().get(id) as string | undefined) ?? `#${id}`,
      );
    return names.get(id)!;
  };

  const claimSelect = `SELECT c.*, coalesce(cl.name, '') AS client_name, coalesce(u.name, '') AS manager_name FROM claims c
    LEFT JOIN clients cl ON cl.id = c.client_id LEFT JOIN users u ON u.id = c.manager_id`;
  type ClaimRaw = Record<string, unknown> & { client_name: string; manager_name: string };

  const claimRow = (r: ClaimRaw, at: string): ClaimRow => ({
    id: String(r.id),
    number: (r.number as string | null) ?? null,
    clientId: Number(r.client_id),
    clientName: r.client_name,
    managerName: r.manager_name,
    orderId: String(r.order_id),
    orderNumber: (r.order_number as string | null) ?? null,
    status: r.status as ClaimStatus,
    defectType: String(r.defect_type),
    amount: new Decimal(String(r.amount)).toFixed(2),
    resolution: (r.resolution as ClaimRow['resolution']) ?? null,
    resolutionAmount: r.resolution_amount === null ? null : new Decimal(String(r.resolution_amount)).toFixed(2),
    createdAt: String(r.created_at),
    deadlineAt: (r.deadline_at as string | null) ?? null,
    overdue: r.status !== 'closed' && r.deadline_at !== null && String(r.deadline_at) < at,
    files: json<unknown[]>(r.attachments, []).length,
    erpNumber: (r.erp_number as string | null) ?? null,
    erpStatus: (r.erp_status as string | null) ?? null,
    erpError: (r.erp_error as string | null) ?? null,
  });

  function claimWhere(queue: ClaimQueue, at: string): { sql: string; params: unknown[] } {
    const me = user();
    switch (queue) {
      case 'open':
        return { sql: OPEN_CLAIMS, params: [] };
      case 'mine':
        return { sql: `${OPEN_CLAIMS} AND c.manager_id = ?`, params: [me.id] };
      case 'overdue':
        return { sql: `${OPEN_CLAIMS} AND c.deadline_at < ?`, params: [at] };
      // What waits for this user's step: new and in review for reviewers; for the manager, the
      // information asked for and, once decided, closing the claim (the same as the notices).
      case 'waiting_for_me':
        return me.role === 'manager'
          ? { sql: `c.status IN ('more_info', 'approved', 'rejected') AND c.manager_id = ?`, params: [me.id] }
          : { sql: `c.status IN ('new', 'in_review')`, params: [] };
      default:
        return { sql: '1', params: [] };
    }
  }

  const ticketSelect = `SELECT t.*, coalesce(cl.name, '') AS client_name, coalesce(a.name, '') AS assignee_name FROM tickets t
    LEFT JOIN clients cl ON cl.id = t.client_id LEFT JOIN users a ON a.id = t.assignee_id`;
  type TicketRaw = Record<string, unknown> & { client_name: string; assignee_name: string };

  const ticketRow = (r: TicketRaw, at: string): TicketRow => {
    const sla = ticketSla(
      {
        category: r.category as TicketCategory,
        created_at: String(r.created_at),
        first_response_at: (r.first_response_at as string | null) ?? null,
        resolved_at: (r.resolved_at as string | null) ?? null,
        history: json<TicketEvent[]>(r.history, []),
      },
      at,
    );
    const clock = (c: typeof sla.firstResponse) => ({ state: c.state, remainingMs: c.remainingMs, dueAt: c.dueAt });
    return {
      id: String(r.id),
      number: (r.number as string | null) ?? null,
      clientId: Number(r.client_id),
      clientName: r.client_name,
      category: String(r.category),
      subject: String(r.subject),
      status: r.status as TicketStatus,
      assigneeId: Number(r.assignee_id),
      assigneeName: r.assignee_name,
      createdAt: String(r.created_at),
      lastMessageAt: String(r.last_message_at),
      lastMessageKind: r.last_message_kind === 'staff' ? 'staff' : 'client',
      messagesCount: Number(r.messages_count),
      sla: { firstResponse: clock(sla.firstResponse), resolution: clock(sla.resolution), breached: sla.breached },
      erpNumber: (r.erp_number as string | null) ?? null,
      erpError: (r.erp_error as string | null) ?? null,
    };
  };

  function ticketsOf(clientId: number | undefined, queue: TicketQueue, managerId?: number): TicketRow[] {
    const me = user();
    const at = now().toISOString();
    const where: string[] = [];
    const params: unknown[] = [];
    if (clientId !== undefined) {
      where.push('t.client_id = ?');
      params.push(clientId);
    }
    if (managerId !== undefined) {
      where.push('t.manager_id = ?');
      params.push(managerId);
    }
    if (queue !== 'all') where.push(`t.status <> 'closed'`);
    if (queue === 'mine' || queue === 'waiting_for_me') {
      where.push('t.assignee_id = ?');
      params.push(me.id);
    }
    // The client spoke last (or nobody answered yet) and the ticket is not parked with the client.
    if (queue === 'waiting_for_me') where.push(`t.status IN ('new', 'in_progress') AND t.last_message_kind = 'client'`);
    const rows = (
      sqlite
        .prepare(
          `${ticketSelect} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.last_message_at DESC`,
        )
        .all(...params) as TicketRaw[]
    ).map((r) => ticketRow(r, at));
    // Clocks are working-time arithmetic, not columns: the SLA queues filter after computing them.
    if (queue === 'overdue' || queue === 'breached')
      return rows.filter((t) => t.sla.breached && (queue === 'breached' || t.assigneeId === me.id));
    return rows;
  }

  return {
    claims({ clientId, managerId, queue }) {
      const at = now().toISOString();
      const w = claimWhere(queue, at);
      const where = [
        w.sql,
        ...(clientId === undefined ? [] : ['c.client_id = ?']),
        ...(managerId === undefined ? [] : ['c.manager_id = ?']),
      ].join(' AND ');
      const rows = sqlite
        .prepare(`${claimSelect} WHERE ${where} ORDER BY c.created_at DESC`)
        .all(
          ...w.params,
          ...(clientId === undefined ? [] : [clientId]),
          ...(managerId === undefined ? [] : [managerId]),
        ) as ClaimRaw[];
      return rows.map((r) => claimRow(r, at));
    },

    claim(claimId) {
      const r = sqlite.prepare(`${claimSelect} WHERE c.id = ?`).get(claimId) as ClaimRaw | undefined;
      if (!r) throw new CodedError('not_found', `No claim ${claimId}`);
      const history = json<ClaimEvent[]>(r.history, []);
      return {
        ...claimRow(r, now().toISOString()),
        description: String(r.description),
        lines: json<ClaimLine[]>(r.lines, []),
        attachments: json(r.attachments, []),
        history: history.map((h) => ({ status: h.status, at: h.at, by: nameOf(h.by), comment: h.comment })),
        steps: claimStepsFor(r.status as ClaimStatus, user().role),
      };
    },

    claimable(orderId) {
      const order = sqlite.prepare(`SELECT status FROM orders WHERE id = ?`).get(orderId) as
        { status: string } | undefined;
      if (!order) throw new CodedError('not_found', `No order ${orderId}`);
      const claimed = json<Record<string, string>>(
        sqlite.prepare(`SELECT claimed FROM order_claims WHERE order_id = ?`).pluck().get(orderId),
        {},
      );
      const lines = sqlite
        .prepare(
          `SELECT l.id, l.line_no, l.item_id, l.quantity, l.amount, coalesce(i.article, '') AS article, coalesce(i.name, '') AS name
        FROM order_lines l LEFT JOIN items i ON i.id = l.item_id WHERE l.order_id = ? ORDER BY l.line_no`,
        )
        .all(orderId) as {
        id: string;
        line_no: number;
        item_id: number;
        quantity: unknown;
        amount: unknown;
        article: string;
        name: string;
      }[];
      return lines.map((l) => ({
        lineId: l.id,
        lineNo: l.line_no,
        itemId: l.item_id,
        article: l.article,
        name: l.name,
        shipped: String(l.quantity),
        amount: new Decimal(String(l.amount)).toFixed(2),
        claimed: claimed[l.id] ?? '0',
        claimable: claimable(String(l.quantity), claimed[l.id] ?? '0'),
      }));
    },

    tickets: ({ clientId, managerId, queue }) => ticketsOf(clientId, queue, managerId),

    assignees(ticketId) {
      const managerId = sqlite.prepare(`SELECT manager_id FROM tickets WHERE id = ?`).pluck().get(ticketId) as
        number | undefined;
      if (managerId === undefined) throw new CodedError('not_found', `No ticket ${ticketId}`);
      return sqlite
        .prepare(
          `SELECT id, name, role FROM users WHERE active AND (id = ? OR id = (SELECT supervisor_id FROM users WHERE id = ?) OR role = 'admin')
        ORDER BY CASE role WHEN 'manager' THEN 0 WHEN 'supervisor' THEN 1 ELSE 2 END, name`,
        )
        .all(managerId, managerId) as { id: number; name: string; role: 'manager' | 'supervisor' | 'admin' }[];
    },

    ticket(ticketId) {
      const r = sqlite.prepare(`${ticketSelect} WHERE t.id = ?`).get(ticketId) as TicketRaw | undefined;
      if (!r) throw new CodedError('not_found', `No ticket ${ticketId}`);
      const messages = sqlite
        .prepare(
          `SELECT m.*, coalesce(u.name, '') AS author_name FROM ticket_messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.ticket_id = ? ORDER BY m.created_at, m.id`,
        )
        .all(ticketId) as (Record<string, unknown> & { author_name: string })[];
      const mails = mailsOfThread(sqlite, ticketId);
      return {
        ...ticketRow(r, now().toISOString()),
        fields: json<Record<string, unknown>>(r.fields, {}),
        history: json<TicketEvent[]>(r.history, []).map((h) => ({ status: h.status, at: h.at, by: nameOf(h.by) })),
        messages: messages.map((m) => ({
          id: String(m.id),
          authorName: m.author_name,
          authorKind: m.author_kind === 'staff' ? ('staff' as const) : ('client' as const),
          body: String(m.body),
          attachments: json(m.attachments, []),
          createdAt: String(m.created_at),
          mail: mails.get(String(m.id)) ?? null,
        })),
      };
    },

    counts() {
      const at = now().toISOString();
      const claimQueues: ClaimQueue[] = ['open', 'mine', 'overdue', 'waiting_for_me', 'all'];
      const claims = Object.fromEntries(
        claimQueues.map((q) => {
          const w = claimWhere(q, at);
          return [
            q,
            Number(
              sqlite
                .prepare(`SELECT count(*) FROM claims c WHERE ${w.sql}`)
                .pluck()
                .get(...w.params),
            ),
          ];
        }),
      ) as Record<ClaimQueue, number>;
      // One read with the clocks computed once, then each queue's rule over it (the same rules as ticketsOf).
      const me = user();
      const open = ticketsOf(undefined, 'open');
      const mine = open.filter((x) => x.assigneeId === me.id);
      const tickets: Record<TicketQueue, number> = {
        open: open.length,
        mine: mine.length,
        waiting_for_me: mine.filter(
          (x) => (x.status === 'new' || x.status === 'in_progress') && x.lastMessageKind === 'client',
        ).length,
        overdue: mine.filter((x) => x.sla.breached).length,
        breached: open.filter((x) => x.sla.breached).length,
        all: Number(sqlite.prepare(`SELECT count(*) FROM tickets`).pluck().get()),
      };
      return { claims, tickets };
    },

    notices() {
      const me = user();
      const nowMs = now().getTime();
      const since = new Date(nowMs - NOTICE_WINDOW_MS).toISOString();
      const out: AftersalesNotice[] = [];
      const tickets = ticketsOf(undefined, 'mine');
      const createdBy = new Map(
        (
          sqlite
            .prepare(`SELECT id, created_by FROM tickets WHERE assignee_id = ? AND status <> 'closed'`)
            .all(me.id) as { id: string; created_by: number }[]
        ).map((r) => [r.id, r.created_by]),
      );
      const byMailLast = new Map(
        (
          sqlite
            .prepare(
              `SELECT t.id FROM tickets t WHERE t.assignee_id = ? AND t.status <> 'closed' AND EXISTS (SELECT 1 FROM mail_messages m
                 WHERE m.ticket_id = t.id AND m.direction = 'in' AND m.ticket_message_id =
                   (SELECT x.id FROM ticket_messages x WHERE x.ticket_id = t.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1))`,
            )
            .pluck()
            .all(me.id) as string[]
        ).map((id) => [id, true]),
      );
      for (const t of tickets) {
        const base = { id: t.id, number: t.number, clientName: t.clientName, subject: t.subject };
        // What came by e-mail is told by the notification centre (mail.in), once per person, not here.
        const byMail = byMailLast.get(t.id) === true;
        if (t.status === 'new' && t.createdAt >= since && createdBy.get(t.id) !== me.id && !byMail)
          out.push({ key: `ticket-new:${t.id}`, kind: 'ticket_new', at: t.createdAt, ...base });
        else if (t.lastMessageKind === 'client' && t.messagesCount > 1 && t.lastMessageAt >= since && !byMail)
          out.push({
            key: `ticket-reply:${t.id}:${t.lastMessageAt}`,
            kind: 'ticket_reply',
            at: t.lastMessageAt,
            ...base,
          });
        for (const clock of ['firstResponse', 'resolution'] as const) {
          const c = t.sla[clock];
          // A breach is news when it happens; older ones live in the overdue queue, not in pop-ups.
          if (c.state === 'breached' && (c.dueAt ?? t.createdAt) >= since)
            out.push({
              key: `ticket-breach:${t.id}:${clock}`,
              kind: 'ticket_breached',
              at: c.dueAt ?? t.createdAt,
              clock,
              ...base,
            });
          // A clock about to run out is told by the notification centre (server/notifications/sla-watch.ts),
          // once per person across their desks, and kept in the bell's history.
        }
      }
      const at = now().toISOString();
      const claimRows = sqlite
        .prepare(`${claimSelect} WHERE ${OPEN_CLAIMS} AND (c.manager_id = ? OR ? <> 'manager')`)
        .all(me.id, me.role) as ClaimRaw[];
      for (const r of claimRows) {
        const c = claimRow(r, at);
        const last = json<ClaimEvent[]>(r.history, []).at(-1);
        const base = {
          id: c.id,
          number: c.number,
          clientName: c.clientName,
          subject: c.orderNumber ?? '',
          status: c.status,
        };
        const mineToAct =
          me.role === 'manager'
            ? c.status === 'more_info' || c.status === 'approved' || c.status === 'rejected'
            : c.status === 'new' || c.status === 'in_review';
        if (mineToAct && last && last.by !== me.id && last.at >= since)
          out.push({ key: `claim-step:${c.id}:${c.status}:${last.at}`, kind: 'claim_step', at: last.at, ...base });
        if (mineToAct && c.deadlineAt && !c.overdue && Date.parse(c.deadlineAt) - nowMs <= NEAR_MS)
          out.push({ key: `claim-near:${c.id}:${c.status}`, kind: 'claim_near', at: c.deadlineAt, ...base });
      }
      if (!out.length) return [];
      const seenKeys = new Set(
        sqlite
          .prepare(`SELECT key FROM seen_notices WHERE key IN (SELECT value FROM json_each(?))`)
          .pluck()
          .all(JSON.stringify(out.map((n) => n.key))) as string[],
      );
      return out
        .filter((n) => !seenKeys.has(n.key))
        .sort((a, b) => (a.at < b.at ? 1 : -1))
        .slice(0, 50);
    },

    claimOrder(claimId) {
      const orderId = sqlite.prepare(`SELECT order_id FROM claims WHERE id = ?`).pluck().get(claimId) as
        string | undefined;
      if (!orderId) throw new CodedError('not_found', `No claim ${claimId}`);
      return orderId;
    },

    ticketManager(ticketId) {
      const managerId = sqlite.prepare(`SELECT manager_id FROM tickets WHERE id = ?`).pluck().get(ticketId) as
        number | undefined;
      if (managerId === undefined) throw new CodedError('not_found', `No ticket ${ticketId}`);
      return managerId;
    },

    seen(keys) {
      const at = now().toISOString();
      const put = sqlite.prepare(`INSERT INTO seen_notices (key, seen_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`);
      sqlite.transaction(() => {
        for (const k of keys) put.run(k, at);
      })();
    },
  };
}
