// Which links may leave the app for the system browser. Pure, so the rule is tested.

/**
 * The normalized URL to hand to `shell.openExternal`, or null. Only http(s) with a host: other
 * schemes (file:, smb:, javascript:, custom app handlers, ms-* on Windows) can run or open local
 * things, which is why `openExternal` must never see them.
 */
export function externalHttpUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  return url.href;
}
