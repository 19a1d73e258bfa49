// A manager signs in, sees the synced catalog, finds an item by a Latin look-alike article and
// classifies a pasted list in bulk search. Screenshots of each screen go to test-results/screens.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { STATE_FILE } from './global-setup';

const SCREENS = 'test-results/screens';
const deskUrl = (): string => (JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { deskUrl: string }).deskUrl;

async function signIn(page: Page, login = 'manager1', password = 'demo1234'): Promise<void> {
  await page.goto(deskUrl());
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

test.describe.configure({ mode: 'serial' });

test('wrong password shows a translated error and stays on the login screen', async ({ page }) => {
  await signIn(page, 'manager1', 'wrong-password');
  await expect(page.getByTestId('login-error')).toHaveText('Неверный логин или пароль');
  await page.screenshot({ path: `${SCREENS}/login-error.png` });
});

test('manager signs in and the catalog syncs into the replica', async ({ page }) => {
  await page.goto(deskUrl());
  await expect(page.getByRole('button', { name: 'Войти' })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/login.png` });
  await signIn(page);
  await expect(page.getByTestId('last-sync')).toContainText('Синхронизировано', { timeout: 90_000 });
  await expect(page.getByTestId('catalog-count')).toHaveText(/из 50\s000/);
  await expect(page.locator('.ag-row').first()).toBeVisible();
  // The header counts what waits for the manager as soon as the first sync brought it (they
  // were counted once at sign-in, before any ticket had arrived, and stayed empty).
  await expect(page.getByTestId('tickets-count')).toHaveText(/^[1-9]/);
  await expect(page.getByTestId('claims-count')).toHaveText(/^[1-9]/);
  await page.screenshot({ path: `${SCREENS}/catalog.png` });
});

test('quick search finds an item by a Latin look-alike article and opens its card', async ({ page }) => {
  await page.goto(deskUrl());
  await expect(page.getByTestId('catalog-count')).toHaveText(/из 50\s000/);
  await page.getByTestId('catalog-search').fill('k561-la7');
  await expect(page.getByTestId('catalog-count')).toHaveText(/^Показано 1 из 50\s000$/);
  const cell = page.getByTestId('catalog-grid').getByRole('gridcell', { name: 'К561ЛА7', exact: true });
  await expect(cell).toBeVisible();
  await cell.click();
  await expect(page.getByTestId('item-panel')).toContainText('Остатки по складам');
  await expect(page.getByTestId('item-panel')).toContainText('КР561ЛА7');
  await page.screenshot({ path: `${SCREENS}/catalog-search.png` });
});

test('Ctrl+K palette finds an item by article', async ({ page }) => {
  await page.goto(deskUrl());
  await expect(page.getByTestId('catalog-count')).toHaveText(/из 50\s000/);
  await page.keyboard.press('Control+k');
  await expect(page.getByPlaceholder('Артикул или название…')).toBeFocused();
  await page.keyboard.type('K561LA7');
  await expect(page.getByText('К561ЛА7 — Микросхема К561ЛА7')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/palette.png` });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('item-panel')).toContainText('К561ЛА7');
});

test('bulk search classifies a pasted list', async ({ page }) => {
  await page.goto(deskUrl());
  await page.getByTestId('nav-bulk').click();
  const list = ['K561LA7\t100', 'к561-ла7 5', 'КР561ЛА8 3', 'ZZZ-NOT-AN-ARTICLE 1'].join('\n');
  await page.getByTestId('bulk-input').fill(list);
  await page.getByTestId('bulk-run').click();
  await expect(page.getByTestId('bulk-count-not_found')).toHaveText(/: 1$/);
  const total = await Promise.all(
    (['exact', 'fuzzy', 'analog'] as const).map(async (k) =>
      Number((await page.getByTestId(`bulk-count-${k}`).textContent())!.split(': ')[1]),
    ),
  );
  expect(total.reduce((a, b) => a + b, 0)).toBe(3);
  // The one-character typo (КР561ЛА8 → КР561ЛА7 or a sibling) is fuzzy, not silently exact.
  await expect(page.getByTestId('bulk-count-fuzzy')).not.toHaveText(/: 0$/);
  await page.screenshot({ path: `${SCREENS}/bulk-search.png` });
});

test('an item entered in 1C appears in the catalog of a signed-in desk within seconds', async ({ page }) => {
  const { erpUrl } = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { erpUrl: string };
  await page.goto(deskUrl());
  await expect(page.getByTestId('catalog-count')).toHaveText(/из 50\s000/);
  // The server loaded this desk's catalog from the ERP simulator; now 1C gets a new item, its price and stock.
  const post = (body: unknown) =>
    fetch(`${erpUrl}/admin/master`, { method: 'POST', body: JSON.stringify(body) }).then((r) => {
      if (!r.ok) throw new Error(`ERP admin ${r.status}`);
    });
  const item = {
    id: 950_001,
    article: 'НОВ-950001',
    name: 'Стабилизатор напряжения НОВ-950001 (новинка)',
    manufacturer: 'Интеграл',
    group: 'Микросхемы',
    unit: 'шт',
    packSize: 10,
    vatRate: '22.00',
    cost: '10.0000',
  };
  await post({ entity: 'items', op: 'put', data: item });
  await post({ entity: 'prices', op: 'put', data: { itemId: item.id, priceTypeId: 1, price: '25.5000' } });
  await post({ entity: 'stock', op: 'put', data: { itemId: item.id, warehouseId: 1, quantity: '300', leadDays: 0 } });
  await expect(page.getByTestId('catalog-count')).toHaveText(/из 50\s001/, { timeout: 15_000 });
  await page.getByTestId('catalog-search').fill('НОВ-950001');
  await expect(page.getByTestId('catalog-count')).toHaveText(/^Показано 1 из 50\s001$/);
  const row = page.getByTestId('catalog-grid').locator('.ag-row').first();
  await expect(row).toContainText('Стабилизатор напряжения НОВ-950001');
  await expect(row).toContainText('300');
  await page.screenshot({ path: `${SCREENS}/catalog-new-item.png` });
});
