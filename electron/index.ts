// The Electron shell, kept thin: one locked-down window, the core in a utility process, the
// contract wired over IPC, window placement remembered, optional updates. Everything it shows
// comes from the same renderer the web shell serves.
import path from 'node:path';
import { BrowserWindow, app, ipcMain, screen, session, shell, utilityProcess } from 'electron';
import { createCoreBridge } from './core-bridge';
import { forwardDeskEvents, registerDeskIpc } from './desk-ipc';
import { startUpdater } from './updater';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';
import { contentSecurityPolicy } from '../domain/transport/content-security';

if (!app.requestSingleInstanceLock()) app.quit();

const serverUrl = process.env.OPTA_SERVER_URL ?? 'http://127.0.0.1:7410';
const devServer = process.env.ELECTRON_RENDERER_URL;
let win: BrowserWindow | null = null;

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.whenReady().then(async () => {
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
  const bridge = createCoreBridge({
    postMessage: (m) => core.postMessage(m),
    on: ((event: 'message' | 'exit', listener: (x: never) => void) =>
      core.on(event as 'message', listener as never)) as never,
  });
  registerDeskIpc(ipcMain as never, bridge.dispatch, devServer ? [new URL(devServer).origin] : ['file://']);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, allow) =>
    allow(permission === 'notifications' || permission === 'clipboard-sanitized-write'),
  );

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

  if (devServer) await win.loadURL(devServer);
  else await win.loadFile(path.join(__dirname, '../renderer/index.html'));

  if (app.isPackaged && process.env.OPTA_UPDATES !== 'off') {
    const { autoUpdater } = await import('electron-updater');
    startUpdater(autoUpdater as never, process.env.OPTA_UPDATE_URL ?? `${serverUrl}/updates`, (m) => console.warn(m));
  }
});

app.on('window-all-closed', () => app.quit());
