// The supervisor's dashboard end to end (runs after claims-tickets.e2e.ts on the same server): a
// supervisor signs in on a desk of their own, opens the dashboard (Alt+0), switches the period,
// narrows it to one manager, drills into a tile and into a table row, exports the rows to .xlsx;
// then the seasonal programmes and the team's sales plans (plans-walk.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
// @ts-expect-error plain ESM helper without types
import { startTs } from '../../scripts/processes.mjs';
import { E2E_LOG_LEVEL, ROOT, STATE_FILE, logTo } from './global-setup';
import { signIn } from './sign-in';
import { plansWalk } from './plans-walk';

const SCREENS = 'test-results/screens';
interface State {
  serverUrl: string;
  pids: number[];
  dir: string;
}
const state = (): State => JSON.parse(readFileSync(STATE_FILE, 'utf8')) as State;

test('a supervisor reads the team dashboard, changes the period, drills into numbers and exports them', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const s = state();
  const desk = startTs(
    'web/index.ts',
    ['--server', s.serverUrl, '--data', path.join(s.dir, 'desk-dashboard'), '--port', '0'],
    { marker: 'OPTA_DESK_READY', cwd: ROOT, env: { LOG_LEVEL: E2E_LOG_LEVEL }, onLine: logTo('desk-dashboard') },
  );
  const url: string = await desk.ready;
  writeFileSync(STATE_FILE, JSON.stringify({ ...state(), pids: [...state().pids, desk.child.pid] }));
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signIn(page, url, 'supervisor1');
  await page.keyboard.press('Alt+0');
  await expect(page.getByTestId('dashboard-screen')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Показатели отдела' })).toBeVisible();
  const sales = page.getByTestId('tile-sales-value');
  await expect(sales).toHaveText(/\d/, { timeout: 30_000 });
  await expect(page.getByTestId('dashboard-as-of')).toContainText('Данные на');
  await expect(page.getByTestId('table-managers').getByRole('row')).not.toHaveCount(1);
  await page.screenshot({ path: `${SCREENS}/dashboard-month.png` });

  // A quarter is at least as much as the month it holds.
  const monthSales = await sales.textContent();
  await page.getByTestId('dashboard-period').getByText('Квартал').click();
  await expect(sales).not.toHaveText(monthSales!, { timeout: 30_000 });
  const toNumber = (text: string | null) => Number((text ?? '').replace(/[^\d,]/g, '').replace(',', '.'));
  expect(toNumber(await sales.textContent())).toBeGreaterThanOrEqual(toNumber(monthSales));
  await page.screenshot({ path: `${SCREENS}/dashboard-quarter.png` });

  // The rows behind a tile: overdue receivables by client, exported to Excel as numbers.
  await page.getByTestId('tile-overdue').click();
  const drill = page.getByTestId('dashboard-drill');
  await expect(drill).toBeVisible();
  await expect(drill.getByTestId('drill-count')).not.toHaveText('Строк: 0');
  await page.screenshot({ path: `${SCREENS}/dashboard-drill.png` });
  const download = page.waitForEvent('download');
  await drill.getByTestId('drill-table-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Просроченная дебиторка.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await file.path());
  const sheet = wb.worksheets[0]!;
  expect(sheet.getRow(1).getCell(1).value).toBe('Название');
  expect(typeof sheet.getRow(2).getCell(4).value).toBe('number');
  await page.keyboard.press('Escape');
  await expect(drill).toBeHidden();

  // A manager's row opens their orders of the period; one of them opens in the editor.
  await page.getByTestId('table-managers').getByRole('gridcell').first().dblclick();
  await expect(drill).toBeVisible();
  await expect(drill.getByTestId('drill-count')).not.toHaveText('Строк: 0');
  await drill.getByTestId('drill-table').getByRole('gridcell').first().dblclick();
  await expect(page.getByTestId('order-view')).toBeVisible({ timeout: 30_000 });

  // The same supervisor's seasonal programmes and sales plans.
  await plansWalk(page);
});
