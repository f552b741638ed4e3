import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from './app-asset.js';

const root = join('/opt', 'Boardroom', 'out', 'renderer');

describe('resolveAppAsset', () => {
  it('serves files of the renderer build', () => {
    expect(resolveAppAsset(root, 'app://boardroom/assets/index-abc.js')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'index-abc.js'),
    });
    expect(resolveAppAsset(root, 'app://boardroom/assets/my%20font.woff2')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'my font.woff2'),
    });
  });

  it('answers the root and client-side routes with index.html', () => {
    for (const url of ['app://boardroom/', 'app://boardroom', 'app://boardroom/meetings/42', 'app://boardroom/rooms?x=1#top']) {
      expect(resolveAppAsset(root, url), url).toEqual({ kind: 'file', path: join(root, 'index.html') });
    }
  });

  it('never resolves outside the renderer folder', () => {
    for (const url of [
      'app://boardroom/../../etc/passwd.txt',
      'app://boardroom/%2e%2e/%2e%2e/etc/passwd.txt',
      'app://boardroom/assets/..%2f..%2f..%2fpackage.json',
      'app://boardroom/..%5c..%5cwindows.ini',
    ]) {
      const asset = resolveAppAsset(root, url);
      if (asset.kind === 'file') expect(asset.path.startsWith(root), url).toBe(true);
    }
    expect(resolveAppAsset(root, 'app://boardroom/assets/..%2f..%2f..%2fpackage.json').kind).toBe('not-found');
  });

  it('refuses other origins and malformed escapes', () => {
    expect(resolveAppAsset(root, 'app://other/index.html').kind).toBe('not-found');
    expect(resolveAppAsset(root, 'https://boardroom/index.html').kind).toBe('not-found');
    expect(resolveAppAsset(root, 'app://boardroom/%E0%A4%A.js').kind).toBe('not-found');
    expect(resolveAppAsset(root, 'app://boardroom/a%00.js').kind).toBe('not-found');
  });
});
