// A client's documents from 1C on the desk: the client's workspace lists them, Enter opens one
// (its pages drawn on the desk), Ctrl+S saves it as a PDF, Esc closes it, and from then on it is
// marked as kept on this desk (it opens offline).
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { STATE_FILE } from './global-setup';
import { signIn } from './sign-in';

const SCREENS = 'test-results/screens';
const state = (): { deskUrl: string } => JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { deskUrl: string };

test("a client's reconciliation act from 1C: listed, opened on the desk, saved as PDF, kept for offline", async ({
  page,
}) => {
  await signIn(page, state().deskUrl, 'manager1');
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('clients-grid').getByRole('gridcell').first().click();
  await expect(page.getByTestId('client-card')).toBeVisible();
  await page.getByTestId('ws-documents').click();
  const grid = page.getByTestId('documents-grid');
  const act = grid.getByRole('row').filter({ hasText: 'Акт сверки' });
  await expect(act).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('ws-documents')).toContainText(/Документы · [1-9]/);
  await page.screenshot({ path: `${SCREENS}/client-documents.png` });

  await act.getByRole('gridcell').first().click();
  await page.keyboard.press('Enter');
  const viewer = page.getByTestId('pdf-viewer');
  await expect(viewer).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('pdf-title')).toContainText(
    /^Акт сверки взаимных расчётов № АС-\d+ от \d\d\.\d\d\.\d{4}$/,
  );
  await expect(page.getByTestId('pdf-pages')).toHaveText('Страниц: 1');
  // The page is drawn: a canvas of an A4 sheet with ink on it.
  const page1 = viewer.locator('canvas[data-testid=pdf-page-1]');
  await expect(page1).toBeVisible();
  const inked = await page1.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
    return { ratio: c.height / c.width, dark };
  });
  expect(inked.ratio).toBeCloseTo(297 / 210, 1);
  expect(inked.dark).toBeGreaterThan(500);
  await expect(page.getByTestId('pdf-print')).toBeEnabled();
  await page.screenshot({ path: `${SCREENS}/document-viewer.png` });

  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Акт сверки взаимных расчётов № АС-\d+ от [\d.]+\.pdf$/);
  expect(
    readFileSync((await file.path())!)
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');

  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  await expect(page.getByTestId('client-workspace')).toBeVisible();
  await expect(act).toContainText('на этом месте');
});
