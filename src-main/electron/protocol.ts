// Serves the built renderer over app://boardroom with the app's security headers.
import { pathToFileURL } from 'node:url';
import { net, protocol, type Session } from 'electron';
import { resolveAppAsset } from './app-asset.js';
import { APP_SCHEME } from './origin.js';

/**
 * Must run before `ready`. A standard, secure scheme gives the renderer a real origin
 * (app://boardroom): 'self' in the CSP, ES-module workers, fetch() and the IPC sender check all
 * need one, and file:// would give every local page the same opaque origin "null".
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // No corsEnabled: the app's own (same-origin) module scripts load without it, and leaving it off
    // keeps app:// unreadable from any other origin. No bypassCSP, no service workers.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveApp(session: Session, rendererDir: string, csp: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(rendererDir, request.url);
    if (asset.kind === 'file') {
      try {
        // net.fetch of a file: URL reads through asar and sets Content-Type from the extension.
        const file = await net.fetch(pathToFileURL(asset.path).href);
        if (file.ok) return new Response(file.body, { status: 200, headers: withSecurityHeaders(file.headers, csp) });
      } catch {
        // A missing file rejects with net::ERR_FILE_NOT_FOUND: answer 404 like any other miss.
      }
    }
    return new Response('Not found', { status: 404, headers: withSecurityHeaders(new Headers(), csp) });
  });
}

function withSecurityHeaders(source: Headers, csp: string): Headers {
  const headers = new Headers(source);
  headers.set('Content-Security-Policy', csp);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return headers;
}
