/**
 * The web edition's configuration, read by app/transport.ts when it starts the desk worker.
 *
 * Served by the county server (src-server/routes/web-edition.ts, `npm start`), the page finds `desk-config.json`
 * beside index.html: it then syncs with that server, and its users come from there (the first login at a fresh
 * desk enrols it; features/session/sign-in.ts). Served alone (`npm run web`, vite preview, no server), there is no
 * such document and the page keeps the standalone demo mode below.
 */
export interface WebConfig {
  /**
   * Seed the demo county (offices, and a user for each role with password `demo1234`) into an empty database on
   * first start, so that a web edition without a county server can be tried out at all. A desk that syncs must
   * never hold demo accounts of its own. A database that already has offices is never seeded again.
   */
  readonly seedDemoCounty: boolean;
  /** The county server this desk syncs with; set as the desk's server address when it has none yet. */
  readonly serverUrl?: string;
}

/** Without a county server: the demo county in the browser, no sync. */
export const standaloneConfig: WebConfig = { seedDemoCounty: true };

/** Where the county server puts the document, relative to the page (the build uses relative URLs throughout). */
const configUrl = './desk-config.json';

/**
 * The page's configuration. Any failure (no such file under vite preview, HTML from a fallback, a malformed body)
 * means standalone: the page must start either way, and a guess at a server would be worse than none.
 */
export async function loadWebConfig(fetchConfig: typeof fetch = (...a) => fetch(...a)): Promise<WebConfig> {
  try {
    const response = await fetchConfig(configUrl, { cache: 'no-store', headers: { accept: 'application/json' } });
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return standaloneConfig;
    return parseWebConfig(await response.json()) ?? standaloneConfig;
  } catch {
    return standaloneConfig;
  }
}

export function parseWebConfig(value: unknown): WebConfig | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { seedDemoCounty, serverUrl } = value as { seedDemoCounty?: unknown; serverUrl?: unknown }; // each field checked below
  if (typeof seedDemoCounty !== 'boolean') return undefined;
  if (serverUrl === undefined) return { seedDemoCounty };
  if (typeof serverUrl !== 'string' || !/^https?:\/\/[^\s/]+$/.test(serverUrl)) return undefined;
  return { seedDemoCounty, serverUrl };
}
