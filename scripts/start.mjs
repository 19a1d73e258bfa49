// `npm start`: the whole system with demo data: the ERP simulator holding the demo master data,
// the central server on embedded PGlite (it loads the master data from the simulator on first
// start, as from 1C, with progress, then adds the desks' demo data), then the workstation: the Electron app where its
// runtime is installed, otherwise (or with --web) the web shell, whose address is printed.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureRendererBuilt } from './renderer-build.mjs';
import { startTs } from './processes.mjs';

const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const root = process.cwd();
const started = Date.now();
const children = [];
const stopAll = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
process.on('SIGINT', () => (stopAll(), process.exit(0)));
process.on('SIGTERM', () => (stopAll(), process.exit(0)));

/**
 * The Electron runtime, if it is installed. Looked up without `require('electron')`: that tries to
 * download the binary when it is missing, and prints the download's stack trace on machines that
 * cannot reach the internet (locked-down networks, CI); then the web shell is the desk.
 */
function electronBinary() {
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    const dir = path.dirname(pkg);
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const ENTITY_RU = {
  warehouses: 'склады',
  priceTypes: 'виды цен',
  staff: 'сотрудники',
  items: 'номенклатура',
  prices: 'цены',
  stock: 'остатки',
  clients: 'клиенты',
};

function showSeeding(line) {
  try {
    const e = JSON.parse(line);
    const tty = process.stdout.isTTY;
    if (e.msg === 'seeding demo data')
      process.stdout.write(
        `${tty ? '\r' : ''}  Демо-данные: ${e.done.toLocaleString('ru-RU')} / ${e.total.toLocaleString('ru-RU')} строк (${e.stage})${tty ? '        ' : '\n'}`,
      );
    else if (e.msg === 'loading master data from the ERP' || e.msg === 'ERP initial load done') {
      const read = Object.values(e.read ?? {}).reduce((a, b) => a + b, 0);
      const total = Object.values(e.totals ?? {}).reduce((a, b) => a + b, 0);
      const done = e.status === 'done';
      process.stdout.write(
        `${tty ? '\r' : ''}  Загрузка из 1С: ${read.toLocaleString('ru-RU')} записей${done ? ', готово' : ` (${ENTITY_RU[e.entity] ?? e.entity}; известно ${total.toLocaleString('ru-RU')})`}${tty ? '        ' : '\n'}`,
      );
      if (done && tty) process.stdout.write('\n');
    } else if (e.msg === 'demo data seeded')
      process.stdout.write(
        `  Демо-данные рабочих мест (заказы, обращения, планы) готовы за ${(e.ms / 1000).toFixed(1)} с\n`,
      );
    else if (e.level >= 40) console.error(`  сервер: ${e.msg}`);
  } catch {
    if (line.trim()) console.log(`  ${line}`);
  }
}

console.log('Opta Desk: запуск…');
ensureRendererBuilt(root);
console.log('Симулятор 1С (ERP)…');
// 1C as it is on the day the desks go live: its master data and a year of orders taken by phone
// and by field reps (the clients' history reaches the desks after the initial load).
const erp = startTs('server/erp-sim/index.ts', ['--history-orders', '2000'], {
  marker: 'OPTA_ERP_READY',
  onLine: (l) => l.trim() && console.log(`  erp: ${l}`),
});
children.push(erp.child);
const erpUrl = await erp.ready.catch((e) => {
  console.error(`Симулятор 1С не запустился: ${e.message}. Порт 7430 занят? Задайте OPTA_ERP_PORT.`);
  process.exit(1);
});
console.log(`  1С (симулятор): ${erpUrl}  (сбои: POST ${erpUrl}/admin/faults, журнал: ${erpUrl}/admin/ledger)`);
console.log('Демо-почта (SMTP и ящик IMAP)…');
// The demo's mail server: what the server sends to clients is caught here, and the demo clients answer.
const mailSim = startTs('server/mail-sim/index.ts', [], {
  marker: 'OPTA_MAIL_READY',
  onLine: (l) => l.trim() && console.log(`  mail: ${l}`),
});
children.push(mailSim.child);
const mail = JSON.parse(
  await mailSim.ready.catch((e) => {
    console.error(`Демо-почта не запустилась: ${e.message}. Порт 7440 занят? Задайте OPTA_MAIL_SMTP_PORT.`);
    process.exit(1);
  }),
);
console.log(`  Отправленные письма: ${mail.page}${mail.imap ? '' : '  (входящих нет: установите dovecot-imapd)'}`);
console.log('Центральный сервер (PGlite, .data/server)…');
const server = startTs('server/index.ts', ['--data', path.join(root, '.data/server'), '--erp', erpUrl, '--demo'], {
  marker: 'OPTA_SERVER_READY',
  onLine: showSeeding,
  env: {
    OPTA_SMTP_URL: mail.smtp,
    ...(mail.imap ? { OPTA_IMAP_URL: mail.imap } : {}),
    OPTA_MAIL_FROM: mail.address,
  },
});
children.push(server.child);
const serverUrl = await server.ready.catch((e) => {
  console.error(`Сервер не запустился: ${e.message}. Порт 7410 занят? Задайте OPTA_SERVER_PORT.`);
  process.exit(1);
});
console.log(`  Сервер: ${serverUrl}`);

const electron = forceWeb ? null : electronBinary();
if (electron) {
  if (!existsSync(path.join(root, 'out/electron/index.js')))
    spawn(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      stdio: 'inherit',
    });
  const app = spawn(electron, ['.'], { stdio: 'inherit', env: { ...process.env, OPTA_SERVER_URL: serverUrl } });
  children.push(app);
  app.on('exit', () => (stopAll(), process.exit(0)));
  console.log('Рабочее место: приложение Electron.');
} else {
  if (!forceWeb)
    console.log('Electron на этой машине не установлен: открываю веб-оболочку (приложение: npx install-electron).');
  const web = startTs(
    'web/index.ts',
    ['--server', serverUrl, '--data', path.join(root, '.data/desk'), '--port', process.env.OPTA_WEB_PORT ?? '7420'],
    { marker: 'OPTA_DESK_READY', onLine: (l) => l.trim() && console.log(`  desk: ${l}`) },
  );
  children.push(web.child);
  const url = await web.ready;
  console.log('');
  console.log(`Рабочее место (веб-оболочка): ${url}`);
  console.log('  Откройте адрес в Chromium/Chrome. Адрес содержит одноразовый ключ запуска.');
}
console.log('');
console.log(
  'Вход (демо): manager1 / demo1234  (также manager2…manager12, supervisor1, supervisor2, admin; пароль тот же)',
);
console.log(`Готово за ${((Date.now() - started) / 1000).toFixed(1)} с. Остановить: Ctrl+C`);
