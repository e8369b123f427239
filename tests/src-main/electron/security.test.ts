import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  guardWebContents,
  isAppUrl,
  originOf,
  permissionAllowed,
  rendererLocation,
  webPreferences,
  withSecurityHeaders,
  type GuardedContents,
} from '../../../src-main/electron/security';

const appOrigin = 'app://desk';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split('; ').map((d) => {
      const [name, ...values] = d.split(' ');
      return [name!, values];
    }),
  );
}

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer, with no Node and no webview', () => {
    const prefs = webPreferences('/app/out/preload/index.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });
});

describe('rendererLocation', () => {
  it('serves the built renderer from app://desk', () => {
    expect(rendererLocation({ isPackaged: true, devServerUrl: undefined })).toEqual({
      url: 'app://desk/index.html',
      origin: appOrigin,
      devServer: false,
    });
  });

  it('uses the dev server only in an unpackaged app', () => {
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
      devServer: true,
    });
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app (it would load any page next to the bridge)', () => {
    expect(rendererLocation({ isPackaged: true, devServerUrl: 'https://evil.example' }).url).toBe(
      'app://desk/index.html',
    );
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://desk/index.html', true],
    ['app://desk/assets/index-1234.js', true],
    ['APP://DESK/index.html', true],
    ['app://desk', true],
    ['app://other/index.html', false],
    ['app://desk.evil.example/', false],
    ['app://evil@desk.example/', false],
    ['https://example.com/', false],
    ['http://localhost:5173/', false],
    ['file:///C:/Windows/system32/', false],
    ['about:blank', false],
    ['data:text/html,<script>1</script>', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url, appOrigin)).toBe(expected);
  });

  it('compares the dev server by scheme, host and port', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('https://localhost:5173/', 'http://localhost:5173')).toBe(false);
  });

  it('builds the origin of a custom scheme by hand (Node reports it as "null")', () => {
    expect(new URL('app://desk/x').origin).toBe('null');
    expect(originOf('app://desk/x')).toBe('app://desk');
  });
});

describe('contentSecurityPolicy', () => {
  it('allows script only from the app, no eval, and reaches nothing but the app', () => {
    const csp = directives(contentSecurityPolicy({ origin: appOrigin, devServer: false }));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]); // antd's CSS-in-JS
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors', 'frame-src'])
      expect(csp.get(name)).toEqual(["'none'"]);
    expect(contentSecurityPolicy({ origin: appOrigin, devServer: false })).not.toMatch(/unsafe-eval|\*/);
  });

  it('loosens only what the dev server needs: the inline refresh preamble and the HMR websocket', () => {
    const csp = directives(contentSecurityPolicy({ origin: 'http://localhost:5173', devServer: true }));
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
  });
});

describe('withSecurityHeaders', () => {
  it('replaces any policy already present, whatever its case, and keeps the other headers', () => {
    const out = withSecurityHeaders(
      { 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' },
      "default-src 'self'",
    );
    expect(out).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
      'X-Content-Type-Options': ['nosniff'],
    });
  });

  it('adds the policy when there are no headers', () => {
    expect(withSecurityHeaders(undefined, 'x')['Content-Security-Policy']).toEqual(['x']);
  });
});

describe('permissionAllowed', () => {
  it.each([
    ['clipboard-sanitized-write', 'app://desk/index.html', true],
    ['clipboard-sanitized-write', 'https://example.com/', false],
    ['media', 'app://desk/index.html', false],
    ['geolocation', 'app://desk/index.html', false],
    ['notifications', 'app://desk/index.html', false],
    ['openExternal', 'app://desk/index.html', false],
  ])('%s from %s → %s', (permission, url, expected) => {
    expect(permissionAllowed(permission, url, appOrigin)).toBe(expected);
  });
});

describe('guardWebContents', () => {
  function guarded() {
    const emitter = new EventEmitter();
    let openHandler: (() => { action: string }) | undefined;
    const contents = Object.assign(emitter, {
      setWindowOpenHandler: (h: () => { action: string }) => (openHandler = h),
    });
    guardWebContents(contents as unknown as GuardedContents, appOrigin); // the fake implements the two members used
    const attempt = (event: string, url: string) => {
      let prevented = false;
      emitter.emit(event, { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { attempt, open: () => openHandler?.() };
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to another origin is cancelled', (event) => {
    const { attempt } = guarded();
    expect(attempt(event, 'https://example.com/')).toBe(true);
    expect(attempt(event, 'file:///etc/passwd')).toBe(true);
    expect(attempt(event, 'app://desk/index.html#/cases')).toBe(false);
  });

  it('never opens a new window, not even for an http link', () => {
    expect(guarded().open()).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    expect(guarded().attempt('will-attach-webview', 'app://desk/index.html')).toBe(true);
  });
});
