// Signing a page in to a desk (web shell): the desk may still hold the session of an earlier
// test, so the status bar or the sign-in form, whichever shows; done when the first sync is.
import { expect, type Page } from '@playwright/test';

export async function signIn(page: Page, url: string, login: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('input[name=login]').or(page.getByTestId('status-bar'))).toBeVisible({ timeout: 30_000 });
  if (!(await page.getByTestId('status-bar').isVisible())) {
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'demo1234');
    await page.click('button[type=submit]');
  }
  await expect(page.getByTestId('last-sync')).toContainText('Синхронизировано', { timeout: 90_000 });
}
