// The order confirmation's attachment: the order's lines as the client's accountant wants them
// in a spreadsheet (article, name, quantity, unit, price, amount; the total under them), made by
// exceljs from the committed rows when the letter is sent, amounts as exact decimal text turned
// into numbers with two places only in the cell format.
import ExcelJS from 'exceljs';
import type { Query } from '../query';

export async function orderSheet(query: Query, orderId: string): Promise<{ name: string; content: Buffer }> {
  const [order] = await query<{ number: string | null; erp_number: string | null; total: string }>(
    `SELECT number, erp_number, total::text AS total FROM orders WHERE id = $1`,
    [orderId],
  );
  const lines = await query<{
    article: string;
    name: string;
    unit: string;
    quantity: string;
    price: string;
    amount: string;
  }>(
    `SELECT i.article, i.name, i.unit, l.quantity::text AS quantity, l.price::text AS price, l.amount::text AS amount
     FROM order_lines l JOIN items i ON i.id = l.item_id WHERE l.order_id = $1 AND NOT l.deleted ORDER BY l.line_no`,
    [orderId],
  );
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Заказ');
  sheet.addRow([`Заказ ${order?.number ?? ''}`, `№ в 1С ${order?.erp_number ?? ''}`]).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow(['№', 'Артикул', 'Наименование', 'Кол-во', 'Ед.', 'Цена, ₽', 'Сумма, ₽']).font = { bold: true };
  lines.forEach((l, i) =>
    sheet.addRow([i + 1, l.article, l.name, Number(l.quantity), l.unit, Number(l.price), Number(l.amount)]),
  );
  sheet.addRow(['', '', 'Итого', '', '', '', Number(order?.total ?? 0)]).font = { bold: true };
  for (const col of [6, 7]) sheet.getColumn(col).numFmt = '#,##0.00';
  sheet.getColumn(3).width = 48;
  sheet.getColumn(2).width = 18;
  const name = `Заказ ${order?.number ?? orderId.slice(0, 8)}.xlsx`;
  return { name, content: Buffer.from(await book.xlsx.writeBuffer()) };
}
