// Whether the updater should look for updates at all. Pure, so the guard is tested.

/** Host of the feed URL packaged when BOARDROOM_UPDATE_URL was not set (see build/package.mjs). */
export const PLACEHOLDER_FEED_HOST = 'updates.boardroom.invalid';

export type UpdateDecision = { check: true; feedUrl: string } | { check: false; reason: string };

/**
 * electron-updater reads its feed from `resources/app-update.yml`, which electron-builder writes
 * from the `publish` section. No check in dev, without that file, or with the placeholder feed
 * (".invalid" never resolves, so checking would only log a DNS error on every start).
 */
export function decideUpdateCheck(input: { isPackaged: boolean; appUpdateYml: string | null }): UpdateDecision {
  if (!input.isPackaged) return { check: false, reason: 'not packaged (development run)' };
  if (input.appUpdateYml === null) return { check: false, reason: 'no app-update.yml: this build has no update feed' };
  const feedUrl = feedUrlOf(input.appUpdateYml);
  if (feedUrl === null) return { check: false, reason: 'app-update.yml names no feed url' };
  let host: string;
  try {
    host = new URL(feedUrl).hostname;
  } catch {
    return { check: false, reason: `the feed url is not a URL (${feedUrl})` };
  }
  if (host === PLACEHOLDER_FEED_HOST || host.endsWith('.invalid')) {
    return { check: false, reason: 'the feed is the build placeholder: set BOARDROOM_UPDATE_URL when packaging' };
  }
  return { check: true, feedUrl };
}

/** The `url:` of a generic-provider app-update.yml (a flat map, so a line match is enough). */
function feedUrlOf(yml: string): string | null {
  const match = /^url:\s*['"]?([^'"\s#]+)/m.exec(yml);
  return match?.[1] ?? null;
}
