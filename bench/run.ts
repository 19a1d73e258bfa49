// `npm run bench`: the performance budgets of DESIGN.md, measured on this machine, printed as a
// table and written to bench/results.json ({id, value, unit, budget}; ids stable across
// versions). Each figure comes with a machine-independent ratio measured in the same run.
// `--quick` uses a smaller catalog so the whole run takes well under three minutes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import pino from 'pino';
import { compileRules, rulePrice, type CompiledRules } from '../domain/pricing/pricing';
import { pricingRulesFrom } from '../domain/pricing/price-rules';
import { createDeskPricing } from '../main/pricing/pricing';
import { syncTableNames, wireColumns } from '../domain/sync/sync-tables';
import { createDeskCore } from '../main/desk-core';
import { createLocalChanges } from '../main/sync/local-changes';
import { attachmentFigures } from './attachments';
import { workspaceFigures } from './workspace';
import { dashboardFigures } from './dashboard';
import { erpDrain, erpStatusToDesk, mutationAndPropagation, reconnectAfterChanges, serverAckLoad } from './two-way';
import { openReplica } from '../main/sync/replica';
import { createSyncClient } from '../main/sync/sync-client';
import { startCentralServer } from '../server/central-server';
import { seedDemoData } from '../server/demo-seed';
import { openStore } from '../server/store';
import { startWebShell } from '../web/host';
// @ts-expect-error plain ESM helper without types
import { ensureRendererBuilt } from '../scripts/renderer-build.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/playwright.config';

interface Figure {
  id: string;
  value: number;
  unit: string;
  budget: number | null;
  note?: string;
}

const quick = process.argv.includes('--quick');
const items = quick ? 20_000 : 50_000;
const figures: Figure[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-bench-'));
const log = (m: string): void => console.log(`· ${m}`);

log(`seeding ${items.toLocaleString('en')} items into PGlite…`);
const store = await openStore({ dataDir: path.join(dir, 'server') });
await seedDemoData(
  store,
  quick ? { items, bigOrders: [10_000, 20_000] } : { items, bigOrders: [5_000, 10_000, 20_000, 50_000] },
);
const server = await startCentralServer({
  store,
  logger: pino({ level: 'silent' }),
  filesDir: path.join(dir, 'files'),
});
const loginRes = await fetch(`${server.url}/api/login`, {
  method: 'POST',
  body: JSON.stringify({ login: 'manager1', password: 'demo1234' }),
});
const { token, user: benchUser } = (await loginRes.json()) as { token: string; user: { id: number; role: 'manager' } };

// 1. Initial sync over a real WebSocket into a real replica file.
log('initial sync…');
const replicaFile = path.join(dir, 'replica.sqlite');
const replica = openReplica(replicaFile);
const t0 = performance.now();
await new Promise<void>((resolve) => {
  const client = createSyncClient({
    serverUrl: server.url,
    token: () => token,
    replica,
    changes: createLocalChanges({ replica, user: () => benchUser }),
    onCaughtUp: () => void client.stop().then(resolve),
  });
  client.start();
});
const syncMs = performance.now() - t0;
const rows = replica.rowCount();
const syncRate = rows / (syncMs / 1000);

// 2. Raw better-sqlite3 insert of the same rows into an empty replica: the ceiling for sync.
const raw = openReplica(path.join(dir, 'raw.sqlite'));
const tables = syncTableNames.map((t) => {
  const cols = wireColumns(t).filter((c) => c !== 'deleted');
  const extra = t === 'items' ? ['key_lookalike', 'key_translit', 'search_text'] : [];
  const all = [...cols, ...extra];
  return {
    rows: replica.sqlite
      .prepare(`SELECT ${all.join(',')} FROM ${t}`)
      .raw()
      .all() as unknown[][],
    insert: raw.sqlite.prepare(`INSERT INTO ${t} (${all.join(',')}) VALUES (${all.map(() => '?').join(',')})`),
  };
});
const insertBatch = raw.sqlite.transaction(
  (batch: { insert: { run: (...a: unknown[]) => unknown }; rows: unknown[][] }) => {
    for (const r of batch.rows) batch.insert.run(...r);
  },
);
const t1 = performance.now();
for (const t of tables)
  for (let i = 0; i < t.rows.length; i += 5000) insertBatch({ insert: t.insert, rows: t.rows.slice(i, i + 5000) });
const rawRate = rows / ((performance.now() - t1) / 1000);
raw.close();
replica.close();

figures.push({
  id: 'sync.initial.rows_per_s',
  value: Math.round(syncRate),
  unit: 'rows/s',
  budget: 22_000,
  note: `${rows.toLocaleString('en')} rows in ${(syncMs / 1000).toFixed(2)} s (budget: 110k rows in 5 s)`,
});
figures.push({
  id: 'sync.initial.fraction_of_raw_insert',
  value: Number((syncRate / rawRate).toFixed(3)),
  unit: 'ratio',
  budget: null,
  note: `raw better-sqlite3 insert ${Math.round(rawRate).toLocaleString('en')} rows/s`,
});

// 3. Catalog grid first render in Chromium: page load → all items in the grid, rows drawn.
log('catalog grid first render in Chromium…');
ensureRendererBuilt(process.cwd(), log);
const core = createDeskCore({
  dataDir: path.join(dir, 'desk'),
  serverUrl: server.url,
  shell: 'web',
  locale: 'ru',
  version: 'bench',
});
await core.handlers['session.login']({ login: 'manager1', password: 'demo1234' });
while (!core.status().lastSyncAt) await new Promise((r) => setTimeout(r, 50));
const shell = await startWebShell({ core, rendererDir: path.resolve('out/renderer') });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
const page = await browser.newPage({ viewport: { width: 1440, height: 860 }, locale: 'ru-RU' });
const renders: number[] = [];
const blank: number[] = [];
for (let i = 0; i < (quick ? 2 : 4); i++) {
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
// Big orders: double-click in the list → first lines rendered in the editor's grid.
log('opening the 20,000- and 50,000-line demo orders…');
const bigSizes = quick ? [10_000, 20_000] : [10_000, 20_000, 50_000];
const openOrder: Record<number, number[]> = { 10_000: [], 20_000: [], 50_000: [] };
await page.goto(shell.url);
await page.waitForSelector('[data-testid=nav-orders]', { timeout: 60_000 });
for (let round = 0; round < (quick ? 2 : 3); round++) {
  for (const lines of bigSizes) {
    await page.click('[data-testid=nav-orders]');
    const header = page.getByTestId('orders-grid').getByRole('columnheader', { name: 'Строк' });
    await header.click();
    await header.click();
    const cell = page
      .getByTestId('orders-grid')
      // The count as the list shows it, with its thousands separator (20 000).
      .getByRole('gridcell', { name: new RegExp(`^${String(lines).replace(/(\d)(?=(\d{3})+$)/g, '$1\\s?')}$`) })
      .first();
    await cell.waitFor({ timeout: 60_000 });
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
const editor = await orderEditorFigures();
await browser.close();
await shell.close();
await core.close();
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
figures.push({
  id: 'catalog.grid.first_render_ms',
  value: Math.round(median(renders.slice(1).length ? renders.slice(1) : renders)),
  unit: 'ms',
  budget: null,
  note: `${items.toLocaleString('en')} rows; ${(median(renders) / median(blank)).toFixed(1)}× an empty page load`,
});

// The first open reads the lines from the replica and ships them to the renderer (cold); later
// opens of the same order show the cached lines at once and refresh them behind (warm).
const cold = (n: number): number => Math.round(openOrder[n]![0]!);
const warm = (n: number): string => `${Math.round(median(openOrder[n]!.slice(1)))} ms`;
figures.push({
  id: 'order.open_10k_ms',
  value: cold(10_000),
  unit: 'ms',
  budget: 300,
  note: `double-click in the list → first lines rendered, first open; reopened ${warm(10_000)}`,
});
figures.push({
  id: 'order.open_20k_ms',
  value: cold(20_000),
  unit: 'ms',
  budget: null,
  note: `the same, 20,000 lines; reopened ${warm(20_000)}; every line loaded in ${Math.round(editor.allLinesMs)} ms`,
});
figures.push({
  id: 'grid.baseline.open_20k_ms',
  value: Math.round(editor.baselineMs),
  unit: 'ms',
  budget: null,
  note: 'a bare AG Grid page given the same 20,000 rows already in memory (first open of the page)',
});
figures.push({
  id: 'order.open_20k_over_baseline',
  value: Number((cold(20_000) / editor.baselineMs).toFixed(2)),
  unit: 'ratio',
  budget: null,
  note: "our first open over the bare grid's",
});
figures.push({
  id: 'order.scroll_frame_p95_ms',
  value: Number(editor.scrollP95.toFixed(1)),
  unit: 'ms',
  budget: 20,
  note: `whole 20,000-line grid scrolled by script, ${editor.frames} frames; p50 ${editor.scrollP50.toFixed(1)} ms; bare grid p95 ${editor.baselineScrollP95.toFixed(1)} ms`,
});
figures.push({
  id: 'order.edit_commit_ms',
  value: Number(editor.editP95.toFixed(2)),
  unit: 'ms',
  budget: 5,
  note: `p95 of 200 one-cell edits of the 20,000-line order, call → committed in the replica with its outbox entry; p50 ${editor.editP50.toFixed(2)} ms`,
});
figures.push({
  id: 'order.paste_5k_ms',
  value: Math.round(editor.pasteMs),
  unit: 'ms',
  budget: 500,
  note: `Ctrl+V of 5,000 rows → preview shown, looked up and priced; confirm → lines in the grid ${Math.round(editor.pasteApplyMs)} ms`,
});
figures.push({
  id: 'excel.import_10k_ms',
  value: Math.round(editor.importMs),
  unit: 'ms',
  budget: 1500,
  note: `a 10,000-line .xlsx (${(editor.fileBytes / 1024).toFixed(0)} KB) read, mapped, looked up and priced for the preview`,
});
figures.push({
  id: 'excel.export_10k_ms',
  value: Math.round(editor.exportMs),
  unit: 'ms',
  budget: 1000,
  note: 'the 10,000-line order to a formatted .xlsx (values, one sheet, deflate level 1), the desk idle',
});
if (!quick)
  figures.push({
    id: 'order.open_50k_ms',
    value: cold(50_000),
    unit: 'ms',
    budget: null,
    note: `the same for the 50,000-line order; reopened ${warm(50_000)}`,
  });

/**
 * The order editor on the 20,000-line order (in the browser): scroll frames, a 5,000-row paste;
 * in the core: one-cell edits, Excel export and import of the 10,000-line order; and the bare
 * AG Grid baseline with the same rows.
 */
async function orderEditorFigures() {
  const list = await core.handlers['orders.list']({});
  const big = list.find((o) => o.linesCount === 20_000)!;
  const ten = list.find((o) => o.linesCount === 10_000)!;
  const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
  const pct = (a: number[], q: number) => sorted(a)[Math.min(a.length - 1, Math.floor(a.length * q))]!;

  // Open the 20,000-line order and wait for every line.
  await page.click('[data-testid=nav-orders]');
  const linesHeader = page.getByTestId('orders-grid').getByRole('columnheader', { name: 'Строк' });
  await linesHeader.click();
  await linesHeader.click();
  const cell = page
    .getByTestId('orders-grid')
    .getByRole('gridcell', { name: /^20\s?000$/ })
    .first();
  await cell.waitFor({ timeout: 60_000 });
  const tAll = performance.now();
  await cell.dblclick();
  await page.waitForFunction(() => !/Загрузка всех строк/.test(document.body.innerText), undefined, {
    timeout: 60_000,
  });
  const allLinesMs = performance.now() - tAll;
  const scroll = (selector: string) =>
    page.evaluate(async (root) => {
      const viewports = [
        ...document.querySelectorAll(`${root} .ag-body-viewport, ${root} .ag-body-vertical-scroll-viewport`),
      ] as HTMLElement[];
      const vp = viewports.find((e) => e.scrollHeight > e.clientHeight + 10)!;
      const deltas: number[] = [];
      await new Promise((r) => requestAnimationFrame(r));
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
  const frames = await scroll('[data-testid=order-lines]');

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

  // Excel: the 10,000-line order out, and back in as a new order's preview. Measured once the
  // desk has sent the edits above (the server shares this process here, not on a real desk).
  const idleBy = Date.now() + 120_000;
  while (core.status().pending > 0 && Date.now() < idleBy) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1000));
  const tExport = performance.now();
  const file = await core.handlers['excel.exportOrders']({ ids: [ten.id] });
  const exportMs = performance.now() - tExport;
  const target = await core.handlers['orders.create']({ clientId: ten.clientId, kind: 'order', warehouseId: 1 });
  const tImport = performance.now();
  const read = await core.handlers['excel.readLines']({ orderId: target.id, fileName: file.fileName, data: file.data });
  const importMs = performance.now() - tImport;
  if (read.lines.length !== 10_000) throw new Error(`import read ${read.lines.length} lines`);

  // The bare grid with the same rows.
  const baseline: number[] = [];
  let baselineFrames: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${shell.origin}/?baseline-grid`);
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
    if (i === 0) baselineFrames = await scroll('[data-testid=baseline-grid]');
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
    exportMs,
    importMs,
    fileBytes: Buffer.from(file.data, 'base64').length,
    baselineMs: baseline[0]!,
  };
}

// Pricing: the engine over the 20,000-line order with the demo rules, on the desk's replica data.
log('pricing a 20,000-line order…');
const pricing = pricingFigures();
figures.push({
  id: 'pricing.price_20k_ms',
  value: Number(pricing.priceMs.toFixed(1)),
  unit: 'ms',
  budget: 200,
  note: `${pricing.lines.toLocaleString('en')} lines priced by the desk's rules from the replica, with trace and VAT, best of 3; inputs (items, base prices) read in ${Math.round(pricing.readMs)} ms`,
});
figures.push({
  id: 'pricing.reprice_20k_ms',
  value: Number(pricing.repriceMs.toFixed(1)),
  unit: 'ms',
  budget: null,
  note: `after the client's coefficient changed: rules recompiled, every line priced again; ${pricing.changed.toLocaleString('en')} prices changed`,
});

function pricingFigures() {
  const db = openReplica(replicaFile);
  try {
    // The desk's own path: rules from the replica (price types, rules table, client coefficients).
    const pricing = createDeskPricing(db.sqlite);
    const order = db.sqlite.prepare(`SELECT o.id FROM orders o WHERE o.lines_count = 20000 LIMIT 1`).get() as {
      id: string;
    };
    const p = pricing.forOrder(order.id);
    const tRead = performance.now();
    const lines = db.sqlite
      .prepare(`SELECT item_id, quantity FROM order_lines WHERE order_id = ?`)
      .raw()
      .all(order.id) as [number, string][];
    const facts = pricing.items(
      lines.map(([id]) => id),
      p.priceTypeId,
    );
    const readMs = performance.now() - tRead;
    const run = (rules: CompiledRules) =>
      lines.map(([id, quantity]) => {
        const f = facts.get(id)!;
        return rulePrice({ ...p, rules }, f.item, String(quantity), f.base);
      });
    let priceMs = Infinity;
    let first: ReturnType<typeof run> = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      first = run(p.rules);
      priceMs = Math.min(priceMs, performance.now() - t);
    }
    // An admin's new coefficient for this client: the rules compiled again and every line priced again.
    const client = db.sqlite.prepare(`SELECT id, coefficient_rules FROM clients WHERE id = ?`).get(p.client.id) as {
      id: number;
      coefficient_rules: string;
    };
    const tRe = performance.now();
    const changedRules = pricingRulesFrom(
      db.sqlite.prepare('SELECT id, with_vat, places FROM price_types').all() as {
        id: number;
        with_vat: number;
        places: number;
      }[],
      db.sqlite.prepare('SELECT id, kind, body FROM price_rules').all() as { id: string; kind: string; body: string }[],
      [
        {
          id: client.id,
          coefficient_rules: [
            ...(JSON.parse(client.coefficient_rules) as unknown[]),
            { id: 'k-bench', group: null, coefficient: '1.1500', from: '2026-01-02', to: null },
          ],
        },
      ],
    ).rules;
    const again = run(compileRules(changedRules));
    const repriceMs = performance.now() - tRe;
    const changed = again.filter((x, i) => x?.unitPrice !== first[i]?.unitPrice).length;
    return { lines: lines.length, readMs, priceMs, repriceMs, changed };
  } finally {
    db.close();
  }
}

// 4. Two-way sync.
log('local mutations and propagation between two desks…');
const mp = await mutationAndPropagation(server.url, quick ? 200 : 1000);
figures.push({
  id: 'sync.mutation.local_p99_ms',
  value: Number(mp.localP99.toFixed(2)),
  unit: 'ms',
  budget: 5,
  note: `p50 ${mp.localP50.toFixed(2)} ms (apply + outbox + notify, one SQLite transaction)`,
});
figures.push({
  id: 'sync.propagation.p95_ms',
  value: Number(mp.propP95.toFixed(1)),
  unit: 'ms',
  budget: 150,
  note: `p50 ${mp.propP50.toFixed(1)} ms, desk A mutation → row changed on desk B`,
});
log('reconnect after 20,000 changes…');
const rc = await reconnectAfterChanges(store, server.url, 20_000);
figures.push({
  id: 'sync.reconnect_20k_ms',
  value: Math.round(rc.reconnectMs),
  unit: 'ms',
  budget: 5000,
  note: `${Math.round(rc.endToEndRowsPerS).toLocaleString('en')} rows/s end to end`,
});
figures.push({
  id: 'sync.pull.fraction_of_raw_insert',
  value: Number((rc.applyRowsPerS / rawRate).toFixed(3)),
  unit: 'ratio',
  budget: 0.25,
  note: `delta apply ${Math.round(rc.applyRowsPerS).toLocaleString('en')} rows/s vs raw insert ${Math.round(rawRate).toLocaleString('en')} rows/s`,
});

// 5. ERP link.
log('ERP outbox: a 10,000-message backlog drains…');
const drain = await erpDrain(store, 10_000);
figures.push({
  id: 'erp.drain.msgs_per_s',
  value: Math.round(drain.perS),
  unit: 'msgs/s',
  budget: 500,
  note: '2,000 orders × 5 messages, in order per order, JSON-RPC batches, PGlite',
});
figures.push({ id: 'erp.drain.lost', value: drain.lost, unit: 'msgs', budget: 0 });
figures.push({ id: 'erp.drain.duplicated', value: drain.duplicated, unit: 'msgs', budget: 0 });
log('ERP status changes reaching a desk…');
const statusDelay = await erpStatusToDesk(store, quick ? 10 : 30);
figures.push({
  id: 'erp.status_to_desk.p95_ms',
  value: Math.round(statusDelay.p95),
  unit: 'ms',
  budget: null,
  note: `p50 ${Math.round(statusDelay.p50)} ms over ${statusDelay.samples} status changes; the status feed is read every 1 s`,
});

// 6. Attachments.
log('attachments: 100 MB upload, then again through 20 connection cuts…');
const files = await attachmentFigures(server.url, token, 100);
figures.push({
  id: 'attachments.upload_mb_per_s',
  value: Number(files.mbPerS.toFixed(1)),
  unit: 'MB/s',
  budget: null,
  note: `100 MB in ${files.seconds.toFixed(1)} s over loopback, 1 MB chunks, hash and kind checked at the end`,
});
figures.push({
  id: 'attachments.resent_bytes_after_20_cuts',
  value: files.resentBytes,
  unit: 'bytes',
  budget: 20 * 1024 * 1024,
  note: `${files.resentChunks.toFixed(2)} chunks resent over ${files.cuts} cuts (budget: at most 20 chunks)`,
});

log('client workspace: 1,000 claims and 5,000 tickets…');
const wsReplica = openReplica(replicaFile);
const ws = workspaceFigures(wsReplica.sqlite, { ...benchUser, login: 'manager1', name: 'manager1' } as never);
figures.push({
  id: 'workspace.open_ms',
  value: Math.round(ws.coldMs),
  unit: 'ms',
  budget: null,
  note: `${ws.claims.toLocaleString('en')} claims, ${ws.tickets.toLocaleString('en')} tickets with SLA clocks, queue counts; again ${Math.round(ws.warmMs)} ms`,
});
wsReplica.close();

log('dashboard: a supervisor syncs, then every period switch recomputes the whole dashboard…');
const dash = await dashboardFigures(server.url, dir);
figures.push({
  id: 'dashboard.recompute_ms',
  value: Math.round(dash.worstMs),
  unit: 'ms',
  budget: 500,
  note: `slowest preset of ${Object.entries(dash.byPeriod)
    .map(([k, v]) => `${k} ${Math.round(v)}`)
    .join(
      ', ',
    )} ms; ${dash.orders.toLocaleString('en')} orders, ${dash.lines.toLocaleString('en')} lines in scope; ratio to one bare SUM over all lines (${Math.round(dash.floorMs)} ms): ${(dash.worstMs / Math.max(1, dash.floorMs)).toFixed(2)}`,
});
figures.push({
  id: 'dashboard.recompute_year_ms',
  value: Math.round(dash.yearMs),
  unit: 'ms',
  budget: null,
  note: 'a custom period of twelve months',
});

await server.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

log(`server with 200 desks pushing once a second for ${quick ? 15 : 60} s…`);
// On PostgreSQL when DATABASE_URL is set (the multi-desk deployment), else on embedded PGlite.
const load = await serverAckLoad(200, quick ? 15 : 60, process.env.DATABASE_URL || undefined);
figures.push({
  id: 'server.ack.p95_ms',
  value: Number(load.p95.toFixed(1)),
  unit: 'ms',
  budget: 50,
  note: `${load.storage}: p50 ${load.p50.toFixed(1)}, p99 ${load.p99.toFixed(1)} ms; ${load.acks} acks, ${load.errors} rejected; server CPU ${load.cpuCores.toFixed(2)} cores`,
});
if (process.env.DATABASE_URL) {
  log('the same on embedded PGlite…');
  const embedded = await serverAckLoad(200, 15);
  figures.push({
    id: 'server.ack.pglite.p95_ms',
    value: Number(embedded.p95.toFixed(1)),
    unit: 'ms',
    budget: null,
    note: `PGlite (one thread): p50 ${embedded.p50.toFixed(1)}, p99 ${embedded.p99.toFixed(1)} ms; server CPU ${embedded.cpuCores.toFixed(2)} cores`,
  });
}

console.log('\nid                                     value        unit     budget   note');
for (const f of figures)
  console.log(
    `${f.id.padEnd(38)} ${String(f.value).padStart(10)}   ${f.unit.padEnd(8)} ${String(f.budget ?? '—').padStart(7)}   ${f.note ?? ''}`,
  );
writeFileSync(
  path.resolve('bench/results.json'),
  `${JSON.stringify(
    figures.map(({ id, value, unit, budget }) => ({ id, value, unit, budget })),
    null,
    2,
  )}\n`,
);
console.log('\nwritten bench/results.json');
process.exit(0);
