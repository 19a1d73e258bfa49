// Two-way sync end to end: a manager edits a client card while the server is stopped, sees
// "1 pending", the server comes back, the change is sent and reaches a second desk.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
// @ts-expect-error plain ESM helper without types
import { startTs } from '../../scripts/processes.mjs';
import { E2E_LOG_LEVEL, ROOT, STATE_FILE, logTo, startE2eServer, type E2eMail } from './global-setup';
import { signIn } from './sign-in';

const SCREENS = 'test-results/screens';
interface State {
  serverUrl: string;
  deskUrl: string;
  erpUrl: string;
  pids: number[];
  serverPid: number;
  port: number;
  dir: string;
  mail: E2eMail;
}
const state = (): State => JSON.parse(readFileSync(STATE_FILE, 'utf8')) as State;

test('a client card edited offline reaches a second desk when the server is back', async ({ page, browser }) => {
  const s = state();
  await signIn(page, s.deskUrl, 'manager1');
  await expect(page.getByTestId('connection')).toHaveText('В сети', { timeout: 60_000 });
  await page.getByTestId('nav-clients').click();
  const firstClient = page.getByTestId('clients-grid').getByRole('gridcell').first();
  const clientName = (await firstClient.textContent())!;
  await firstClient.click();
  await expect(page.getByTestId('client-card')).toContainText(clientName);
  await page.screenshot({ path: `${SCREENS}/clients.png` });

  // The server stops: the desk keeps working.
  process.kill(s.serverPid, 'SIGTERM');
  await expect(page.getByTestId('connection')).not.toHaveText('В сети', { timeout: 20_000 });
  const note = `Офлайн-правка ${Date.now()}`;
  await page.getByTestId('card-notes').fill(note);
  await page.getByTestId('card-save').click();
  await expect(page.getByTestId('pending')).toHaveText('Не отправлено: 1');
  await expect(page.getByTestId('card-pending')).toBeVisible();
  await page.getByTestId('sync-button').click();
  await expect(page.getByTestId('sync-panel')).toContainText('Карточка клиента');
  await page.screenshot({ path: `${SCREENS}/sync-panel-offline.png` });
  await page.keyboard.press('Escape');

  // The server comes back on the same data and port; the desk reconnects by itself.
  const server = startE2eServer(s.dir, s.port, s.erpUrl, s.mail);
  await server.ready;
  writeFileSync(STATE_FILE, JSON.stringify({ ...s, serverPid: server.child.pid, pids: [...s.pids, server.child.pid] }));
  await expect(page.getByTestId('pending')).toHaveText('Все изменения отправлены', { timeout: 60_000 });

  // A second desk (the manager's supervisor) sees the change.
  const second = startTs(
    'web/index.ts',
    ['--server', s.serverUrl, '--data', path.join(s.dir, 'desk2'), '--port', '0'],
    { marker: 'OPTA_DESK_READY', cwd: ROOT, env: { LOG_LEVEL: E2E_LOG_LEVEL }, onLine: logTo('desk-offline-edit') },
  );
  const secondUrl: string = await second.ready;
  writeFileSync(STATE_FILE, JSON.stringify({ ...state(), pids: [...state().pids, second.child.pid] }));
  const page2 = await browser.newPage({ locale: 'ru-RU', viewport: { width: 1440, height: 860 } });
  await page2.goto(secondUrl);
  await page2.fill('input[name=login]', 'supervisor1');
  await page2.fill('input[name=password]', 'demo1234');
  await page2.click('button[type=submit]');
  await expect(page2.getByTestId('last-sync')).toContainText('Синхронизировано', { timeout: 90_000 });
  await page2.getByTestId('nav-clients').click();
  await page2.getByTestId('clients-search').fill(clientName.slice(0, 20));
  await page2.getByTestId('clients-grid').getByRole('gridcell', { name: clientName, exact: true }).click();
  await expect(page2.getByTestId('card-notes')).toHaveValue(note);
  await page2.screenshot({ path: `${SCREENS}/clients-second-desk.png` });
});
