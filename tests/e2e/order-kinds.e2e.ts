// A preorder through the screens: a manager makes one and sends it to 1C; goods arrive for part of
// it (the simulator's control room, as 1C's warehouse would report them); the order shows what is
// secured and what waits, one action makes the secured part an order of its own, sent to 1C at
// the preorder's prices, and the two orders lead to each other.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { STATE_FILE } from './global-setup';
import { signIn } from './sign-in';

const SCREENS = 'test-results/screens';
const state = () => JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { deskUrl: string; erpUrl: string };

test('the secured part of a preorder becomes an order in one action; the rest stays a preorder', async ({ page }) => {
  await signIn(page, state().deskUrl, 'manager1');
  await page.getByTestId('nav-orders').click();
  // The new-order dialog, its client list loaded (the desk may still be reading its orders).
  await expect(async () => {
    if (!(await page.getByTestId('new-order-client').isVisible())) await page.getByTestId('new-order').click();
    await page.getByTestId('new-order-client').click();
    await page.getByRole('option').first().click({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await page.getByTestId('new-order-kind').getByText('Предзаказ', { exact: true }).click();
  await page.getByTestId('new-order-create').click();
  await expect(page.getByTestId('order-view')).toBeVisible();
  await page.getByTestId('add-article').fill('k561-la7');
  await page.getByRole('option', { name: /^К561ЛА7 — / }).click();
  await page.getByTestId('add-quantity').fill('10');
  await page.getByTestId('add-quantity').press('Enter');
  const grid = page.getByTestId('order-lines');
  await expect(grid.getByRole('gridcell', { name: 'К561ЛА7', exact: true })).toBeVisible();
  const preorderNumber = (await page.getByTestId('order-number').textContent())!;

  await page.getByTestId('order-submit').click();
  await page.getByTestId('check-confirm').click();
  await expect(page.getByTestId('order-status')).toHaveText('Принят 1С', { timeout: 60_000 });
  await expect(page.getByTestId('kind-preorder')).toContainText('Обеспечено строк: 0 из 1');
  const erpId = /ЗК-\d+/.exec((await page.getByTestId('order-erp').textContent()) ?? '')![0];

  // 1C's warehouse: 4 of the 10 arrived.
  const res = await fetch(`${state().erpUrl}/admin/secure`, {
    method: 'POST',
    body: JSON.stringify({ erpId, quantity: '4' }),
  });
  expect(await res.json()).toEqual({ secured: 1 });
  await expect(page.getByTestId('kind-preorder')).toContainText('Обеспечено строк: 1 из 1 · ждут поступления: 1', {
    timeout: 30_000,
  });
  await expect(grid.locator('[role=gridcell][col-id=secured]').first()).toHaveText('4');
  await page.screenshot({ path: `${SCREENS}/preorder-secured.png` });

  await page.getByTestId('kind-convert-secured').click();
  await page.getByTestId('kind-confirm').click();
  await expect(page.getByTestId('kind-said')).toContainText('Создан заказ из обеспеченного: 1 стр.');
  await expect(grid.locator('[role=gridcell][col-id=converted]').first()).toHaveText('4');
  await expect(page.getByTestId('kind-convert-secured')).toHaveCount(0);
  await page.getByTestId('kind-made-order').click();

  // The new order: the 4 secured, at the preorder's price, on its way to 1C; it leads back.
  await expect(page.getByTestId('kind-from-order')).toHaveText(preorderNumber);
  await expect(page.getByTestId('order-lines').locator('[role=gridcell][col-id=quantity]').first()).toHaveText('4');
  await expect(page.getByTestId('order-status')).toHaveText('Принят 1С', { timeout: 60_000 });
  await page.screenshot({ path: `${SCREENS}/preorder-made-order.png` });
  await page.getByTestId('kind-from-order').click();
  await expect(page.getByTestId('order-number')).toHaveText(preorderNumber);
  await expect(page.getByTestId('order-status')).toHaveText('Принят 1С');
});
