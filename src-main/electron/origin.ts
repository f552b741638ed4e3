// The app's own origin and the check every IPC call passes before it reaches the core.
// Pure: no electron import, so it is tested under plain Node.

export const APP_SCHEME = 'app';
export const APP_HOST = 'boardroom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null when it has none. WHATWG `URL.origin` is the opaque
 * "null" for custom schemes such as `app:`, so the origin is spelled out from its parts.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}

export interface SenderFrame {
  /** The frame's current URL (`WebFrameMain.url`). */
  url: string;
  /** True only for the main frame of the app's own window. */
  isAppMainFrame: boolean;
}

/**
 * Whether an IPC message may reach the core: it must come from the main frame of the app window
 * while that frame shows the app's own origin. A destroyed or navigated-away frame (null sender),
 * a subframe, or any other origin is refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigin: string): boolean {
  if (!frame || !frame.isAppMainFrame) return false;
  return originOf(frame.url) === appOrigin;
}
