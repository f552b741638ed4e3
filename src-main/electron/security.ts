// Session- and app-wide refusals: permissions, navigation, new windows, webviews.
import { app, shell, type Session } from 'electron';
import { externalHttpUrl } from './external-url.js';

/** The UI needs no camera, notifications, geolocation, HID...: every request and check is denied. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Dev only: pages from the electron-vite dev server get the policy as a response header (in
 * production the app:// handler sets it on every response itself).
 */
export function applyCspToOrigin(session: Session, origin: string, csp: string): void {
  session.webRequest.onHeadersReceived({ urls: [`${origin}/*`] }, (details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}

/**
 * Every web contents, present and future: no navigation away from the loaded app (http(s) links go
 * to the system browser instead), no new windows, no <webview>. In-page routing (history API,
 * hash changes) does not fire will-navigate, so the UI's own routing is unaffected.
 */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      event.preventDefault();
      openExternally(event.url);
    });
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function openExternally(url: string): void {
  const safe = externalHttpUrl(url);
  if (safe === null) {
    console.warn(`Blocked a link to ${url.slice(0, 200)}: only http(s) links open, in the system browser.`);
    return;
  }
  shell.openExternal(safe).catch((error: unknown) => console.error(`Could not open ${safe} in the browser:`, error));
}
