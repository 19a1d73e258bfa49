// Spreadsheets in and out: every file in tests/fixtures/xlsx-wild is read or refused with a
// reason (never a crash, a hang or half an import), bad files are refused by their bytes, and an
// exported order imported into a new order gives identical lines.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../domain/errors';
import { createCatalogService } from '../catalog/catalog';
import { createLineIntake } from '../orders/line-intake';
import { createDeskPricing } from '../pricing/pricing';
import { createOrderService } from '../orders/orders';
import { readOrderFile, writeOrders, writeTemplate } from './order-workbook';
import { seededReplica } from '../sync/test-replica';
import { exportTexts, templateTexts } from './workbook-texts';

// A copy of ../shared/fixtures/xlsx-wild (from the exceljs test data, MIT; see its README) kept in
// the repository, so a clone anywhere runs these tests.
const FIXTURES = path.resolve(__dirname, '../../tests/fixtures/xlsx-wild');
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.xlsx'))
  .sort();

/** What each fixture must give: read (with the notes it must carry) or refused (with the reason). */
const expected: Record<string, { read: true; notes?: string[] } | { refused: string }> = {
  '1519293514-KRISHNAPATNAM_LINE_UP.xlsx': { read: true, notes: ['merged_cells'] },
  '1904.xlsx': { read: true },
  'bogus-defined-name.xlsx': { read: true },
  'formulas.xlsx': { read: true, notes: ['formulas'] },
  'google-sheets.xlsx': { read: true },
  'invalid-xml.xlsx': { refused: 'corrupt' },
  'libre-calc-as-excel-2007-365.xlsx': { read: true },
  'many-columns.xlsx': { read: true },
  'missing-bits.xlsx': { refused: 'no_sheets' },
  'shared_string_with_escape.xlsx': { read: true },
};

async function outcome(
  data: Buffer,
): Promise<{ ok: true; file: Awaited<ReturnType<typeof readOrderFile>> } | { ok: false; reason: string }> {
  try {
    return { ok: true, file: await readOrderFile(data) };
  } catch (err) {
    if (err instanceof CodedError && err.code === 'bad_file') return { ok: false, reason: err.message.split(':')[0]! };
    throw err;
  }
}

describe('reading spreadsheets from the wild', () => {
  it('knows every fixture', () => {
    expect(fixtures).toEqual(Object.keys(expected).sort());
  });

  it.each(fixtures)('%s: read or refused with a reason', async (name) => {
    const started = Date.now();
    const result = await outcome(readFileSync(path.join(FIXTURES, name)));
    expect(Date.now() - started).toBeLessThan(15_000);
    const want = expected[name]!;
    if ('refused' in want) {
      expect(result).toEqual({ ok: false, reason: want.refused });
      return;
    }
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const codes = result.file.notes.map((n) => n.code);
    for (const n of want.notes ?? []) expect(codes).toContain(n);
    // Whatever was read is rows of text, each from a real row of the sheet.
    for (const r of result.file.rows) {
      expect(typeof r.article).toBe('string');
      expect(r.sourceRow).toBeGreaterThan(0);
    }
  });

  it('refuses by the bytes: empty, not a spreadsheet, encrypted, old .xls, too big', async () => {
    const cfb = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await outcome(Buffer.alloc(0))).toEqual({ ok: false, reason: 'empty' });
    expect(await outcome(Buffer.from('Артикул;Количество\nK1;2'))).toEqual({ ok: false, reason: 'not_xlsx' });
    expect(await outcome(Buffer.concat([cfb, Buffer.alloc(100), Buffer.from('EncryptionInfo', 'utf16le')]))).toEqual({
      ok: false,
      reason: 'encrypted',
    });
    expect(await outcome(Buffer.concat([cfb, Buffer.alloc(600)]))).toEqual({ ok: false, reason: 'old_xls' });
    expect(await outcome(Buffer.concat([Buffer.from('PK'), Buffer.alloc(31 * 1024 * 1024)]))).toEqual({
      ok: false,
      reason: 'too_large',
    });
    expect(await outcome(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(200, 7)]))).toEqual({
      ok: false,
      reason: 'corrupt',
    });
  });

  it('names the kind of a spreadsheet that is not .xlsx: OpenDocument (.ods), binary .xlsb', async () => {
    // An .ods is a zip whose first entry, stored, names its type; exceljs finds "no sheets" in it.
    const ods = new JSZip();
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    ods.file('content.xml', '<office:document-content/>');
    expect(await outcome(await ods.generateAsync({ type: 'nodebuffer' }))).toEqual({ ok: false, reason: 'ods' });
    const xlsb = new JSZip();
    xlsb.file('[Content_Types].xml', '<Types/>');
    xlsb.file('xl/workbook.bin', Buffer.alloc(64, 1));
    expect(await outcome(await xlsb.generateAsync({ type: 'nodebuffer' }))).toEqual({ ok: false, reason: 'xlsb' });
  });

  it('reads the sheet that holds the order header when the first is instructions or a cover page', async () => {
    const wb = new ExcelJS.Workbook();
    const help = wb.addWorksheet('Инструкция');
    help.addRow(['Как заполнить заказ']);
    help.addRow(['1. Впишите артикулы и количество на листе «Заказ».']);
    help.addRow(['2. Сохраните файл и отправьте менеджеру.']);
    const order = wb.addWorksheet('Заказ');
    order.addRow(['Артикул', 'Количество']);
    order.addRow(['К561ЛА7', 10]);
    order.addRow(['КР140УД7', 5]);
    const file = await readOrderFile(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(file.sheet).toBe(1);
    expect(file.rows.map((r) => [r.article, r.quantity])).toEqual([
      ['К561ЛА7', '10'],
      ['КР140УД7', '5'],
    ]);
    expect(file.notes).toContainEqual({ code: 'sheet_with_header', rows: 'Заказ' });
    // The manager's choice stands: the instructions, when asked for.
    expect((await readOrderFile(Buffer.from(await wb.xlsx.writeBuffer()), { sheet: 0 })).sheet).toBe(0);
  });

  it('finds the columns of a foreign layout, skips hidden rows and totals, and reports formulas and merges', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Заявка');
    ws.addRow(['Заявка ООО «Ромашка»']);
    ws.mergeCells('A1:D1');
    ws.addRow([]);
    ws.addRow(['№', 'Наименование', 'Кол-во, шт', 'Part Number', 'Примечание']);
    ws.addRow([1, 'Микросхема', 10, 'K561LA7', 'срочно']);
    ws.addRow([2, 'Транзистор', { formula: '2*5', result: 10 }, 'KT315B', '']);
    const hidden = ws.addRow([3, 'Скрытая', 5, 'BC547', '']);
    hidden.hidden = true;
    ws.addRow(['', 'Итого', 25, '', '']);
    const file = await readOrderFile(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(file.headerRow).toBe(3);
    expect(file.mapping).toMatchObject({ article: 3, quantity: 2, comment: 4, price: null });
    expect(file.rows.map((r) => [r.sourceRow, r.article, r.quantity, r.comment])).toEqual([
      [4, 'K561LA7', '10', 'срочно'],
      [5, 'KT315B', '10', ''],
    ]);
    const notes = Object.fromEntries(file.notes.map((n) => [n.code, n]));
    expect(notes.formulas?.count).toBe(1);
    expect(notes.hidden_rows).toMatchObject({ count: 1, rows: '6' });
    expect(notes.merged_cells?.count).toBe(1);
    expect(notes.rows_without_article).toBeUndefined();
  });

  it('guesses article and quantity columns when there is no header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('1');
    ws.addRow(['К561ЛА7', 100]);
    ws.addRow(['КТ315Б', '1 000']);
    const file = await readOrderFile(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(file.headerRow).toBeNull();
    expect(file.mapping).toMatchObject({ article: 0, quantity: 1 });
    expect(file.notes.map((n) => n.code)).toContain('no_header');
    expect(file.rows).toHaveLength(2);
  });
});

describe('export and import back', () => {
  it('an exported order imported into a new order gives identical lines', async () => {
    const { replica, data, managerId } = seededReplica();
    const orders = createOrderService(replica.sqlite, createDeskPricing(replica.sqlite));
    const source = data.orders.find((o) => o.manager_id === managerId && o.lines_count >= 20)!;
    const original = orders.get(source.id);
    const names = new Map(data.warehouses.map((w) => [w.id, w.name]));
    const xlsx = await writeOrders([original], exportTexts('ru'), (id) => names.get(id)!);
    const file = await readOrderFile(xlsx);
    expect(file.notes.map((n) => n.code)).not.toContain('rows_without_article');
    const preview = createLineIntake(
      replica.sqlite,
      createCatalogService(replica.sqlite),
      createDeskPricing(replica.sqlite),
    ).preview(source.id, file.rows);
    expect(preview.every((p) => p.problems.length === 0)).toBe(true);
    // Decimal values compared as numbers: "20.000" and "20" are the same quantity.
    const n = (v: string | null): string => new Decimal(v ?? 'NaN').toString();
    const got = preview.map((p) => [
      (p.askedItem ?? p.item)!.id,
      n(p.askedItem ? p.askedItemQuantity : p.quantity),
      n(p.price),
      n(p.discount),
      p.warehouseId,
      p.comment,
    ]);
    const want = original.lines.map((l) => [
      l.itemId,
      n(l.quantity),
      n(l.price),
      n(l.discount),
      l.warehouseId,
      l.comment,
    ]);
    expect(got).toEqual(want);
  });

  it('the template reads back as its example line', async () => {
    const file = await readOrderFile(await writeTemplate(templateTexts('ru')));
    expect(file.mapping).toMatchObject({ article: 0, quantity: 1, price: 2, discount: 3, warehouse: 4, comment: 5 });
    expect(file.rows.map((r) => [r.article, r.quantity])).toEqual([['К561ЛА7', '100']]);
  });
});
