import { describe, expect, it } from 'vitest';
import { decideUpdateCheck } from './update-policy.js';

const yml = (url: string) => `provider: generic\nurl: ${url}\nchannel: latest\nupdaterCacheDirName: boardroom-updater\n`;

describe('decideUpdateCheck', () => {
  it('checks a packaged app with a real feed', () => {
    expect(decideUpdateCheck({ isPackaged: true, appUpdateYml: yml('https://updates.example.com/boardroom') })).toEqual({
      check: true,
      feedUrl: 'https://updates.example.com/boardroom',
    });
    expect(decideUpdateCheck({ isPackaged: true, appUpdateYml: yml("'https://u.example.com/x'") })).toMatchObject({ check: true });
  });

  it('never checks in development, even with a feed', () => {
    expect(decideUpdateCheck({ isPackaged: false, appUpdateYml: yml('https://updates.example.com/') })).toMatchObject({ check: false });
  });

  it('does not check without a feed or with the packaging placeholder', () => {
    expect(decideUpdateCheck({ isPackaged: true, appUpdateYml: null })).toMatchObject({ check: false });
    expect(decideUpdateCheck({ isPackaged: true, appUpdateYml: 'provider: generic\n' })).toMatchObject({ check: false });
    expect(decideUpdateCheck({ isPackaged: true, appUpdateYml: yml('https://updates.boardroom.invalid/') })).toMatchObject({
      check: false,
      reason: expect.stringContaining('BOARDROOM_UPDATE_URL'),
    });
    expect(decideUpdateCheck({ isPackaged: true, appUpdateYml: yml('::nope') })).toMatchObject({ check: false });
  });
});
