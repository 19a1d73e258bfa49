// Accounts end to end, an admin and a manager on desks of their own: the admin resets the
// manager's password on the Users screen and reads the one-time password off the dialog; the
// manager signs in with it, is refused a common password, chooses their own and is in; the admin
// deactivates them and the manager's open desk is signed out at once, saying why; the
// audit log shows all three. Then the admin moves one of a manager's clients to another.
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
  pids: number[];
  dir: string;
}
const state = (): State => JSON.parse(readFileSync(STATE_FILE, 'utf8')) as State;

async function desk(name: string): Promise<string> {
  const s = state();
  const started = startTs(
    'web/index.ts',
    [
      ...['--server', s.serverUrl, '--data', path.join(s.dir, name), '--port', '0'],
      ...['--renderer', path.join(ROOT, 'out/renderer')],
    ],
    { marker: 'OPTA_DESK_READY', cwd: ROOT, env: { LOG_LEVEL: E2E_LOG_LEVEL }, onLine: logTo(name) },
  );
  const url: string = await started.ready;
  writeFileSync(STATE_FILE, JSON.stringify({ ...state(), pids: [...state().pids, started.child.pid] }));
  return url;
}

const row = (page: Page, text: string) =>
  page
    .getByTestId('users-grid')
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: text, exact: true }) });

test('an admin resets a password, the manager chooses their own, then is deactivated; the log keeps it', async ({
  page,
  browser,
}) => {
  await signIn(page, await desk('desk-accounts-admin'), 'admin');
  await page.getByTestId('nav-users').click();
  await expect(row(page, 'manager9')).toBeVisible({ timeout: 30_000 });
  await row(page, 'manager9').getByRole('gridcell').first().click();
  await expect(page.getByTestId('account-details')).toContainText('manager9');
  await page.screenshot({ path: `${SCREENS}/users.png` });
  await page.getByTestId('account-one-time').click();
  const shown = page.getByTestId('one-time-password');
  await expect(shown).toHaveText(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  const oneTime = (await shown.textContent())!;
  await page.screenshot({ path: `${SCREENS}/users-one-time-password.png` });
  await page.getByTestId('one-time-done').click();

  // The manager, on their own desk, with the one-time password.
  const manager = await browser.newPage({ locale: 'ru-RU', viewport: { width: 1440, height: 860 } });
  await manager.goto(await desk('desk-accounts-manager'));
  await manager.fill('input[name=login]', 'manager9');
  await manager.fill('input[name=password]', oneTime);
  await manager.click('button[type=submit]');
  await expect(manager.getByTestId('password-form')).toBeVisible();
  await manager.getByTestId('password-next').fill('Password123');
  await expect(manager.getByTestId('password-form')).toContainText('Слишком простой');
  await expect(manager.getByTestId('password-submit')).toBeDisabled();
  await manager.getByTestId('password-next').fill('сосна-у-дороги-17');
  await manager.getByTestId('password-repeat').fill('сосна-у-дороги-17');
  await manager.screenshot({ path: `${SCREENS}/choose-password.png` });
  await manager.getByTestId('password-submit').click();
  await expect(manager.getByTestId('last-sync')).toContainText('Синхронизировано', { timeout: 90_000 });

  // Deactivated: the manager's open desk hears it at once.
  await row(page, 'manager9').getByRole('gridcell').first().click();
  await page.getByTestId('account-deactivate').click();
  await page.getByTestId('account-deactivate-confirm').click();
  await expect(page.getByTestId('account-notice')).toBeVisible();
  await expect(manager.getByTestId('session-ended')).toContainText('Сеанс недействителен', { timeout: 15_000 });
  await expect(manager.locator('input[name=login]')).toBeVisible();
  await manager.screenshot({ path: `${SCREENS}/session-ended.png` });
  await manager.close();

  await page.getByTestId('users-tabs').getByText('Журнал действий').click();
  const audit = page.getByTestId('audit-grid');
  await expect(audit).toContainText('Отключён');
  await expect(audit).toContainText('Сменил пароль');
  await expect(audit).toContainText('Сброс пароля');
  await page.screenshot({ path: `${SCREENS}/users-audit.png` });

  // One client of one manager to another: queued, synced, in the log.
  await page.getByTestId('users-tabs').getByText('Передача клиентов').click();
  await page.getByTestId('transfer-from').click();
  await page.getByRole('option').nth(2).click();
  const grid = page.getByTestId('transfer-grid');
  await expect(grid.getByRole('row').nth(1)).toBeVisible({ timeout: 15_000 });
  const client = (await grid.locator('[role=gridcell][col-id=name]').first().textContent())!;
  await grid.locator('[role=gridcell][col-id=name]').first().click();
  await page.getByTestId('transfer-to').click();
  await page.getByRole('option').nth(3).click();
  await page.screenshot({ path: `${SCREENS}/users-client-transfer.png` });
  await page.getByTestId('transfer-submit').click();
  await expect(page.getByTestId('transfer-result')).toContainText('Передано клиентов: 1');
  await page.getByTestId('users-tabs').getByText('Журнал действий').click();
  await expect(audit.getByRole('row').filter({ hasText: client })).toContainText('Передача клиента', {
    timeout: 20_000,
  });
});
