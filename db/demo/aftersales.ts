// Demo claims and tickets: a year of after-sales work for the dashboards and queues to show.
// Made by running the real mutations (domain/aftersales/claim-mutations, domain/aftersales/ticket-mutations) step by
// step on an in-memory copy of the rows, so every demo claim and ticket is one the desk itself
// could have produced: never more claimed than shipped, workflow steps in order, SLA history.
// All activity ends two days before "as of": old news, so no demo row pops up as a notification.
import { createClaim, moveClaim } from '../../domain/aftersales/claim-mutations';
import type { ClaimResolution } from '../../domain/aftersales/claim';
import { DEFECT_TYPES } from '../../domain/aftersales/claim';
import type { MutationContext, MutationDef, Row } from '../../domain/sync/mutation-def';
import type { Role } from '../../domain/roles';
import { assignTicket, createTicket, replyToTicket, setTicketStatus } from '../../domain/aftersales/ticket-mutations';
import type { TicketCategory } from '../../domain/aftersales/ticket';

interface Source {
  users: { id: number; role: string; supervisor_id: number | null; active: boolean }[];
  clients: { id: number; manager_id: number; name: string }[];
  orders: { id: string; number: string; client_id: number; manager_id: number; status: string; created_at: string }[];
  order_lines: { id: string; order_id: string; item_id: number; quantity: string; amount: string }[];
  items: { id: number; article: string; name: string }[];
}

export interface DemoAftersales {
  claims: Row[];
  order_claims: Row[];
  tickets: Row[];
  ticket_messages: Row[];
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const DEFECT_TEXTS: Record<string, string[]> = {
  defect: [
    'Не проходит входной контроль: обрыв выводов',
    'Микросхема не отвечает по SPI, партия с одной датой выпуска',
    'Пробой при напряжении ниже номинала',
  ],
  wrong_item: [
    'Пришёл другой корпус (SOIC вместо DIP)',
    'В упаковке другой номинал, маркировка не совпадает с накладной',
  ],
  shortage: ['Недовложение: в коробке меньше, чем по накладной', 'Не хватает одной катушки из заказанных'],
  damaged: ['Повреждена упаковка, погнуты выводы', 'Катушка раздавлена при перевозке'],
  expired: ['Истёк срок хранения, влагочувствительные компоненты без пакета'],
  other: ['Нет сертификата соответствия на партию', 'Маркировка не читается'],
};

const TICKET_SUBJECTS: Record<TicketCategory, string[]> = {
  reconciliation_act: ['Акт сверки за квартал', 'Акт сверки за год'],
  requisites_change: ['Смена банковских реквизитов', 'Новый юридический адрес'],
  delivery_address: ['Новый адрес склада', 'Доставка на второй склад'],
  document_originals: ['Оригиналы УПД', 'Оригиналы счетов-фактур'],
  question: ['Сроки поставки по заказу', 'Есть ли аналог снятой позиции', 'Условия отсрочки'],
  other: ['Пропуск для водителя', 'Пересорт в прошлой поставке'],
};

const CLIENT_WORDS = [
  'Добрый день! Просим помочь.',
  'Здравствуйте, ответьте, пожалуйста, до пятницы.',
  'Коллеги, срочно, бухгалтерия ждёт.',
];
const STAFF_WORDS = [
  'Приняли в работу, ответим сегодня.',
  'Подготовили, отправили на e-mail.',
  'Уточните, пожалуйста, номер договора.',
  'Готово, проверьте, пожалуйста.',
];

function fieldsOf(category: TicketCategory, at: number): Record<string, unknown> {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  switch (category) {
    case 'reconciliation_act':
      return { periodFrom: day(at - 90 * DAY), periodTo: day(at - DAY), agreement: '' };
    case 'requisites_change':
      return { requisites: 'р/с 40702810900000012345 в ПАО «Банк», БИК 044525000', effectiveFrom: day(at + 7 * DAY) };
    case 'delivery_address':
      return { address: 'г. Москва, ул. Складская, д. 5, стр. 2', effectiveFrom: '' };
    case 'document_originals':
      return { documents: 'УПД за прошлый месяц', sendBy: 'courier' };
    default:
      return {};
  }
}

/** Seeded uuid v4 text from a generator (the demo is the same every time). */
function uuidFrom(r: () => number): string {
  const hex = (n: number) =>
    Math.floor(r() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(r() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
}

export function demoAftersales(
  src: Source,
  counts: { claims: number; tickets: number },
  asOf: string,
  r: () => number,
): DemoAftersales {
  const rows = new Map<string, Row>();
  const put = (table: string, key: string, row: Row | null) => {
    if (row) rows.set(`${table}|${key}`, row);
    else rows.delete(`${table}|${key}`);
  };
  const supervisorOf = new Map(src.users.map((u) => [u.id, u.supervisor_id]));
  const end = Date.parse(asOf) - 2 * DAY;
  let number = 1000;
  /** Runs one mutation as `userId` at `at`; a refusal here is a bug in this generator, so it throws. */
  const run = <A>(def: MutationDef<A>, args: unknown, userId: number, role: Role, at: number): void => {
    const parsed = def.args.parse(args);
    const view = new Map(
      def.reads(parsed).map((ref) => [`${ref.table}|${ref.key}`, rows.get(`${ref.table}|${ref.key}`) ?? null]),
    );
    const ctx: MutationContext = { userId, role, now: new Date(at).toISOString(), writeVersion: ++number };
    const out = def.apply(parsed, view, ctx);
    if (!out.ok) throw new Error(`demo ${def.name}: ${out.code} ${out.message}`);
    for (const w of out.writes) put(w.table, w.key, w.row);
  };

  const linesOf = new Map<string, Source['order_lines']>();
  for (const l of src.order_lines) {
    const list = linesOf.get(l.order_id);
    if (list) list.push(l);
    else linesOf.set(l.order_id, [l]);
  }
  for (const i of src.items) put('items', String(i.id), { id: i.id, article: i.article, name: i.name });
  for (const u of src.users) put('users', String(u.id), { ...u });

  // Claims against shipped and closed orders, older ones more often settled.
  const shipped = src.orders.filter(
    (o) => (o.status === 'shipped' || o.status === 'closed') && Date.parse(o.created_at) < end - 3 * DAY,
  );
  const claimIds: string[] = [];
  for (let n = 0; n < counts.claims && shipped.length > 0; n++) {
    const order = shipped[Math.floor(r() * shipped.length)]!;
    const lines = linesOf.get(order.id) ?? [];
    if (lines.length === 0) continue;
    put('orders', order.id, order as unknown as Row);
    for (const l of lines) put('order_lines', l.id, l as unknown as Row);
    const chosen = [
      ...new Set(Array.from({ length: 1 + Math.floor(r() * r() * 3) }, () => lines[Math.floor(r() * lines.length)]!)),
    ];
    const claimed = (rows.get(`order_claims|${order.id}`)?.claimed ?? {}) as Record<string, string>;
    const claimLines = chosen
      .map((l) => {
        const left = Number(l.quantity) - Number(claimed[l.id] ?? 0);
        return {
          lineId: l.id,
          itemId: l.item_id,
          quantity: String(Math.max(1, Math.min(left, 1 + Math.floor(r() * r() * Number(l.quantity))))),
          left,
        };
      })
      .filter((l) => l.left >= 1);
    if (claimLines.length === 0) continue;
    const claimId = uuidFrom(r);
    const defect = DEFECT_TYPES[Math.floor(r() * DEFECT_TYPES.length)]!;
    const texts = DEFECT_TEXTS[defect]!;
    let at = Math.min(end - DAY, Date.parse(order.created_at) + (3 + r() * 20) * DAY);
    const manager = order.manager_id;
    const supervisor = supervisorOf.get(manager) ?? 1;
    run(
      createClaim,
      {
        claimId,
        orderId: order.id,
        lines: claimLines.map(({ left: _left, ...l }) => l),
        defectType: defect,
        description: texts[Math.floor(r() * texts.length)]!,
      },
      manager,
      'manager',
      at,
    );
    claimIds.push(claimId);
    // How far this claim got: the older it is, the likelier it is settled.
    const age = (end - at) / DAY;
    const goal = r() * Math.min(1, 0.3 + age / 60);
    const step = (to: string, by: number, role: Role, extra: Record<string, unknown> = {}): boolean => {
      const next = at + (2 + r() * 40) * HOUR;
      if (next > end) return false;
      at = next;
      const from = String(rows.get(`claims|${claimId}`)!.status);
      run(moveClaim, { claimId, orderId: order.id, from, to, comment: '', ...extra }, by, role, at);
      return true;
    };
    if (goal < 0.1 || !step('in_review', supervisor, 'supervisor')) continue;
    if (goal < 0.25) continue;
    if (r() < 0.25) {
      if (!step('more_info', supervisor, 'supervisor', { comment: 'Пришлите фото маркировки и накладную' })) continue;
      if (goal < 0.35 || !step('in_review', manager, 'manager', { comment: 'Фото и накладная приложены' })) continue;
    }
    const claim = rows.get(`claims|${claimId}`)!;
    const approve = r() < 0.75;
    const kinds: ClaimResolution[] = ['replacement', 'refund', 'credit_note'];
    const ok = approve
      ? step('approved', supervisor, 'supervisor', {
          comment: 'Брак подтверждён',
          resolution: { kind: kinds[Math.floor(r() * 3)]!, amount: String(claim.amount) },
        })
      : step('rejected', supervisor, 'supervisor', { comment: 'Дефект эксплуатационный, не гарантийный случай' });
    if (!ok || goal < 0.55) continue;
    step('closed', manager, 'manager');
  }

  // Tickets: every category, threads of a few messages, some waiting for the client, some late.
  const categories = Object.keys(TICKET_SUBJECTS) as TicketCategory[];
  const first = Date.parse(asOf) - 365 * DAY;
  for (let n = 0; n < counts.tickets && src.clients.length > 0; n++) {
    const client = src.clients[Math.floor(r() * src.clients.length)]!;
    put('clients', String(client.id), client as unknown as Row);
    const manager = client.manager_id;
    const category = categories[Math.floor(r() * categories.length)]!;
    // Recent tickets more often: the queue of today is full, last year's is closed.
    let at = end - (1 - Math.sqrt(r())) * (end - first);
    // Created in working hours (Moscow 09–18 is 06–15 UTC), as a client's e-mail is read.
    at = Math.floor(at / DAY) * DAY + (6 + r() * 8) * HOUR;
    if (at > end) at -= DAY;
    const ticketId = uuidFrom(r);
    const subjects = TICKET_SUBJECTS[category];
    run(
      createTicket,
      {
        ticketId,
        messageId: uuidFrom(r),
        clientId: client.id,
        category,
        subject: subjects[Math.floor(r() * subjects.length)]!,
        fields: fieldsOf(category, at),
        body: CLIENT_WORDS[Math.floor(r() * CLIENT_WORDS.length)]!,
      },
      manager,
      'manager',
      at,
    );
    const age = (end - at) / DAY;
    const goal = r() * Math.min(1, 0.2 + age / 20);
    // Late answers now and then: the SLA tiles have something to show.
    const gap = () => (r() < 0.15 ? 8 + r() * 40 : 0.2 + r() * 3) * HOUR;
    const reply = (author: 'staff' | 'client', then: 'waiting_client' | 'resolved' | null): boolean => {
      const next = at + gap();
      if (next > end) return false;
      at = next;
      const words = author === 'staff' ? STAFF_WORDS : CLIENT_WORDS;
      run(
        replyToTicket,
        { ticketId, messageId: uuidFrom(r), author, body: words[Math.floor(r() * words.length)]!, then },
        manager,
        'manager',
        at,
      );
      return true;
    };
    if (r() < 0.08)
      run(
        assignTicket,
        { ticketId, assigneeId: supervisorOf.get(manager) ?? manager, managerId: manager },
        supervisorOf.get(manager) ?? 1,
        'supervisor',
        at,
      );
    if (goal < 0.15 || !reply('staff', r() < 0.4 ? 'waiting_client' : null)) continue;
    if (goal < 0.35) continue;
    if (String(rows.get(`tickets|${ticketId}`)!.status) === 'waiting_client' && !reply('client', null)) continue;
    if (goal < 0.5 || !reply('staff', 'resolved')) continue;
    if (goal < 0.6) continue;
    const next = at + (4 + r() * 40) * HOUR;
    if (next > end) continue;
    run(setTicketStatus, { ticketId, from: 'resolved', to: 'closed' }, manager, 'manager', next);
  }

  const pick = (table: string) => [...rows].filter(([k]) => k.startsWith(`${table}|`)).map(([, v]) => v);
  // Two days old: the ERP has long registered them (and the decisions made).
  const claims = pick('claims').map((c) => ({
    ...c,
    erp_number: `РК-${String(c.number).padStart(6, '0')}`,
    erp_status: c.resolution || c.status === 'rejected' ? 'decision_received' : 'registered',
  }));
  const tickets = pick('tickets').map((t) => ({ ...t, erp_number: `ЗД-${String(t.number).padStart(6, '0')}` }));
  return { claims, order_claims: pick('order_claims'), tickets, ticket_messages: pick('ticket_messages') };
}
