// Spreadsheets' part of the contract: an order file read into the incoming lines' preview (the
// layout found, remappable), orders and the import template written as .xlsx in the user's
// language, and any table on screen exported as it is shown.
import type { excelMethods, HandlersOf } from '../../domain/contract';
import { createLineIntake } from '../orders/line-intake';
import type { DeskSession } from '../session/desk-session';
import { readOrderFile, writeOrders, writeTemplate } from './order-workbook';
import { writeTable } from './table-workbook';
import { exportTexts, templateTexts } from './workbook-texts';

export function excelHandlers(s: DeskSession): HandlersOf<typeof excelMethods> {
  const intake = createLineIntake(s.replica.sqlite, s.catalog, s.pricing);
  const language = (lang: string | undefined) => lang ?? s.options.locale;
  return {
    'excel.readLines': async ({ orderId, data, sheet, mapping }) => {
      const file = await readOrderFile(Buffer.from(data, 'base64'), { sheet, mapping });
      const { rows, ...layout } = file;
      return { ...layout, lines: intake.preview(orderId, rows) };
    },
    'excel.exportOrders': async ({ ids, lang }) => {
      const orders = ids.map((id) => s.orders.get(id));
      const names = s.orders.warehouseNames();
      const texts = exportTexts(language(lang));
      const data = await writeOrders(orders, texts, (id) => names.get(id) ?? String(id));
      const first = orders[0]!;
      const what = orders.length === 1 ? (first.number ?? first.id.slice(0, 8)) : String(orders.length);
      return { fileName: `${texts.fileName(what)}.xlsx`, data: data.toString('base64') };
    },
    'excel.template': async ({ lang }) => {
      const texts = templateTexts(language(lang));
      return { fileName: `${texts.fileName}.xlsx`, data: (await writeTemplate(texts)).toString('base64') };
    },
    'table.exportXlsx': async (table) => ({ base64: (await writeTable(table)).toString('base64') }),
  };
}
