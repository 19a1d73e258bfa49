// Claims and tickets end to end (runs after catalog.e2e.ts: files run in name order on one server).
// A manager registers a claim with a photo while the server is down; the server comes back, the
// claim and the photo go up; the supervisor, on another desk, sees it with the photo's thumbnail,
// takes it into review and approves a credit note; the manager's desk follows and the ERP registers
// it. Then a ticket: opened with its category fields, answered, left waiting for the client, the
// SLA clocks shown (paused while waiting).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
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

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#b84a3a' } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="640" height="480"><rect x="200" y="120" width="240" height="240" fill="#333"/></svg>',
        ),
        top: 0,
        left: 0,
      },
    ])
    .jpeg()
    .toBuffer();
}

async function openDesk(page: Page, url: string, login: string): Promise<void> {
  await signIn(page, url, login);
  await expect(page.getByTestId('connection')).toHaveText('В сети', { timeout: 60_000 });
}

test('a claim with a photo registered offline reaches the supervisor, who approves it; a ticket with its SLA clocks', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const s = state();
  await openDesk(page, s.deskUrl, 'manager1');

  // The server stops: the claim is registered on the desk all the same.
  process.kill(s.serverPid, 'SIGTERM');
  await expect(page.getByTestId('connection')).not.toHaveText('В сети', { timeout: 20_000 });
  await page.getByTestId('nav-claims').click();
  await page.getByTestId('new-claim-button').click();
  await page.getByTestId('new-claim-order').click();
  await page.getByRole('option').first().click();
  const qty = page.locator('[data-testid^=claim-qty-]:not([disabled])').first();
  await expect(qty).toBeVisible();
  // An empty claim is refused with a reason, and so is more than was shipped.
  await page.getByTestId('new-claim-create').click();
  await expect(page.getByTestId('new-claim-error')).toContainText('Пустая рекламация');
  await qty.fill('999999');
  await expect(page.getByTestId('new-claim')).toContainText('больше, чем можно заявить');
  await qty.fill('1');
  await page.getByTestId('new-claim-description').fill('Трещина корпуса, видна на фото');
  await page
    .getByTestId('new-claim-files')
    .locator('input[type=file]')
    .setInputFiles({ name: 'брак.jpg', mimeType: 'image/jpeg', buffer: await photo() });
  await expect(page.getByTestId('new-claim').getByTestId('attachment')).toHaveCount(1);
  // A file that lies about its type is refused by content, and nothing is attached.
  await page
    .getByTestId('new-claim-files')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'фото.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4000, 7)]),
    });
  await expect(page.getByTestId('new-claim').getByRole('alert').filter({ hasText: 'фото.jpg' })).toContainText(
    'не того типа',
  );
  await expect(page.getByTestId('new-claim').getByTestId('attachment')).toHaveCount(1);
  await page.screenshot({ path: `${SCREENS}/claim-new.png` });
  await page.getByTestId('new-claim-create').click();
  await expect(page.getByTestId('claim-panel')).toBeVisible();
  await expect(page.getByTestId('claim-status')).toHaveText('Новая');
  await expect(page.getByTestId('claim-erp')).toContainText('Ещё не на сервере');
  await expect(page.getByTestId('pending')).toHaveText('Не отправлено: 1');

  // The server comes back: the claim and its photo go up by themselves.
  const server = startE2eServer(s.dir, s.port, s.erpUrl, s.mail);
  await server.ready;
  writeFileSync(STATE_FILE, JSON.stringify({ ...s, serverPid: server.child.pid, pids: [...s.pids, server.child.pid] }));
  await expect(page.getByTestId('pending')).toHaveText('Все изменения отправлены', { timeout: 60_000 });
  const title = page.getByTestId('claim-panel').getByRole('heading');
  await expect(title).toHaveText(/^Рекламация \d+$/, { timeout: 30_000 });
  const claimNumber = (await title.textContent())!.replace('Рекламация ', '');

  // The supervisor, on another desk, sees it waiting, with the photo, and approves it.
  const second = startTs(
    'web/index.ts',
    ['--server', s.serverUrl, '--data', path.join(s.dir, 'desk-supervisor'), '--port', '0'],
    { marker: 'OPTA_DESK_READY', cwd: ROOT, env: { LOG_LEVEL: E2E_LOG_LEVEL }, onLine: logTo('desk-claims-tickets') },
  );
  const secondUrl: string = await second.ready;
  writeFileSync(STATE_FILE, JSON.stringify({ ...state(), pids: [...state().pids, second.child.pid] }));
  const page2 = await browser.newPage({ locale: 'ru-RU', viewport: { width: 1440, height: 860 } });
  await openDesk(page2, secondUrl, 'supervisor1');
  await expect(page2.getByTestId('claims-count')).toBeVisible({ timeout: 30_000 });
  await page2.getByTestId('nav-claims').click();
  // The queue holds the demo year's claims too: the supervisor finds this one by its number.
  await page2.getByTestId('claims-search').fill(claimNumber);
  await page2.getByTestId('claims-grid').getByRole('gridcell', { name: claimNumber, exact: true }).dblclick();
  await expect(page2.getByTestId('claim-panel')).toContainText('Трещина корпуса');
  await expect(page2.getByTestId('claim-panel').locator('img[alt="брак.jpg"]')).toBeVisible({ timeout: 30_000 });
  await page2.getByTestId('claim-step-in_review').click();
  await page2.getByTestId('claim-step-confirm').click();
  await expect(page2.getByTestId('claim-status')).toHaveText('На рассмотрении');
  await page2.getByTestId('claim-step-approved').click();
  await page2.getByTestId('claim-resolution-kind').click();
  await page2.getByRole('option', { name: 'Корректировка (зачёт)' }).click();
  await page2.getByTestId('claim-step-comment').fill('Брак подтверждён по фото');
  await page2.getByTestId('claim-step-confirm').click();
  await expect(page2.getByTestId('claim-status')).toHaveText('Одобрена');
  await expect(page2.getByTestId('claim-resolution')).toContainText('Корректировка (зачёт)');
  await page2.screenshot({ path: `${SCREENS}/claim-supervisor.png` });
  // The claim form prints as a PDF, made on the desk.
  const download = page2.waitForEvent('download');
  await page2.getByTestId('claim-form-pdf').click();
  expect((await download).suggestedFilename()).toBe(`Рекламация ${claimNumber}.pdf`);

  // The manager's desk follows the decision; the ERP registers the claim.
  await expect(page.getByTestId('claim-status')).toHaveText('Одобрена', { timeout: 60_000 });
  await expect(page.getByTestId('claim-history')).toContainText('Брак подтверждён по фото');
  await expect(page.getByTestId('claim-erp')).toContainText('1С: №', { timeout: 60_000 });
  await page.screenshot({ path: `${SCREENS}/claim-manager.png` });
  await page2.close();

  // A ticket: category fields, a reply, then waiting for the client: the resolution clock pauses.
  await page.getByTestId('nav-tickets').click();
  await page.getByTestId('new-ticket').click();
  await page.getByTestId('new-ticket-client').click();
  const clientOption = page.getByRole('option').first();
  const [, inn] = (await clientOption.textContent())!.split(' · ');
  await clientOption.click();
  await page.getByTestId('new-ticket-category').click();
  await page.getByRole('option', { name: 'Акт сверки' }).click();
  await page.getByTestId('ticket-field-periodFrom').fill('2026-10-01');
  await page.getByTestId('ticket-field-periodTo').fill('2026-09-01');
  await page.getByTestId('new-ticket-create').click();
  await expect(page.getByTestId('new-ticket-error')).toContainText('Период по');
  await page.getByTestId('ticket-field-periodTo').fill('2026-10-31');
  await expect(page.getByTestId('new-ticket-body')).toHaveValue(/акт сверки/);
  await page.getByTestId('new-ticket-create').click();
  const panel = page.getByTestId('ticket-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('ticket-status')).toHaveText('Новое');
  await expect(page.getByTestId('sla-first')).toContainText(/Первый ответ: (осталось|на паузе)/);
  await page
    .getByTestId('ticket-reply')
    .fill('Акт сверки подготовим до конца недели. Подтвердите, пожалуйста, e-mail для отправки.');
  await page.getByTestId('ticket-then').click();
  await page.getByRole('option', { name: 'И ждать клиента' }).click();
  await page.getByTestId('ticket-send').click();
  await expect(page.getByTestId('ticket-status')).toHaveText('Ждём клиента');
  await expect(page.getByTestId('ticket-message')).toHaveCount(2);
  await expect(page.getByTestId('sla-first')).toContainText('в срок');
  await expect(page.getByTestId('sla-resolution')).toContainText('на паузе');
  await expect(page.getByTestId('ticket-fields')).toContainText('2026-10-31');
  await page.screenshot({ path: `${SCREENS}/ticket.png` });

  // The client's workspace holds its orders, claims and tickets together.
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('clients-search').fill(inn!);
  await page.getByTestId('clients-grid').getByRole('gridcell', { name: inn!, exact: true }).click();
  await page.getByTestId('ws-tickets').click();
  await expect(page.getByTestId('tickets-grid')).toContainText('Акт сверки');
  await page.screenshot({ path: `${SCREENS}/client-workspace.png` });
  await page.getByTestId('ws-card').click();
  await expect(page.getByTestId('client-card')).toBeVisible();
});
