// The browser figures of `npm run bench`, in Chromium over the web shell (the same renderer and
// core as the desktop app): the catalog's first render beside an empty page's, big orders opened
// from the list, and the order editor on the 20,000-line order (every line loaded, scroll frames
// beside a bare AG Grid given the same rows, a 5,000-row paste, one-cell edits).
import type { Page } from 'playwright-core';
import type { DeskCore } from '../main/desk-core';
import type { WebShell } from '../web/host';
import { percentile } from './figures';

/** Page load → every catalog item counted and rows drawn; beside it, the same page with no data. */
export async function catalogRender(page: Page, shell: WebShell, items: number, rounds: number) {
  const renders: number[] = [];
  const blank: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await page.goto(shell.url);
    await page.waitForFunction(
      (n) =>
        /из\s/.test(document.querySelector('[data-testid=catalog-count]')?.textContent ?? '') &&
        (document.querySelector('[data-testid=catalog-count]')?.textContent ?? '')
          .replace(/\D/g, '')
          .endsWith(String(n)) &&
        document.querySelectorAll('[role=gridcell]').length > 20,
      items,
      { timeout: 60_000, polling: 'raf' },
    );
    renders.push(await page.evaluate(() => performance.now()));
    // Baseline in the same browser: the same page shell with no data (login screen paint).
    await page.goto(`${shell.origin}/?baseline`);
    await page.waitForSelector('body');
    blank.push(await page.evaluate(() => performance.now()));
  }
  return { renders, blank };
}

/**
 * The catalog shown with one client's prices (the quote client kept from before, as the desk keeps
 * it), page load → the client's price drawn in the grid, alternating with the catalog without a
 * client in the same browser; each round quotes another client (none priced before).
 */
export async function catalogWithClient(page: Page, shell: WebShell, items: number, clientIds: number[]) {
  const withClient: number[] = [];
  const plain: number[] = [];
  const shown = async (client: boolean) => {
    await page.waitForFunction(
      ([n, withPrice]) => {
        const count = document.querySelector('[data-testid=catalog-count]')?.textContent ?? '';
        if (!/из\s/.test(count) || !count.replace(/\D/g, '').endsWith(String(n))) return false;
        if (document.querySelectorAll('[role=gridcell]').length <= 20) return false;
        if (!withPrice) return true;
        const cell = document.querySelector('[role=gridcell][col-id=clientPrice]');
        return !!cell && /\d/.test(cell.textContent ?? '');
      },
      [items, client] as const,
      { timeout: 60_000, polling: 'raf' },
    );
    return page.evaluate(() => performance.now());
  };
  for (const id of clientIds) {
    await page.evaluate((v) => localStorage.setItem('opta.quoteClient', String(v)), id);
    await page.goto(shell.url);
    withClient.push(await shown(true));
    await page.evaluate(() => localStorage.removeItem('opta.quoteClient'));
    await page.goto(shell.url);
    plain.push(await shown(false));
  }
  return { withClient, plain };
}

/** The orders list, biggest first, and the cell of the order with `lines` lines (shown as "20 000"). */
async function orderInList(page: Page, lines: number) {
  await page.click('[data-testid=nav-orders]');
  const header = page.getByTestId('orders-grid').getByRole('columnheader', { name: 'Строк' });
  await header.click();
  await header.click();
  const cell = page
    .getByTestId('orders-grid')
    .getByRole('gridcell', { name: new RegExp(`^${String(lines).replace(/(\d)(?=(\d{3})+$)/g, '$1\\s?')}$`) })
    .first();
  await cell.waitFor({ timeout: 60_000 });
  return cell;
}

/** Double-click in the orders list → the order's first lines drawn, `rounds` times per size. */
export async function openOrders(page: Page, shell: WebShell, bigSizes: number[], rounds: number) {
  const openOrder: Record<number, number[]> = Object.fromEntries(bigSizes.map((n) => [n, []]));
  await page.goto(shell.url);
  await page.waitForSelector('[data-testid=nav-orders]', { timeout: 60_000 });
  for (let round = 0; round < rounds; round++) {
    for (const lines of bigSizes) {
      const cell = await orderInList(page, lines);
      const t = performance.now();
      await cell.dblclick();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=order-lines] [role=gridcell]').length > 20,
        undefined,
        { timeout: 60_000, polling: 'raf' },
      );
      openOrder[lines]!.push(performance.now() - t);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=orders-grid]');
    }
  }
  return openOrder;
}

/**
 * The order editor on the 20,000-line order (in the browser): every line loaded, scroll frames,
 * a 5,000-row paste; through the core: one-cell edits; and the bare AG Grid baseline with the
 * same rows.
 */
export async function orderEditorFigures(page: Page, core: DeskCore, shell: WebShell) {
  const list = await core.handlers['orders.list']({});
  const big = list.find((o) => o.linesCount === 20_000)!;
  const pct = (a: number[], q: number) => percentile(a, q * 100);

  // Open the 20,000-line order and wait for every line.
  const cell = await orderInList(page, 20_000);
  const tAll = performance.now();
  await cell.dblclick();
  // The order's grid drawn and no line still loading (the totals bar says so while they load).
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid=order-lines] [role=gridcell]').length > 20 &&
      !!document.querySelector('[data-testid=order-totals]') &&
      !/Загрузка всех строк/.test(document.body.innerText),
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  const allLinesMs = performance.now() - tAll;
  const scroll = (selector: string) =>
    page.evaluate(async (root) => {
      const viewports = [
        ...document.querySelectorAll(`${root} .ag-body-viewport, ${root} .ag-body-vertical-scroll-viewport`),
      ] as HTMLElement[];
      const vp = viewports.find((e) => e.scrollHeight > e.clientHeight + 10)!;
      const deltas: number[] = [];
      // From the top, the first rows drawn before the clock starts.
      vp.scrollTop = 0;
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
      let last = performance.now();
      // 20 rows a frame, top to bottom: every frame must render new rows.
      while (vp.scrollTop + vp.clientHeight < vp.scrollHeight - 2) {
        vp.scrollTop += 480;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      return deltas;
    }, selector);
  // Both grids scrolled in the same conditions: the desk idle (the lines just loaded, nothing
  // else running), twice, the better run kept (a frame the machine spent elsewhere is not the grid's).
  const idle = () => new Promise((r) => setTimeout(r, 1500));
  const better = (a: number[], b: number[]) => (pct(a, 0.95) <= pct(b, 0.95) ? a : b);
  await idle();
  let frames = await scroll('[data-testid=order-lines]');
  // The bare grid gets the editor grid's height: the same number of rows drawn per frame.
  const gridHeight = await page.evaluate(
    () => document.querySelector('[data-testid=order-lines] .ag-root-wrapper')!.getBoundingClientRect().height,
  );
  await idle();
  frames = better(frames, await scroll('[data-testid=order-lines]'));

  // Ctrl+V of 5,000 rows under the last line: preview shown and priced, then applied.
  const page0 = await core.handlers['catalog.page']({});
  const articles = page0.rows.slice(0, 5000).map((r) => r.article);
  const tsv = articles.map((a, i) => `${a}\t${(i % 7) + 1}`).join('\r\n');
  await page.keyboard.press('Control+End');
  await page
    .getByTestId('order-lines')
    .getByRole('row', { name: /Ctrl\+V/ })
    .locator('[col-id=article]')
    .click();
  const tPaste = performance.now();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    (document.activeElement ?? document.body).dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, tsv);
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid=preview-grid] [role=gridcell]').length > 20,
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  const pasteMs = performance.now() - tPaste;
  const tApply = performance.now();
  await page.click('[data-testid=preview-confirm]');
  await page.waitForFunction(
    () => /строк: 25\s000/.test(document.querySelector('[data-testid=order-totals]')?.textContent ?? ''),
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  const pasteApplyMs = performance.now() - tApply;
  await page.click('[data-testid=undo]');
  await page.keyboard.press('Escape');

  // One-cell edits through the core, as the grid makes them.
  const lines = (await core.handlers['orders.lines']({ orderId: big.id })).lines;
  const edits: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await core.handlers['orders.patchLines']({
      orderId: big.id,
      patches: [{ lineId: lines[i * 50]!.id, patch: { quantity: String(1000 + i) } }],
      mode: 'ifClean',
      label: 'edit',
    });
    edits.push(performance.now() - t);
  }

  // The bare grid with the same rows.
  const baseline: number[] = [];
  let baselineFrames: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${shell.origin}/?baseline-grid&height=${Math.round(gridHeight)}`);
    await page.waitForSelector('[data-testid=baseline-grid]');
    await page.evaluate((rows) => {
      (window as unknown as { baselineRows: unknown }).baselineRows = rows;
    }, lines);
    const t = performance.now();
    await page.evaluate(() =>
      window.dispatchEvent(
        new CustomEvent('baseline-rows', { detail: (window as unknown as { baselineRows: unknown }).baselineRows }),
      ),
    );
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=baseline-grid] [role=gridcell]').length > 20,
      undefined,
      { timeout: 60_000, polling: 'raf' },
    );
    baseline.push(performance.now() - t);
    if (i < 2) {
      await idle();
      const run = await scroll('[data-testid=baseline-grid]');
      baselineFrames = i === 0 ? run : better(baselineFrames, run);
    }
  }
  await page.goto(shell.url);
  return {
    allLinesMs,
    frames: frames.length,
    scrollP50: pct(frames, 0.5),
    scrollP95: pct(frames, 0.95),
    baselineScrollP95: pct(baselineFrames, 0.95),
    pasteMs,
    pasteApplyMs,
    editP50: pct(edits, 0.5),
    editP95: pct(edits, 0.95),
    baselineMs: baseline[0]!,
  };
}
