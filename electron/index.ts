// The Electron shell, kept thin: one locked-down window loaded from the app's own scheme, the core
// in a utility process (its refresh token sealed here with the OS keychain), the contract wired
// over IPC, permissions asked and checked against a short list, window placement remembered,
// updates only over https. Everything it shows comes from the same renderer the web shell serves.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BrowserWindow,
  app,
  ipcMain,
  net,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { APP_ORIGIN, APP_SCHEME, appFileFor } from './app-protocol';
import { createCoreBridge } from './core-bridge';
import { forwardDeskEvents, registerDeskIpc } from './desk-ipc';
import { startUpdater } from './updater';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';
import { contentSecurityPolicy } from '../domain/transport/content-security';

if (!app.requestSingleInstanceLock()) app.quit();

const serverUrl = process.env.OPTA_SERVER_URL ?? 'http://127.0.0.1:7410';
// The development server's page only in development: a packaged app never loads a URL from its environment.
const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
// Standard and secure: a real origin for the CSP, fetch and the IPC sender check.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// What the window may ask for: notifications and writing to the clipboard; nothing else.
const ALLOWED_PERMISSIONS = new Set(['notifications', 'clipboard-sanitized-write']);
let win: BrowserWindow | null = null;

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.whenReady().then(async () => {
  const rendererDir = path.join(__dirname, '../renderer');
  protocol.handle(APP_SCHEME, (request) => {
    const file = appFileFor(rendererDir, request.url);
    return file ? net.fetch(pathToFileURL(file).toString()) : new Response('Not found', { status: 404 });
  });
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const core = utilityProcess.fork(path.join(__dirname, 'core-host.js'), [], {
    env: {
      ...process.env,
      OPTA_CORE_CONFIG: JSON.stringify({
        dataDir: path.join(app.getPath('userData'), 'desk'),
        serverUrl,
        locale: app.getLocale(),
        version: app.getVersion(),
      }),
    },
    serviceName: 'Opta Desk core',
  });
  const bridge = createCoreBridge(
    {
      postMessage: (m) => core.postMessage(m),
      on: ((event: 'message' | 'exit', listener: (x: never) => void) =>
        core.on(event as 'message', listener as never)) as never,
    },
    undefined,
    {
      available: () => safeStorage.isEncryptionAvailable(),
      encrypt: (text) => safeStorage.encryptString(text).toString('base64'),
      decrypt: (base64) => safeStorage.decryptString(Buffer.from(base64, 'base64')),
    },
  );
  registerDeskIpc(ipcMain as never, bridge.dispatch, devServer ? [new URL(devServer).origin] : [APP_ORIGIN]);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, allow) =>
    allow(ALLOWED_PERMISSIONS.has(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission));

  const placed = placeWindow(
    loadWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  win = new BrowserWindow({
    ...placed,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Opta Desk',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (placed.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  bridge.onEvent(forwardDeskEvents(win.webContents));

  // Nothing navigates away from the desk or opens windows; links go to the system browser.
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.on('close', () => {
    if (!win) return;
    const b = win.getNormalBounds();
    saveWindowState(stateFile, { ...b, maximized: win.isMaximized() });
  });

  await win.loadURL(devServer ?? `${APP_ORIGIN}/index.html`);

  if (app.isPackaged && process.env.OPTA_UPDATES !== 'off') {
    const { autoUpdater } = await import('electron-updater');
    startUpdater(autoUpdater as never, process.env.OPTA_UPDATE_URL ?? `${serverUrl}/updates`, (m) => console.warn(m));
  }
});

app.on('window-all-closed', () => app.quit());
