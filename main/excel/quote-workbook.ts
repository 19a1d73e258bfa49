// A quote (коммерческое предложение) as a workbook for the client: who it is for, when, the price
// type and whether prices include VAT, then the lines (article, name, quantity, unit, price, amount,
// stock, lead time) and the total. Numbers are numbers Excel can sum; money has two places.
import ExcelJS from 'exceljs';
import type { QuotedLine } from '../catalog/quotes';

export interface QuoteTexts {
  title: string;
  client: string;
  date: string;
  priceType: string;
  vat: string;
  columns: [string, string, string, string, string, string, string, string, string];
  total: string;
  inStock: string;
  lead: (days: number) => string;
  noPrice: string;
}

export async function writeQuote(
  q: { clientName: string; priceType: string; at: Date; lines: QuotedLine[]; total: string },
  texts: QuoteTexts,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Opta Desk';
  const ws = wb.addWorksheet(texts.title.slice(0, 31));
  ws.columns = [
    { width: 5 },
    { width: 18 },
    { width: 48 },
    { width: 10 },
    { width: 6 },
    { width: 14, style: { numFmt: '#,##0.00' } },
    { width: 16, style: { numFmt: '#,##0.00' } },
    { width: 12 },
    { width: 14 },
  ];
  ws.addRow([texts.title]).font = { bold: true, size: 14 };
  ws.addRow([`${texts.client}: ${q.clientName}`]);
  ws.addRow([`${texts.date}: ${q.at.toLocaleDateString('ru-RU')}`]);
  ws.addRow([`${texts.priceType}: ${q.priceType} · ${texts.vat}`]);
  ws.addRow([]);
  const head = ws.addRow(texts.columns);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F3F5' } };
  });
  q.lines.forEach((l, i) =>
    ws.addRow([
      i + 1,
      l.article,
      l.name,
      Number(l.quantity),
      l.unit,
      l.price === null ? texts.noPrice : Number(l.price),
      l.amount === null ? null : Number(l.amount),
      l.stock > 0 ? texts.inStock : '',
      l.stock > 0 || l.leadDays === null ? '' : texts.lead(l.leadDays),
    ]),
  );
  const total = ws.addRow(['', '', texts.total, '', '', '', Number(q.total)]);
  total.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function quoteTexts(lang: string): QuoteTexts & { fileName: (client: string) => string } {
  const ru = lang !== 'en';
  return ru
    ? {
        title: 'Коммерческое предложение',
        client: 'Клиент',
        date: 'Дата',
        priceType: 'Тип цен',
        vat: 'цены с НДС',
        columns: ['№', 'Артикул', 'Наименование', 'Кол-во', 'Ед.', 'Цена, ₽', 'Сумма, ₽', 'Наличие', 'Срок'],
        total: 'Итого',
        inStock: 'в наличии',
        lead: (d) => `${d} дн.`,
        noPrice: 'по запросу',
        fileName: (client) => `КП ${client}.xlsx`,
      }
    : {
        title: 'Quotation',
        client: 'Client',
        date: 'Date',
        priceType: 'Price type',
        vat: 'prices include VAT',
        columns: ['#', 'Article', 'Name', 'Qty', 'Unit', 'Price, ₽', 'Amount, ₽', 'Availability', 'Lead time'],
        total: 'Total',
        inStock: 'in stock',
        lead: (d) => `${d} days`,
        noPrice: 'on request',
        fileName: (client) => `Quote ${client}.xlsx`,
      };
}
