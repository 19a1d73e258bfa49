// The client workspace figure: one client with 1,000 claims and 5,000 tickets (30,000 messages)
// in a real replica file; the time to open the workspace is the desk core's reads the screen makes
// (claims and tickets of the client with their SLA clocks, queue counts). Rows are written
// straight into the replica, as sync would leave them.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CLAIM_STATUSES } from '../domain/aftersales/claim';
import { TICKET_CATEGORY_NAMES, TICKET_STATUSES } from '../domain/aftersales/ticket';
import type { SessionUser } from '../domain/roles';
import { createAftersales } from '../main/aftersales/aftersales';

export interface WorkspaceFigures {
  coldMs: number;
  warmMs: number;
  claims: number;
  tickets: number;
}

export function workspaceFigures(
  sqlite: Database.Database,
  user: SessionUser,
  claimsCount = 1_000,
  ticketsCount = 5_000,
): WorkspaceFigures {
  const client =
    (sqlite.prepare(`SELECT id FROM clients WHERE manager_id = ? ORDER BY id LIMIT 1`).pluck().get(user.id) as
      number | undefined) ?? 1;
  const order = sqlite.prepare(`SELECT id, number FROM orders WHERE client_id = ? LIMIT 1`).get(client) as
    { id: string; number: string } | undefined;
  const start = Date.parse('2026-01-12T07:00:00Z');
  const at = (i: number) => new Date(start + i * 37 * 60_000).toISOString();
  const claim =
    sqlite.prepare(`INSERT INTO claims (id, number, client_id, manager_id, order_id, order_number, status, defect_type, description, lines, amount, resolution, resolution_amount,
    attachments, history, deadline_at, created_at, created_by, updated_at, erp_number, erp_status, erp_error, version) VALUES (?, ?, ?, ?, ?, ?, ?, 'defect', 'bench', '[]', '1000.00', NULL, NULL, '[]', ?, ?, ?, ?, ?, NULL, NULL, NULL, 1)`);
  const ticket =
    sqlite.prepare(`INSERT INTO tickets (id, number, client_id, manager_id, assignee_id, category, subject, fields, status, created_at, created_by, first_response_at, resolved_at, closed_at,
    history, messages_count, last_message_at, last_message_kind, erp_number, erp_error, version) VALUES (?, ?, ?, ?, ?, ?, 'bench', '{}', ?, ?, ?, ?, NULL, NULL, ?, 6, ?, 'client', NULL, NULL, 1)`);
  const message = sqlite.prepare(
    `INSERT INTO ticket_messages (id, ticket_id, manager_id, author_id, author_kind, body, attachments, created_at, version) VALUES (?, ?, ?, ?, ?, 'bench message', '[]', ?, 1)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < claimsCount; i++) {
      const status = CLAIM_STATUSES[i % CLAIM_STATUSES.length]!;
      claim.run(
        randomUUID(),
        String(900_000 + i),
        client,
        user.id,
        order?.id ?? randomUUID(),
        order?.number ?? null,
        status,
        JSON.stringify([
          { status: 'new', at: at(i), by: user.id, comment: '' },
          { status, at: at(i + 3), by: user.id, comment: '' },
        ]),
        at(i + 20),
        at(i),
        user.id,
        at(i + 3),
      );
    }
    for (let i = 0; i < ticketsCount; i++) {
      const id = randomUUID();
      const status = TICKET_STATUSES[i % TICKET_STATUSES.length]!;
      ticket.run(
        id,
        String(800_000 + i),
        client,
        user.id,
        user.id,
        TICKET_CATEGORY_NAMES[i % TICKET_CATEGORY_NAMES.length]!,
        status,
        at(i),
        user.id,
        at(i + 1),
        JSON.stringify([
          { status: 'new', at: at(i), by: user.id },
          { status: 'in_progress', at: at(i + 1), by: user.id },
          { status, at: at(i + 2), by: user.id },
        ]),
        at(i + 5),
      );
      for (let m = 0; m < 6; m++)
        message.run(randomUUID(), id, user.id, user.id, m % 2 ? 'staff' : 'client', at(i + m));
    }
  })();
  const aftersales = createAftersales(sqlite, () => user);
  const open = () => {
    const t0 = performance.now();
    aftersales.claims({ clientId: client, queue: 'all' });
    aftersales.tickets({ clientId: client, queue: 'all' });
    aftersales.counts();
    return performance.now() - t0;
  };
  const coldMs = open();
  const warm = [open(), open(), open()].sort((a, b) => a - b)[1]!;
  return { coldMs, warmMs: warm, claims: claimsCount, tickets: ticketsCount };
}
