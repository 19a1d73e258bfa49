// The order editor end to end: a new order for a client, a line added by an article typed in
// another spelling, a quantity edited in the grid (Enter, type, Enter), a pasted list shown in a
// preview first (found, typo, not found, rounded to the pack) and added on confirm, a line
// deleted with the Delete key; and the 20,000-line demo order opened and shown.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { STATE_FILE } from './global-setup';

const SCREENS = 'test-results/screens';
const state = (): { deskUrl: string } => JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { deskUrl: string };

async function signIn(page: Page): Promise<void> {
  await page.goto(state().deskUrl);
  await expect(page.locator('input[name=login]').or(page.getByTestId('status-bar'))).toBeVisible({ timeout: 30_000 });
  if (!(await page.getByTestId('status-bar').isVisible())) {
    await page.fill('input[name=login]', 'manager1');
    await page.fill('input[name=password]', 'demo1234');
    await page.click('button[type=submit]');
  }
  await expect(page.getByTestId('last-sync')).toContainText('Синхронизировано', { timeout: 90_000 });
}

const totals = (page: Page) => page.getByTestId('order-totals');

test('a new order: lines by article in any spelling, grid edits, a pasted list with a preview, Delete', async ({ page }) => {
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
  await expect(page.getByRole('alert')).toContainText('«много» — не количество');
  await expect(grid.locator('[col-id=quantity]').filter({ hasText: '25' })).toBeVisible();

  // A pasted list: a preview first, then the lines.
  await page.getByTestId('paste-list').click();
  await page.getByTestId('paste-text').fill('КР561ЛА7\t7\nНЕСУЩЕСТВУЮЩИЙ-999\t5');
  await page.getByTestId('paste-preview').click();
  await expect(page.getByTestId('paste-result')).toContainText('Не найден');
  await page.screenshot({ path: `${SCREENS}/order-paste-preview.png` });
  await page.getByTestId('paste-confirm').click();
  await expect(totals(page)).toContainText('строк: 2');
  await expect(grid.getByRole('gridcell', { name: 'КР561ЛА7', exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/order-editor.png` });

  // Fill down (Ctrl+D): both lines selected, the quantity of the first goes into the second.
  await grid.getByRole('gridcell', { name: 'К561ЛА7', exact: true }).first().click();
  await grid.getByRole('gridcell', { name: 'КР561ЛА7', exact: true }).first().click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-sum')).toContainText('Выделено строк: 2');
  await grid.locator('[col-id=quantity]').filter({ hasText: '25' }).first().click({ modifiers: ['Control'] });
  await grid.locator('[col-id=quantity]').filter({ hasText: '25' }).first().click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+D');
  await expect(grid.locator('[col-id=quantity]').filter({ hasText: /^25$/ })).toHaveCount(2);

  // Delete removes the focused line.
  await grid.getByRole('gridcell', { name: 'К561ЛА7', exact: true }).first().click();
  await page.keyboard.press('Delete');
  await expect(totals(page)).toContainText('строк: 1');
});

test('the 20,000-line demo order opens and scrolls', async ({ page }) => {
  await signIn(page);
  await page.getByTestId('nav-orders').click();
  // Largest first: sort by the lines column (ascending, then descending).
  const header = page.getByTestId('orders-grid').getByRole('columnheader', { name: 'Строк' });
  await header.click();
  await header.click();
  await page.getByTestId('orders-grid').getByRole('gridcell', { name: '20000', exact: true }).first().dblclick();
  await expect(totals(page)).toContainText(/строк: 20\s000/, { timeout: 30_000 });
  await page.getByTestId('order-lines').getByRole('gridcell').first().click();
  await page.keyboard.press('Control+End');
  await expect(page.getByTestId('order-lines').locator('[col-id=lineNo]').filter({ hasText: /^20000$/ })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/order-20k.png` });
});
