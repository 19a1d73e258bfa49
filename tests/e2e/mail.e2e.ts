// E-mail end to end: a manager answers a ticket; the letter goes out through the server's SMTP
// into the demo mail server and the thread says so; the client answers by e-mail into the
// company mailbox (Dovecot); the answer appears in the thread with who wrote it, and the
// manager is told by the notification centre (a pop-up and the bell).
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { STATE_FILE, type E2eMail } from './global-setup';
import { signIn } from './sign-in';

const SCREENS = 'test-results/screens';
const state = () => JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { deskUrl: string; mail: E2eMail };

test("a manager answers a ticket by e-mail; the client's reply comes into the thread and the bell", async ({
  page,
}) => {
  const s = state();
  expect(s.mail.imap, 'the e-mail walk needs Dovecot (apt-get install dovecot-imapd)').toBeTruthy();
  await signIn(page, s.deskUrl, 'manager1');
  await page.getByTestId('nav-tickets').click();
  await page.getByTestId('tickets-grid').getByRole('gridcell').first().click();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('ticket-panel');
  await expect(panel).toBeVisible();
  const before = await page.getByTestId('ticket-message').count();
  await page.getByTestId('ticket-reply').fill('Добрый день! Счёт выставили, отгрузка в четверг.');
  await page.getByTestId('ticket-send').click();
  await expect(page.getByTestId('ticket-message')).toHaveCount(before + 1);
  // Out through the server's SMTP: the thread shows the letter sent, with the address.
  const sent = page.getByTestId('ticket-message').last().getByTestId('ticket-mail');
  await expect(sent).toHaveAttribute('data-state', 'sent', { timeout: 30_000 });
  await expect(sent).toContainText('Письмо отправлено на');

  // The client answers by e-mail.
  const answered = await fetch(new URL('answer-last', s.mail.page), { method: 'POST' });
  expect(answered.status).toBe(200);
  await expect(page.getByTestId('ticket-message')).toHaveCount(before + 2, { timeout: 30_000 });
  const reply = page.getByTestId('ticket-message').last();
  await expect(reply).toContainText('письмо от');
  await expect(reply).toContainText('Спасибо, получили. Ждём.');
  // The quote of our letter under the client's text is not in the thread.
  await expect(reply).not.toContainText('Счёт выставили');

  // The notification centre tells the manager: a pop-up once, and the bell.
  await expect(page.getByTestId('notification-popup').filter({ hasText: 'Письмо от' })).toBeVisible({
    timeout: 30_000,
  });
  await page.getByTestId('notification-bell').click();
  const row = page.getByTestId('notification-row').filter({ hasText: 'Письмо от' }).first();
  await expect(row).toHaveAttribute('data-unread', 'true');
  await page.screenshot({ path: `${SCREENS}/notifications.png` });
  await row.click();
  await expect(panel).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/ticket-mail.png` });
});
