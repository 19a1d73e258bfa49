// A supervisor's sales plans through the screen: the year's plans of the team beside what was sold,
// a new plan from the keyboard (Insert), its amount changed (Enter) with the history beside the
// grid once the server has it, 1C's plans read-only, a plan removed (Delete) after asking.
// Walked on the supervisor's own desk at the end of dashboard.e2e.ts (a desk of one's own costs a
// whole catalog sync): the seasonal programmes screen is looked at on the way.
import { expect, type Page } from '@playwright/test';

const SCREENS = 'test-results/screens';

export async function plansWalk(page: Page): Promise<void> {
  await page.keyboard.press('Alt+S');
  await expect(page.getByTestId('programme-title')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('commitments-grid').locator('[role=row][row-id]').first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/seasons.png` });

  await page.keyboard.press('Alt+L');
  const grid = page.getByTestId('plans-grid');
  await expect(page.getByTestId('plans-year')).toHaveText(new Date().getFullYear().toString());
  await expect(grid.locator('[role=row][row-id]').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('plans-totals')).toContainText('факт');

  // A new plan: one group of a manager's whole book, this quarter.
  await page.keyboard.press('Insert');
  await page.getByTestId('plan-manager').click();
  await page.getByRole('option').first().click();
  await page.getByTestId('plan-group').click();
  await page.getByRole('option').nth(1).click();
  const group = (await page.getByTestId('plan-group').inputValue()).trim();
  await page.getByTestId('plan-amount').fill('1 234 567,89');
  await page.getByTestId('plan-note').fill('новый поставщик');
  await page.getByTestId('plan-save').click();
  await expect(page.getByTestId('plans-said')).toContainText('План сохранён');
  const row = grid.locator('[role=row][row-id]', { hasText: group }).filter({ hasText: 'Руководитель' }).first();
  await expect(row).toContainText('1 234 567,89');
  await row.locator('[col-id=amount]').click();
  // Its history comes from the server's audit, once the plan has been there and back.
  const history = page.getByTestId('plan-history');
  await expect(history.getByTestId('plan-change')).toHaveCount(1, { timeout: 20_000 });
  await expect(history).toContainText('задан: 1 234 567,89');

  // Enter changes the amount; the history grows.
  await page.keyboard.press('Enter');
  await page.getByTestId('plan-amount').fill('1500000');
  await page.getByTestId('plan-save').click();
  await expect(row).toContainText('1 500 000,00');
  await expect(history.getByTestId('plan-change')).toHaveCount(2, { timeout: 20_000 });
  await expect(history).toContainText('1 234 567,89 → 1 500 000,00');
  await page.screenshot({ path: `${SCREENS}/plans.png` });

  // 1C's plans are 1C's: Enter says so and opens nothing.
  const fromErp = grid.locator('[role=row][row-id]').filter({ hasText: '1С' }).first();
  await fromErp.locator('[col-id=amount]').click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('plans-said')).toContainText('План из 1С');
  await expect(page.getByTestId('plan-amount')).toHaveCount(0);

  // Delete, after asking; the plan leaves the board.
  await row.locator('[col-id=amount]').click();
  await page.keyboard.press('Delete');
  await page.getByTestId('plan-remove-confirm').click();
  await expect(row).toHaveCount(0);
}
