// Client reads over the replica: the list in the user's scope and one client's card (ERP
// requisites read-only, contacts/addresses/notes editable), with pending local changes counted.
import { receivablesOf } from './receivables';
import type Database from 'better-sqlite3';
import { createRetroBonuses } from './retro-bonuses';
import type { ClientCard, ClientListRow } from '../../domain/contract';
import { CodedError } from '../../domain/errors';

export interface ClientService {
  list(): ClientListRow[];
  card(id: number): ClientCard;
}

export function createClientService(sqlite: Database.Database): ClientService {
  const bonuses = createRetroBonuses(sqlite);
  const pendingByClient = (): Map<string, number> =>
    new Map(
      (
        sqlite
          .prepare(`SELECT aggregate, count(*) AS n FROM outbox WHERE status = 'pending' GROUP BY aggregate`)
          .all() as { aggregate: string; n: number }[]
      ).map((r) => [r.aggregate, r.n]),
    );
  return {
    list() {
      const pending = pendingByClient();
      const rows = sqlite
        .prepare(
          `SELECT c.id, c.name, c.inn, c.manager_id AS managerId, coalesce(u.name, '') AS managerName, c.payment_terms AS paymentTerms, c.credit_limit AS creditLimit,
          c.overdue, coalesce(pt.name, '') AS priceType
        FROM clients c LEFT JOIN users u ON u.id = c.manager_id LEFT JOIN price_types pt ON pt.id = c.price_type_id ORDER BY c.name`,
        )
        .all() as Omit<ClientListRow, 'pendingChanges'>[];
      return rows.map((r) => ({ ...r, pendingChanges: pending.get(`client:${r.id}`) ?? 0 }));
    },
    card(id) {
      const r = sqlite
        .prepare(
          `SELECT c.*, coalesce(u.name, '') AS manager_name, coalesce(pt.name, '') AS price_type_name
        FROM clients c LEFT JOIN users u ON u.id = c.manager_id LEFT JOIN price_types pt ON pt.id = c.price_type_id WHERE c.id = ?`,
        )
        .get(id) as Record<string, unknown> | undefined;
      if (!r) throw new CodedError('not_found', `No client ${id}`);
      return {
        id: Number(r.id),
        name: String(r.name),
        inn: String(r.inn),
        kpp: String(r.kpp),
        legalAddress: String(r.legal_address),
        paymentTerms: String(r.payment_terms),
        creditLimit: String(r.credit_limit),
        overdue: String(r.overdue),
        coefficient: String(r.coefficient),
        priceType: String(r.price_type_name),
        managerName: String(r.manager_name),
        contacts: JSON.parse(String(r.contacts)),
        deliveryAddresses: JSON.parse(String(r.delivery_addresses)),
        notes: String(r.notes),
        erpError: (r.erp_error as string | null) ?? null,
        receivables: receivablesOf(r.receivables, r.receivables_as_of),
        retroBonuses: bonuses.forClient(id, new Date().toISOString()),
        version: Number(r.version),
        pendingChanges: pendingByClient().get(`client:${id}`) ?? 0,
      };
    },
  };
}
