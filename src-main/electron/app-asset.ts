// Maps an app:// request to a file of the built renderer. Pure (node:path only), so the
// path-traversal rules are tested.
import { extname, join, normalize, sep } from 'node:path';
import { APP_ORIGIN, originOf } from './origin.js';

export type AppAsset = { kind: 'file'; path: string } | { kind: 'not-found'; reason: string };

/**
 * `app://boardroom/assets/x.js` -> `<rendererDir>/assets/x.js`. A path without an extension is a
 * client-side route and gets index.html, so reloading on any screen works. Anything that would
 * resolve outside rendererDir, or another origin, is not found.
 */
export function resolveAppAsset(rendererDir: string, requestUrl: string): AppAsset {
  if (originOf(requestUrl) !== APP_ORIGIN) return { kind: 'not-found', reason: 'not the app origin' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return { kind: 'not-found', reason: 'malformed path' };
  }
  if (pathname.includes('\0')) return { kind: 'not-found', reason: 'malformed path' };
  const relative = pathname === '/' || extname(pathname) === '' ? 'index.html' : pathname;
  const root = normalize(rendererDir);
  const path = normalize(join(root, relative));
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return { kind: 'not-found', reason: 'outside the renderer folder' };
  }
  return { kind: 'file', path };
}
