// Tickets: the status workflow (every allowed and forbidden move), category fields, replies that
// move the ticket, the closed ticket that takes no reply, and SLA clocks that pause while the
// ticket waits for the client.
import { describe, expect, it } from 'vitest';
import { runMutation } from '../sync/mutations';
import { type MutationContext, type Row } from '../sync/mutation-def';
import {
  pausesOf,
  statusAfterMessage,
  TICKET_STATUSES,
  TICKET_WORKFLOW,
  ticketFields,
  ticketSla,
  ticketStep,
  type TicketEvent,
} from './ticket';
import { HOUR } from './working-time';

const at = (local: string) => new Date(Date.parse(`${local}+03:00`)).toISOString();
const ctx = (local: string, userId = 100): MutationContext => ({
  userId,
  role: 'manager',
  now: at(local),
  writeVersion: null,
});
const T = '00000000-0000-4000-8000-0000000000e1';
const m = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function run(rows: Map<string, Row | null>, name: string, args: unknown, c: MutationContext) {
  const out = runMutation(name, args, rows, c);
  if (out.ok) for (const w of out.writes) rows.set(`${w.table}|${w.key}`, w.row);
  return out;
}

const base = () => new Map<string, Row | null>([['clients|5', { id: 5, name: 'ООО Ромашка', manager_id: 100 }]]);
const open = {
  ticketId: T,
  messageId: m(1),
  clientId: 5,
  category: 'question',
  subject: 'Когда отгрузка?',
  body: 'Добрый день, когда отгрузка заказа 1001?',
};

describe('ticket workflow', () => {
  it('allows exactly the listed moves', () => {
    for (const from of TICKET_STATUSES)
      for (const to of TICKET_STATUSES) {
        expect(ticketStep(from, to, 'manager'), `${from}→${to}`).toBe(
          TICKET_WORKFLOW[from].includes(to) ? null : 'forbidden_step',
        );
      }
    expect(ticketStep('closed', 'in_progress', 'admin')).toBe('forbidden_step');
  });

  it('replies move the ticket: an answer starts the work, the client brings it back, closed takes nothing', () => {
    expect(statusAfterMessage('new', 'staff', null)).toBe('in_progress');
    expect(statusAfterMessage('waiting_client', 'client', null)).toBe('in_progress');
    expect(statusAfterMessage('resolved', 'client', null)).toBe('in_progress');
    expect(statusAfterMessage('in_progress', 'staff', 'waiting_client')).toBe('waiting_client');
    expect(statusAfterMessage('closed', 'staff', null)).toBe('closed_refused');
  });

  it("checks each category's fields", () => {
    expect(ticketFields('reconciliation_act', { periodFrom: '2026-01-01', periodTo: '2026-09-30' })).toEqual({
      ok: true,
      fields: { periodFrom: '2026-01-01', periodTo: '2026-09-30', agreement: '' },
    });
    expect(ticketFields('reconciliation_act', { periodFrom: '2026-10-01', periodTo: '2026-09-30' }).ok).toBe(false);
    expect(ticketFields('document_originals', { documents: 'УПД 1001', sendBy: 'pigeon' }).ok).toBe(false);
    expect(ticketFields('question', { extra: 1 }).ok).toBe(false);
  });
});

describe('ticket mutations and SLA', () => {
  it('opens a ticket with the request as its first message and an ERP task; refuses bad fields without a trace', () => {
    const rows = base();
    const out = run(rows, 'ticket.create@1', open, ctx('2026-11-23T10:00:00'));
    expect(out.ok && out.erp).toEqual([{ method: 'ticket.submit', aggregate: `ticket:${T}`, ticketId: T }]);
    expect(rows.get(`tickets|${T}`)).toMatchObject({
      status: 'new',
      assignee_id: 100,
      messages_count: 1,
      first_response_at: null,
    });
    expect(rows.get(`ticket_messages|${m(1)}`)).toMatchObject({ author_kind: 'client', body: open.body });
    const bad = base();
    const refused = run(
      bad,
      'ticket.create@1',
      { ...open, category: 'reconciliation_act', fields: { periodFrom: 'вчера' } },
      ctx('2026-11-23T10:00:00'),
    );
    expect(refused.ok).toBe(false);
    expect([...bad.keys()]).toEqual(['clients|5']);
  });

  it('the first staff answer stops the first-response clock; waiting for the client pauses resolution; a closed ticket refuses a reply', () => {
    const rows = base();
    run(rows, 'ticket.create@1', open, ctx('2026-11-23T10:00:00'));
    run(
      rows,
      'ticket.reply@1',
      { ticketId: T, messageId: m(2), author: 'staff', body: 'Уточню у склада', then: 'waiting_client' },
      ctx('2026-11-23T11:00:00'),
    );
    let t = rows.get(`tickets|${T}`)!;
    expect(t.first_response_at).toBe(at('2026-11-23T11:00:00'));
    expect(t.status).toBe('waiting_client');
    // The client answers two working days later: those days do not count.
    run(
      rows,
      'ticket.reply@1',
      { ticketId: T, messageId: m(3), author: 'client', body: 'Адрес тот же' },
      ctx('2026-11-25T11:00:00'),
    );
    t = rows.get(`tickets|${T}`)!;
    expect(t.status).toBe('in_progress');
    const sla = ticketSla(
      {
        category: 'question',
        created_at: t.created_at as string,
        first_response_at: t.first_response_at as string,
        resolved_at: null,
        history: t.history as TicketEvent[],
      },
      at('2026-11-25T12:00:00'),
    );
    expect(sla.firstResponse.state).toBe('met');
    expect(sla.resolution.usedMs).toBe(2 * HOUR);
    expect(sla.breached).toBe(false);
    expect(pausesOf(t.history as TicketEvent[])).toEqual([
      { from: at('2026-11-23T11:00:00'), to: at('2026-11-25T11:00:00') },
    ]);
    expect(
      run(rows, 'ticket.setStatus@1', { ticketId: T, from: 'in_progress', to: 'resolved' }, ctx('2026-11-25T13:00:00'))
        .ok,
    ).toBe(true);
    expect(
      run(rows, 'ticket.setStatus@1', { ticketId: T, from: 'resolved', to: 'closed' }, ctx('2026-11-25T14:00:00')).ok,
    ).toBe(true);
    const before = new Map(rows);
    const reply = run(
      rows,
      'ticket.reply@1',
      { ticketId: T, messageId: m(4), author: 'staff', body: 'Ещё вопрос' },
      ctx('2026-11-25T15:00:00'),
    );
    expect(!reply.ok && [reply.code, reply.message]).toEqual(['locked', 'ticket_closed']);
    expect(rows).toEqual(before);
    const jump = run(
      rows,
      'ticket.setStatus@1',
      { ticketId: T, from: 'closed', to: 'in_progress' },
      ctx('2026-11-25T15:00:00'),
    );
    expect(jump.ok).toBe(false);
  });

  it('messages written in the same millisecond keep the order they were written in', () => {
    const rows = base();
    const now = ctx('2026-11-23T10:00:00');
    run(rows, 'ticket.create@1', open, now);
    run(rows, 'ticket.reply@1', { ticketId: T, messageId: m(9), author: 'staff', body: 'Да' }, now);
    run(rows, 'ticket.reply@1', { ticketId: T, messageId: m(2), author: 'client', body: 'Спасибо' }, now);
    const times = [m(1), m(9), m(2)].map((id) => rows.get(`ticket_messages|${id}`)!.created_at as string);
    expect([...times].sort()).toEqual(times);
    expect(new Set(times).size).toBe(3);
    expect(rows.get(`tickets|${T}`)!.last_message_at).toBe(times[2]);
  });

  it("breaches when nobody answers within the category's working hours", () => {
    const rows = base();
    run(rows, 'ticket.create@1', open, ctx('2026-11-23T10:00:00'));
    const t = rows.get(`tickets|${T}`)!;
    const sla = ticketSla(
      {
        category: 'question',
        created_at: t.created_at as string,
        first_response_at: null,
        resolved_at: null,
        history: t.history as TicketEvent[],
      },
      at('2026-11-23T12:30:00'),
    );
    expect(sla.firstResponse.state).toBe('breached');
    expect(sla.breached).toBe(true);
  });

  it('only people who see the ticket can be assigned; managers cannot reassign', () => {
    const rows = base();
    run(rows, 'ticket.create@1', open, ctx('2026-11-23T10:00:00'));
    rows.set('users|100', { id: 100, role: 'manager', supervisor_id: 20, active: true });
    rows.set('users|20', { id: 20, role: 'supervisor', supervisor_id: null, active: true });
    rows.set('users|101', { id: 101, role: 'manager', supervisor_id: 21, active: true });
    const sup: MutationContext = { userId: 20, role: 'supervisor', now: at('2026-11-23T11:00:00'), writeVersion: null };
    expect(run(rows, 'ticket.assign@1', { ticketId: T, assigneeId: 101, managerId: 100 }, sup).ok).toBe(false);
    expect(run(rows, 'ticket.assign@1', { ticketId: T, assigneeId: 20, managerId: 100 }, sup).ok).toBe(true);
    expect(rows.get(`tickets|${T}`)!.assignee_id).toBe(20);
    expect(
      run(rows, 'ticket.assign@1', { ticketId: T, assigneeId: 100, managerId: 100 }, ctx('2026-11-23T12:00:00')).ok,
    ).toBe(false);
  });
});
