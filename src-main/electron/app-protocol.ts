import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { appHost, appScheme } from './security';

/**
 * Maps an `app://desk/…` request to a file of the built renderer, or undefined when it must not be served
 * (another host, a path that climbs out of the folder, an encoded separator or NUL). A path without an extension
 * is a client-side route and gets index.html, so reloading on any route still shows the app.
 */
export function resolveAppFile(url: string, rendererDirectory: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== `${appScheme}:` || parsed.host.toLowerCase() !== appHost) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined; // malformed percent-encoding
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((part) => part === '..')) return undefined;
  const relativePath = path === '/' || extname(path) === '' ? 'index.html' : path.replace(/^\/+/, '');
  const file = join(rendererDirectory, relativePath);
  const inside = relative(rendererDirectory, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return undefined;
  return file;
}
