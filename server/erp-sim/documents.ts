// The simulated 1C's documents: an invoice when it accepts an order, a УПД when the order ships,
// the УПД behind each client's open debt and a reconciliation act per client for the last
// quarter, all announced in `documents.changes`; `document.pdf` prints one (pdfmake, the Roboto
// fonts with Cyrillic), the same bytes every time it is asked for.
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import Decimal from 'decimal.js';
import { companyDay } from '../../domain/clients/receivables';
import type { ErpDocument } from '../../domain/erp/erp-documents';
import { ChangeLog, type MasterStore } from './master-store';

/** A settlement on a reconciliation act: a shipping document, its sum and what was paid against it. */
export interface Settlement {
  number: string;
  date: string;
  amount: string;
  paid: string;
}

export interface DocumentLine {
  itemId: number;
  quantity: string;
  price: string;
  amount: string;
}

interface Printer {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const TITLES: Record<ErpDocument['kind'], string> = {
  invoice: 'Счёт на оплату',
  upd: 'Универсальный передаточный документ',
  waybill: 'Товарная накладная',
  act: 'Акт',
  reconciliation: 'Акт сверки взаимных расчётов',
  certificate: 'Сертификат соответствия',
  other: 'Документ',
};
const PREFIX: Record<ErpDocument['kind'], string> = {
  invoice: 'СЧ',
  upd: 'УПД',
  waybill: 'ТН',
  act: 'АКТ',
  reconciliation: 'АС',
  certificate: 'СЕРТ',
  other: 'ДОК',
};

/** A GUID-shaped id made from a name: the same name, the same id. */
function stableId(name: string): string {
  const h = createHash('sha1').update(`erp-sim-document:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A desk order's lines as 1C keeps them for its documents (those the payload carries whole). */
export function documentLines(lines: unknown[]): DocumentLine[] {
  return lines.flatMap((raw) => {
    const l = raw as { itemId?: unknown; quantity?: unknown; price?: unknown; amount?: unknown };
    return typeof l.quantity === 'string' && typeof l.price === 'string' && typeof l.amount === 'string'
      ? [{ itemId: Number(l.itemId), quantity: l.quantity, price: l.price, amount: l.amount }]
      : [];
  });
}

type Printed = ErpDocument & { lines: DocumentLine[]; settlements: Settlement[] };

/** A sum as printed in Russian documents: groups of three by a no-break space, a decimal comma. */
const rub = (v: string, places = 2): string => {
  const [whole, fraction] = new Decimal(v).toFixed(places).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')},${fraction}`;
};

let printer: Printer | null = null;
function pdfPrinter(): Printer {
  if (printer) return printer;
  const require = createRequire(import.meta.url);
  const instance = require('pdfmake') as Printer;
  const dir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const face = (file: string) => path.join(dir, `Roboto-${file}.ttf`);
  instance.setFonts({
    Roboto: {
      normal: face('Regular'),
      bold: face('Medium'),
      italics: face('Italic'),
      bolditalics: face('MediumItalic'),
    },
  });
  instance.setUrlAccessPolicy(() => false);
  printer = instance;
  return instance;
}

export class DocumentBook {
  readonly log = new ChangeLog();
  readonly documents = new Map<string, Printed>();
  private printed = new Map<string, Buffer>();
  private numbers = 0;
  private opening = false;

  constructor(private readonly master: MasterStore) {}

  /** Issues a document (a put in the feed); returns its id. */
  issue(
    doc: Omit<ErpDocument, 'id' | 'number' | 'title' | 'orderId' | 'erpOrderId'> &
      Partial<Pick<ErpDocument, 'number' | 'orderId' | 'erpOrderId'>>,
    lines: DocumentLine[] = [],
    settlements: Settlement[] = [],
  ): string {
    const number = doc.number ?? `${PREFIX[doc.kind]}-${String(++this.numbers).padStart(6, '0')}`;
    // The opening documents exist before the simulator starts: the same ids at every start, as
    // 1C's own would be (a restarted simulator re-sends them, and the server changes nothing).
    const id = this.opening ? stableId(`${doc.kind}:${number}:${doc.clientId}`) : randomUUID();
    const full: ErpDocument = {
      orderId: null,
      erpOrderId: null,
      ...doc,
      id,
      number,
      title: `${TITLES[doc.kind]} № ${number} от ${doc.date.split('-').reverse().join('.')}`,
    };
    this.documents.set(id, { ...full, lines, settlements });
    this.log.add({ op: 'put', data: full });
    return id;
  }

  /** An order's invoice or УПД, with its lines and their sum. */
  issueForOrder(
    order: { clientId: number; orderId?: string; erpOrderId?: string; documentLines: DocumentLine[] },
    kind: 'invoice' | 'upd',
  ): string {
    const amount = order.documentLines.reduce((sum, l) => sum.plus(l.amount), new Decimal(0)).toFixed(2);
    return this.issue(
      {
        kind,
        date: companyDay(new Date()),
        clientId: order.clientId,
        orderId: order.orderId ?? null,
        erpOrderId: order.erpOrderId ?? null,
        amount,
      },
      order.documentLines,
    );
  }

  /** Withdraws a document (cancelled in 1C): a retire in the feed. */
  withdraw(id: string): void {
    if (!this.documents.delete(id)) return;
    this.printed.delete(id);
    this.log.add({ op: 'retire', key: { id } });
  }

  /** The documents behind every client's open debt, and a reconciliation act for the last quarter. */
  issueOpening(today: Date): void {
    this.opening = true;
    try {
      this.issueOpeningDocuments(today);
    } finally {
      this.opening = false;
    }
  }

  private issueOpeningDocuments(today: Date): void {
    const quarterStart = new Date(Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3, 1));
    const actDate = companyDay(new Date(quarterStart.getTime() + 4 * 86_400_000));
    for (const client of this.master.clients.rows.values()) {
      const open = this.master.receivables.get(client.id)?.documents ?? [];
      let balance = new Decimal(0);
      for (const d of open) {
        this.issue({ kind: 'upd', number: d.number, date: d.date, clientId: client.id, amount: d.amount });
        balance = balance.plus(d.amount).minus(d.paid);
      }
      this.issue({ kind: 'reconciliation', date: actDate, clientId: client.id, amount: balance.toFixed(2) }, [], open);
    }
  }

  /** The printed form: the same bytes on every call, so its hash stays the document's. */
  async pdf(id: string): Promise<Buffer | null> {
    const doc = this.documents.get(id);
    if (!doc) return null;
    const kept = this.printed.get(id);
    if (kept) return kept;
    const bytes = await pdfPrinter().createPdf(this.layout(doc)).getBuffer();
    this.printed.set(id, bytes);
    return bytes;
  }

  static sha256(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  private layout(doc: Printed): Record<string, unknown> {
    const client = this.master.clients.get(String(doc.clientId));
    const rows = doc.lines.map((l, i) => {
      const item = this.master.items.get(String(l.itemId));
      return [
        String(i + 1),
        item?.article ?? String(l.itemId),
        item?.name ?? '',
        l.quantity,
        rub(l.price, 4),
        rub(l.amount),
      ];
    });
    const settled = doc.settlements.map((d) => [
      d.number,
      d.date.split('-').reverse().join('.'),
      rub(d.amount),
      rub(d.paid),
      rub(new Decimal(d.amount).minus(d.paid).toFixed(2)),
    ]);
    return {
      info: { title: doc.title, creator: 'ERP simulator', creationDate: new Date(`${doc.date}T09:00:00Z`) },
      pageSize: 'A4',
      pageMargins: [36, 36, 36, 36],
      defaultStyle: { font: 'Roboto', fontSize: 9 },
      content: [
        { text: doc.title, bold: true, fontSize: 13, margin: [0, 0, 0, 10] },
        { text: 'Поставщик: ООО «Опта-Дистрибуция», ИНН 7701234567', margin: [0, 0, 0, 2] },
        {
          text: `Покупатель: ${client?.name ?? doc.clientId}${client ? `, ИНН ${client.inn}` : ''}`,
          margin: [0, 0, 0, 2],
        },
        ...(doc.erpOrderId || doc.orderId ? [{ text: `Основание: заказ ${doc.erpOrderId ?? doc.orderId}` }] : []),
        ...(rows.length
          ? [
              {
                margin: [0, 10, 0, 0],
                table: {
                  headerRows: 1,
                  widths: [18, 70, '*', 45, 55, 60],
                  body: [['№', 'Артикул', 'Наименование', 'Кол-во', 'Цена', 'Сумма'], ...rows],
                },
                layout: 'lightHorizontalLines',
              },
            ]
          : []),
        ...(settled.length
          ? [
              {
                margin: [0, 10, 0, 0],
                table: {
                  headerRows: 1,
                  widths: ['*', 70, 80, 80, 80],
                  body: [['Документ', 'Дата', 'Сумма', 'Оплачено', 'Долг'], ...settled],
                },
                layout: 'lightHorizontalLines',
              },
            ]
          : []),
        ...(doc.amount
          ? [
              {
                text: `${doc.kind === 'reconciliation' ? 'Сальдо в пользу поставщика' : 'Итого'}: ${rub(doc.amount)} ₽`,
                bold: true,
                margin: [0, 10, 0, 0],
              },
            ]
          : []),
      ],
    };
  }
}
