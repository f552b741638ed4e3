// The Content-Security-Policy of the app's pages. Pure, so the exact policy is tested.
import { originOf } from './origin.js';

export interface CspOptions {
  /**
   * Origin of the electron-vite dev server (unpackaged runs only). Vite injects CSS with <style>
   * tags, React Refresh adds an inline preamble and HMR talks over a WebSocket, so dev relaxes
   * exactly those three and nothing else.
   */
  devServerOrigin?: string;
}

/**
 * No remote origins: everything comes from the app's own origin ('self'), plus data:/blob: where
 * the UI makes images, media, workers and PDF frames in memory. 'frame-ancestors' only works as a header,
 * which is one reason the policy is sent as a response header rather than a <meta> tag.
 */
export function buildCsp(options: CspOptions = {}): string {
  const dev = options.devServerOrigin === undefined ? null : devSources(options.devServerOrigin);
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'", ...(dev ? ["'unsafe-inline'"] : [])]],
    ['style-src', ["'self'", ...(dev ? ["'unsafe-inline'"] : [])]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['media-src', ["'self'", 'blob:']],
    ['connect-src', ["'self'", ...(dev ? [dev.socket] : [])]],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    // The document viewer shows PDFs in an <iframe> on a blob: URL it made itself; the blob
    // document inherits this policy, and object-src is what lets Chromium's PDF viewer load in it.
    ['frame-src', ['blob:']],
    ['object-src', ['blob:']],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

function devSources(devServerOrigin: string): { socket: string } {
  const origin = originOf(devServerOrigin);
  const url = origin === null ? null : new URL(origin);
  const loopback = url !== null && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url === null || url.protocol !== 'http:' || !loopback) {
    throw new Error(
      `the dev server must be an http:// loopback origin such as http://localhost:5173 (got ${JSON.stringify(devServerOrigin)})`,
    );
  }
  return { socket: `ws://${url.host}` };
}
