// Orders through the ERP end to end: the ERP (simulator) goes down, the status bar says so; a
// manager opens a draft, checks it, submits it and sees "waiting for ERP since …" and the queue;
// the ERP comes back and the ERP number and statuses arrive on the desk. An order the ERP refuses
// is shown with the ERP's reason, and an admin takes it off the queue with an audited decision.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
// @ts-expect-error plain ESM helper without types
import { startTs } from '../../scripts/processes.mjs';
import { E2E_LOG_LEVEL, ROOT, STATE_FILE, logTo } from './global-setup';
import { signIn } from './sign-in';

const SCREENS = 'test-results/screens';
interface State {
  serverUrl: string;
  deskUrl: string;
  erpUrl: string;
  pids: number[];
  dir: string;
}
const state = (): State => JSON.parse(readFileSync(STATE_FILE, 'utf8')) as State;

async function faults(f: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${state().erpUrl}/admin/faults`, { method: 'POST', body: JSON.stringify(f) });
  expect(res.ok).toBe(true);
}

/**
 * The rows of the list that are orders proper (not reserves or preorders: 1C holds those rather
 * than moving them on to processing and shipping).
 */
const draftOrders = (page: Page) =>
  page
    .getByTestId('orders-grid')
    .getByRole('row')
    .filter({ has: page.locator('[role=gridcell][col-id=kind]', { hasText: /^Заказ$/ }) });

/** Opens the n-th draft of the list (filtered to drafts); of orders proper only, if asked. */
async function openDraft(page: Page, n: number, ordersOnly = false): Promise<void> {
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('orders-status').click();
  await page.getByRole('option', { name: 'Черновик', exact: true }).click();
  const row = (
    ordersOnly
      ? draftOrders(page)
      : page
          .getByTestId('orders-grid')
          .getByRole('row')
          .filter({ has: page.getByRole('gridcell') })
  ).nth(n);
  await row.dblclick();
  await expect(page.getByTestId('order-view')).toBeVisible();
}

test('an order submitted while the ERP is down waits honestly, then gets its ERP number and statuses', async ({
  page,
}) => {
  await signIn(page, state().deskUrl, 'manager1');
  await faults({ down: true });
  await expect(page.getByTestId('erp-status')).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
  await expect(page.getByTestId('erp-status')).toContainText('1С: нет связи с');

  await openDraft(page, 0, true);
  const opened = (await page.getByTestId('order-number').textContent())!;
  await expect(page.getByTestId('order-status')).toHaveText('Черновик');
  // The shipment header: pickup, a ship date typed the Russian way (a wrong one is refused), a comment.
  const header = page.getByTestId('order-header');
  await header.getByText('Самовывоз').click();
  await expect(page.getByTestId('header-address')).toHaveCount(0);
  await page.getByTestId('header-date').fill('31.02.2026');
  await page.getByTestId('header-date').press('Enter');
  await expect(header).toContainText('Не дата');
  await page.getByTestId('header-date').fill('5.12.2026');
  await page.getByTestId('header-date').press('Enter');
  await expect(page.getByTestId('header-date')).toHaveValue('05.12.2026');
  await page.getByTestId('header-comment').fill('Забирают до 12:00');
  await page.getByTestId('header-comment').press('Enter');
  await expect(page.getByTestId('order-margin')).toContainText('маржа');
  await expect(page.getByTestId('order-size')).toContainText('кг');
  // Saved in the replica: the order opened again shows it.
  await page.getByTestId('header-comment').blur();
  await page.keyboard.press('Escape');
  await page
    .getByTestId('orders-grid')
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: opened, exact: true }) })
    .first()
    .dblclick();
  await expect(page.getByTestId('header-comment')).toHaveValue('Забирают до 12:00');
  await expect(page.getByTestId('header-date')).toHaveValue('05.12.2026');
  const orderNumber = await page.getByTestId('order-number').textContent();
  // Why this price: the engine's steps for the first line (Alt+P), base price first.
  await page.getByTestId('order-lines').locator('[role=gridcell][col-id=price]').first().click();
  await page.keyboard.press('Alt+p');
  await expect(page.getByTestId('price-why-trace')).toBeVisible();
  await expect(page.getByTestId('price-why-trace')).toContainText('Базовая цена');
  await page.screenshot({ path: `${SCREENS}/order-price-why.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('price-why-trace')).toHaveCount(0);
  await expect(page.getByTestId('order-view')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/order-draft.png` });
  await page.getByTestId('order-submit').click();
  await expect(page.getByTestId('check-confirm')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/order-submit-check.png` });
  await page.getByTestId('check-confirm').click();

  // Waiting for the ERP, with the time, and the queue in the status bar.
  await expect(page.getByTestId('order-status')).toHaveText('Отправлен', { timeout: 30_000 });
  await expect(page.getByTestId('order-erp')).toContainText('ожидает 1С с');
  await expect(page.getByTestId('order-locked')).toContainText('заказ ждёт 1С');
  await expect(page.getByTestId('erp-status')).toContainText('в очереди 1', { timeout: 30_000 });
  await page.screenshot({ path: `${SCREENS}/order-waiting-for-erp.png` });

  await faults({ down: false });
  await expect(page.getByTestId('order-erp')).toContainText('№ 1С ЗК-', { timeout: 60_000 });
  // The ERP got the header as the manager left it.
  const ledger = (await (await fetch(`${state().erpUrl}/admin/ledger`)).json()) as {
    entries: { method: string; order?: Record<string, unknown> }[];
  };
  expect(
    ledger.entries.find((e) => e.method === 'order.submit' && e.order?.number === orderNumber)?.order,
  ).toMatchObject({
    deliveryMethod: 'pickup',
    deliveryDate: '2026-12-05',
    comment: 'Забирают до 12:00',
    deliveryAddress: '',
  });
  await expect(page.getByTestId('erp-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  // The simulator moves accepted orders on every few seconds; the statuses arrive by sync.
  await expect(page.getByTestId('order-status')).toHaveText(/В обработке|Сборка|Отгружен/, { timeout: 60_000 });
  await page.screenshot({ path: `${SCREENS}/order-accepted.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('orders-grid')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/orders-list.png` });
});

test('an order the ERP refuses shows its reason; an admin discards the message with an audited reason', async ({
  page,
  browser,
}) => {
  await signIn(page, state().deskUrl, 'manager1');
  await faults({ down: false, rejectRate: 1 });
  await openDraft(page, 0);
  await page.getByTestId('order-submit').click();
  await page.getByTestId('check-confirm').click();
  await expect(page.getByTestId('order-status')).toHaveText('Отклонён 1С', { timeout: 60_000 });
  await expect(page.getByTestId('order-erp')).toContainText('период закрыт');
  await faults({ rejectRate: 0 });

  const s = state();
  const admin = startTs(
    'web/index.ts',
    [
      '--server',
      s.serverUrl,
      '--data',
      path.join(s.dir, 'desk-admin'),
      '--port',
      '0',
      '--renderer',
      path.join(ROOT, 'out/renderer'),
    ],
    { marker: 'OPTA_DESK_READY', cwd: ROOT, env: { LOG_LEVEL: E2E_LOG_LEVEL }, onLine: logTo('desk-orders') },
  );
  const adminUrl: string = await admin.ready;
  writeFileSync(STATE_FILE, JSON.stringify({ ...state(), pids: [...state().pids, admin.child.pid] }));
  const page2 = await browser.newPage({ locale: 'ru-RU', viewport: { width: 1440, height: 860 } });
  await signIn(page2, adminUrl, 'admin');
  await expect(page2.getByTestId('erp-status')).toContainText('требуют решения: 1', { timeout: 30_000 });
  await page2.getByTestId('nav-outbox').click();
  const grid = page2.getByTestId('outbox-grid');
  await expect(grid).toContainText('период закрыт', { timeout: 30_000 });
  await page2.screenshot({ path: `${SCREENS}/outbox-parked.png` });
  await grid.getByRole('gridcell').filter({ hasText: 'период закрыт' }).first().click();
  await page2.getByTestId('outbox-discard').click();
  await page2.getByTestId('outbox-reason').fill('Заказ оформлен заново в следующем периоде');
  await page2.getByTestId('outbox-confirm').click();
  await page2.getByText('Сняты с отправки').click();
  await expect(page2.getByTestId('outbox-grid')).toContainText('Заказ оформлен заново в следующем периоде');
  await page2.screenshot({ path: `${SCREENS}/outbox-discarded.png` });
  await page2.close();
});
