// Runs after orders.e2e.ts (files run in name order on one server): it submits the 20,000-line
// order, whose ERP delivery must not mix with the ERP queue counts that file checks.
// The order editor end to end: a new order for a client, a line added by an article typed in
// another spelling, a quantity edited in the grid (Enter, type, Enter), a pasted list shown in a
// preview first and added on confirm, fill down, undo/redo, Delete; and the 20,000-line demo
// order: a keyboard range, copy, fill down, 1,000 pasted rows through the preview, undo, an
// .xlsx import with its preview, submit.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { STATE_FILE } from './global-setup';
import { signIn as signInAs } from './sign-in';

const SCREENS = 'test-results/screens';
const state = (): { deskUrl: string } => JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { deskUrl: string };

const signIn = (page: Page): Promise<void> => signInAs(page, state().deskUrl, 'manager1');

const totals = (page: Page) => page.getByTestId('order-totals');

test('a new order: lines by article in any spelling, grid edits, a pasted list with a preview, Delete', async ({
  page,
}) => {
  await signIn(page);
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('new-order').click();
  await page.getByTestId('new-order-client').click();
  await page.getByRole('option').first().click();
  await page.getByTestId('new-order-create').click();
  await expect(page.getByTestId('order-view')).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Черновик');

  // Latin look-alikes and a separator: "k561-la7" finds К561ЛА7.
  await page.getByTestId('add-article').fill('k561-la7');
  await page.getByRole('option', { name: /^К561ЛА7 — / }).click();
  await page.getByTestId('add-quantity').fill('10');
  await page.getByTestId('add-quantity').press('Enter');
  const grid = page.getByTestId('order-lines');
  await expect(grid.getByRole('gridcell', { name: 'К561ЛА7', exact: true })).toBeVisible();
  await expect(totals(page)).toContainText('строк: 1');

  // Excel habits: Enter starts editing the focused cell, typing replaces, Enter commits.
  const quantityCell = grid.locator('[col-id=quantity]').filter({ hasText: '10' }).first();
  await quantityCell.click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('25');
  await page.keyboard.press('Enter');
  await expect(grid.locator('[col-id=quantity]').filter({ hasText: '25' })).toBeVisible();
  // Text in a quantity is refused with a clear error and changes nothing.
  await grid.locator('[col-id=quantity]').filter({ hasText: '25' }).first().click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('много');
  await page.keyboard.press('Enter');
  // The order's own error line (a notification pop-up about another order is an alert too).
  await expect(page.getByTestId('order-error')).toContainText('«много» — не количество');
  await expect(grid.locator('[col-id=quantity]').filter({ hasText: '25' })).toBeVisible();

  // A pasted list: a preview first, then the lines.
  await page.getByTestId('paste-list').click();
  await page.getByTestId('paste-text').fill('КР561ЛА7\t7\nНЕСУЩЕСТВУЮЩИЙ-999\t5\nКТ315Б\tмного');
  await page.getByTestId('paste-preview').click();
  const preview = page.getByTestId('preview-grid');
  await expect(preview).toContainText('не найдено');
  await expect(preview).toContainText('количество — не число');
  await expect(page.getByTestId('preview-problems')).toContainText('Не будет добавлено: 2');
  await page.screenshot({ path: `${SCREENS}/order-paste-preview.png` });
  await page.getByTestId('preview-confirm').click();
  await expect(totals(page)).toContainText('строк: 2');
  await expect(grid.getByRole('gridcell', { name: 'КР561ЛА7', exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/order-editor.png` });

  // Fill down (Ctrl+D): a range over both quantities, the first goes into the second.
  await grid.locator('[col-id=quantity]').filter({ hasText: '25' }).first().click();
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByTestId('selection-figures')).toContainText('Выделено строк: 2');
  await page.keyboard.press('Control+D');
  await expect(grid.locator('[col-id=quantity]').filter({ hasText: /^25$/ })).toHaveCount(2);
  // Undo brings the second quantity back; redo does it again.
  await page.keyboard.press('Control+Z');
  await expect(grid.locator('[col-id=quantity]').filter({ hasText: /^25$/ })).toHaveCount(1);
  await page.keyboard.press('Control+Y');
  await expect(grid.locator('[col-id=quantity]').filter({ hasText: /^25$/ })).toHaveCount(2);

  // Delete removes the focused line.
  await grid.getByRole('gridcell', { name: 'К561ЛА7', exact: true }).first().click();
  await page.keyboard.press('Delete');
  await expect(totals(page)).toContainText('строк: 1');
});

/** Dispatches a paste of this text (and optional HTML) on the focused element, as the system clipboard would. */
async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    (document.activeElement ?? document.body).dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Copies what the grid puts on the clipboard for Ctrl+C, as text. */
async function copyText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const data = new DataTransfer();
    (document.activeElement ?? document.body).dispatchEvent(
      new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }),
    );
    return data.getData('text/plain');
  });
}

test('the 20,000-line demo order: keyboard range, copy, paste 1,000 rows, undo, fill down, import .xlsx, submit', async ({
  page,
}) => {
  await signIn(page);
  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId('orders-grid').getByRole('gridcell').first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/orders-list.png` });
  // Largest first: sort by the lines column (ascending, then descending).
  const header = page.getByTestId('orders-grid').getByRole('columnheader', { name: 'Строк' });
  await header.click();
  await header.click();
  await page
    .getByTestId('orders-grid')
    .getByRole('gridcell', { name: /^20\s?000$/ })
    .first()
    .dblclick();
  await expect(totals(page)).toContainText(/строк: 20\s000/, { timeout: 30_000 });
  const grid = page.getByTestId('order-lines');
  await expect(page.getByText(/Загрузка всех строк/)).toHaveCount(0, { timeout: 30_000 });

  // A range with the keyboard: from the first quantity, three lines down and one column right.
  await grid.locator('[role=gridcell][col-id=quantity]').first().click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('selection-figures')).toContainText('Выделено строк: 4');
  const copied = await copyText(page);
  expect(copied.trim().split(/\r?\n/)).toHaveLength(4);
  expect(copied.split(/\r?\n/)[0]!.split('\t')).toHaveLength(2);

  // Fill down over the range: the first line's quantity and price into the three below it.
  await page.keyboard.press('Control+D');
  const firstRow = copied.split(/\r?\n/)[0]!;
  await expect
    .poll(async () => (await copyText(page)).trim().split(/\r?\n/))
    .toEqual([firstRow, firstRow, firstRow, firstRow]);

  // Paste 1,000 rows (article, quantity) under the last line: a preview first, then the lines.
  const articles = ['К561ЛА7', 'КР561ЛА7'];
  const tsv =
    Array.from({ length: 1000 }, (_, i) => `${articles[i % articles.length]}\t${(i % 9) + 1}`).join('\r\n') + '\r\n';
  await page.keyboard.press('Control+End');
  const endRow = grid.getByRole('row', { name: /Ctrl\+V — вставить строки/ }).locator('[col-id=article]');
  await endRow.click();
  // The paste goes where the focus is: wait until the grid has moved it to the end row.
  await expect(endRow).toHaveClass(/ag-cell-focus/);
  await pasteText(page, tsv);
  await expect(page.getByTestId('preview-grid')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/order-grid-paste-preview.png` });
  await page.getByTestId('preview-confirm').click();
  await expect(totals(page)).toContainText(/строк: 21\s000/, { timeout: 30_000 });
  await page.screenshot({ path: `${SCREENS}/order-editor-20k.png` });

  // Undo takes the 1,000 lines away again.
  await page.getByTestId('undo').click();
  await expect(totals(page)).toContainText(/строк: 20\s000/, { timeout: 30_000 });

  // Import an .xlsx in a client's layout: preview with the mapping, then the lines.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Заявка');
  ws.addRow(['Заявка на поставку']);
  ws.addRow(['Наименование', 'Part Number', 'Кол-во, шт', 'Примечание']);
  ws.addRow(['Микросхема', 'K561LA7', 40, 'срочно']);
  ws.addRow(['Транзистор', 'KT315B', { formula: '10*3', result: 30 }, '']);
  await page.getByTestId('import-file').setInputFiles({
    name: 'zayavka.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  await expect(page.getByTestId('file-notes')).toContainText('формулами: 1');
  await expect(page.getByTestId('preview-grid')).toContainText('К561ЛА7');
  await page.screenshot({ path: `${SCREENS}/order-import-preview.png` });
  await page.getByTestId('preview-confirm').click();
  await expect(totals(page)).toContainText(/строк: 20\s002/, { timeout: 30_000 });

  // Submit: the check, then the order is on its way to the ERP.
  await page.getByTestId('order-submit').click();
  await page.getByTestId('check-confirm').click();
  await expect(page.getByTestId('order-status')).not.toHaveText('Черновик', { timeout: 30_000 });
});
