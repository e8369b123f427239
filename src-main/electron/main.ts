import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session, type Session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startDeskHost } from '../desk-host/host';
import { spawnUtilityCore } from './desk-process';
import { resolveAppFile } from './app-protocol';
import { loadDatabaseKey, type KeyCipher } from './database-key';
import { forwardEvents, registerDispatcher, trustedSender } from './ipc';
import { gracefulQuit } from './lifecycle';
import { menuTemplate } from './menu';
import {
  appScheme,
  contentSecurityPolicy,
  guardWebContents,
  permissionAllowed,
  rendererLocation,
  webPreferences,
  withSecurityHeaders,
} from './security';
import { startupFailure } from './startup-failure';

/**
 * The Electron main process: thin glue between Electron and the plain, tested functions next to this file.
 * Built by electron-vite into out/main/index.js (the desk core's worker next to it, out/main/worker.js); the preload
 * lands in out/preload/index.cjs and the renderer in out/renderer/.
 */

const location = rendererLocation({ isPackaged: app.isPackaged, devServerUrl: process.env['ELECTRON_RENDERER_URL'] });
const csp = contentSecurityPolicy(location);
const devTools = !app.isPackaged;
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDirectory = fileURLToPath(new URL('../renderer/', import.meta.url));

// Both must happen before 'ready'.
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | undefined;
let shutdown: (() => Promise<void>) | undefined;

if (!app.requestSingleInstanceLock()) {
  // Another desk is running on this data folder: two processes must never open one SQLite database.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, location.origin));
  app.on('window-all-closed', () => app.quit());
  app.on(
    'before-quit',
    gracefulQuit({
      close: () => shutdown?.() ?? Promise.resolve(),
      quit: () => app.quit(),
      exit: (code) => app.exit(code),
      onError: console.error,
    }),
  );
  app.whenReady().then(start).catch(failToStart);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const databaseDirectory = join(userData, 'data');
  const key = await loadDatabaseKey({
    keyFile: join(userData, 'database.key'),
    databaseDirectory,
    cipher: safeStorageCipher(),
  });
  // The whole desk core (RxDB on SQLite) runs in a utility process of its own, so SQLite never blocks this event
  // loop (window, menus, IPC) and the core's hang or crash never takes main down. The demo county has known
  // passwords: never in an installed app, only when trying a development build.
  const host = await startDeskHost({
    databaseDirectory,
    key,
    seedDemo: !app.isPackaged && app.commandLine.hasSwitch('demo'),
    spawn: spawnUtilityCore,
  });

  secureSession(session.defaultSession);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, devTools })));

  // Registered before the window loads its page; the window's id is read at each call.
  const stopDispatcher = registerDispatcher(
    ipcMain,
    host.request,
    trustedSender(location.origin, () => mainWindow?.webContents.id),
  );
  const window = createWindow();
  const stopEvents = forwardEvents(host.onEvent, window.webContents, location.origin);
  shutdown = async () => {
    stopEvents();
    stopDispatcher();
    // Closes the desk and its database in the core's process (WAL checkpointed); the process then exits.
    await host.close();
  };
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: '信访接待台',
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: webPreferences(preloadPath, { devTools }),
  });
  mainWindow = window;
  window.on('page-title-updated', (event) => event.preventDefault()); // the window keeps the app's name
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = undefined;
  });
  window.loadURL(location.url).catch((error: unknown) => console.error('renderer failed to load', error));
  return window;
}

/** CSP on every response, the built renderer served from app://desk, and no permission beyond the clipboard. */
function secureSession(target: Session): void {
  target.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, csp) }),
  );
  target.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl, location.origin)),
  );
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin, location.origin),
  );
  target.protocol.handle(appScheme, serveAppFile);
}

async function serveAppFile(request: Request): Promise<Response> {
  const file = request.method === 'GET' ? resolveAppFile(request.url, rendererDirectory) : undefined;
  if (file === undefined) return new Response(null, { status: 404 });
  let response: Response;
  try {
    response = await net.fetch(pathToFileURL(file).href);
  } catch {
    return new Response(null, { status: 404 }); // net.fetch rejects for a missing file
  }
  const headers = new Headers(response.headers);
  for (const [name, [value]] of Object.entries(withSecurityHeaders({}, csp))) headers.set(name, value ?? '');
  return new Response(response.body, { status: response.status, headers });
}

/**
 * Electron's safeStorage as the key file's cipher. Linux's 'basic_text' backend encrypts with a password built
 * into Chromium, which is no protection: it counts as unavailable (database-key.ts refuses to start then).
 * A development build may accept it with `--dev-plaintext-key-store` (Linux test machines and CI containers have
 * no keyring); an installed app never does.
 */
function safeStorageCipher(): KeyCipher {
  const acceptPlainText = !app.isPackaged && app.commandLine.hasSwitch('dev-plaintext-key-store');
  if (acceptPlainText && process.platform === 'linux') safeStorage.setUsePlainTextEncryption(true);
  return {
    async available() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      return (
        acceptPlainText || process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'
      );
    },
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    async decrypt(cipherText) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(cipherText));
      return { plain: result, reEncrypt: shouldReEncrypt };
    },
  };
}

function failToStart(error: unknown): void {
  console.error('desk failed to start', error);
  const failure = startupFailure(error);
  dialog.showErrorBox(failure.title, failure.message);
  app.exit(1);
}
