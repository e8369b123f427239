import type { WebContents, WebPreferences } from 'electron';

/**
 * The window's security settings as plain functions (design.md §5, Electron's security checklist), so each
 * decision is unit-tested in Node and main.ts only wires them to Electron.
 */

/**
 * The renderer's settings. With the sandbox on, the preload runs without Node and may only `require('electron')`,
 * so it is bundled into one CommonJS file (electron.vite.config.ts). Electron 45 has no remote module
 * (removed in 14), so there is nothing to switch off for it.
 */
export function webPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  };
}

/** Where the renderer runs: its origin is what every navigation, sender and permission check compares against. */
export interface RendererLocation {
  /** The first URL the window loads. */
  readonly url: string;
  /** `scheme://host` of the app; nothing else may be loaded, navigated to or send IPC. */
  readonly origin: string;
  /** The electron-vite dev server (hot reload), which needs a looser script and connect policy. */
  readonly devServer: boolean;
}

/** The privileged scheme the built renderer is served from (preferred to file://, which has no real origin). */
export const appScheme = 'app';
export const appHost = 'desk';

/**
 * Picks the renderer: electron-vite's dev server in development, the built files otherwise. A packaged app
 * ignores `ELECTRON_RENDERER_URL`: whoever could set that variable would otherwise load any web page into a
 * window that holds the desk bridge.
 */
export function rendererLocation(options: { isPackaged: boolean; devServerUrl: string | undefined }): RendererLocation {
  if (!options.isPackaged && options.devServerUrl) {
    const url = new URL(options.devServerUrl);
    return { url: url.href, origin: originOf(url.href) ?? url.origin, devServer: true };
  }
  return { url: `${appScheme}://${appHost}/index.html`, origin: `${appScheme}://${appHost}`, devServer: false };
}

/**
 * `scheme://host[:port]`, lower case, or undefined for an unparsable URL. Node gives custom schemes an opaque
 * 'null' origin while Chromium treats our registered standard scheme as a real one, so the origin is built by
 * hand rather than read from `URL.origin`.
 */
export function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.host === '') return undefined; // file:, about:, data:, blob: … never count as the app
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** Whether a URL belongs to the app (for navigation, IPC senders and permission requests). */
export function isAppUrl(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin.toLowerCase();
}

/**
 * The Content Security Policy of every renderer response. Choices:
 * - Scripts only from the app; no eval, no inline script (the dev server's React refresh preamble is inline,
 *   so development alone allows 'unsafe-inline' scripts).
 * - Styles allow 'unsafe-inline' because antd's CSS-in-JS injects `<style>` elements at run time; styles cannot
 *   run code, and antd's nonce support can tighten this later.
 * - connect-src is the app only: the renderer talks to the core over IPC, and the replication client runs in
 *   main, so the county server is never reached from the renderer. The dev server adds its HMR websocket.
 * - No plugins, frames, form posts or `<base>`; workers only from the app's own files.
 */
export function contentSecurityPolicy(location: Pick<RendererLocation, 'origin' | 'devServer'>): string {
  const dev = location.devServer;
  const websocket = location.origin.replace(/^http/, 'ws');
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...(dev ? [websocket] : [])],
    ['worker-src', "'self'"],
    ['frame-src', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** Response headers with our CSP (any policy already there is replaced: ours is the one that must hold). */
export function withSecurityHeaders(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const replaced = new Set(['content-security-policy', 'x-content-type-options']);
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!replaced.has(name.toLowerCase())) out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [csp];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

/** Permissions granted to the app's own pages; every other request (camera, location, notifications…) is refused. */
const grantedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string, appOrigin: string): boolean {
  return grantedPermissions.has(permission) && isAppUrl(requestingUrl, appOrigin);
}

/** The parts of a WebContents the guard uses (a fake in tests). */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Keeps a web contents on the app: navigation, redirects and frame navigation elsewhere are cancelled, and no new
 * window is ever created. External links are not handed to the system browser either: `shell.openExternal`
 * with a URL the page chose is a known way from a compromised renderer to the user's machine, and the desk has
 * no links to follow. If that changes, add a named allow-list here, not a pass-through.
 */
export function guardWebContents(contents: GuardedContents, appOrigin: string): void {
  const stayOnApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url, appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-frame-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
