// Electron entry: one instance, one sandboxed window on app://boardroom, the core behind IPC.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { openApp, type AppCore } from '../app.js';
import { buildCsp } from './csp.js';
import { serveContract } from './ipc.js';
import { APP_ENTRY_URL, APP_ORIGIN, originOf } from './origin.js';
import { resolveAppPaths, type AppPaths } from './paths.js';
import { registerAppScheme, serveApp } from './protocol.js';
import { osSecretBox } from './secrets.js';
import { applyCspToOrigin, denyPermissions, hardenAllWebContents } from './security.js';
import { checkForUpdates } from './updater.js';
import { createMainWindow } from './window.js';

let core: AppCore | null = null;
let window: BrowserWindow | null = null;

app.enableSandbox();
if (!app.requestSingleInstanceLock()) {
  // Two processes on one SQLite file would fight over the single writer: hand over and leave.
  app.quit();
} else {
  registerAppScheme();
  hardenAllWebContents();
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });
  app.whenReady().then(start).catch(fail);
}

function start(): void {
  const paths = resolveAppPaths({
    isPackaged: app.isPackaged,
    mainDir: fileURLToPath(new URL('.', import.meta.url)),
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  });
  // electron-vite dev serves the renderer over HTTP with hot reload; never honoured when packaged.
  const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
  const devOrigin = devUrl === undefined ? null : originOf(devUrl);
  const appOrigin = devOrigin ?? APP_ORIGIN;
  const csp = buildCsp(devOrigin === null ? {} : { devServerOrigin: devOrigin });

  denyPermissions(session.defaultSession);
  if (devOrigin === null) serveApp(session.defaultSession, paths.rendererDir, csp);
  else applyCspToOrigin(session.defaultSession, devOrigin, csp);

  core = openApp({ dataDir: app.getPath('userData'), migrationsDir: paths.migrationsDir, secrets: osSecretBox(), deviceName: `Boardroom on ${os.hostname()}` });
  serveContract(core, () => window, appOrigin);
  openWindow(paths, devUrl ?? APP_ENTRY_URL);
  app.on('activate', () => {
    if (!window) openWindow(paths, devUrl ?? APP_ENTRY_URL);
  });
  void checkForUpdates();
}

function openWindow(paths: AppPaths, url: string): void {
  window = createMainWindow({ preloadPath: paths.preloadPath, url, devTools: !app.isPackaged });
  window.on('closed', () => {
    window = null;
  });
}

function fail(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  const hint = /NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(detail)
    ? '\n\nbetter-sqlite3 is built for Node, not for Electron. Run "npx electron-builder install-app-deps", ' +
      'then "npm rebuild better-sqlite3" before running Node tests or the headless host again.'
    : '';
  console.error('Boardroom could not start:', error);
  dialog.showErrorBox('Boardroom could not start', `${detail}${hint}`);
  app.exit(1);
}
