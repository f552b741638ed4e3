// Plain JS like launch.mjs itself, so the launcher stays runnable before anything is built.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  browserCommand,
  decideLaunch,
  electronBinary,
  hasDisplay,
  hostUrlIn,
  shouldDownload,
  summarizeInstallFailure,
} from './launch.mjs';

describe('decideLaunch', () => {
  const ready = { forceHeadless: false, display: true, binaryPresent: true, downloadFailure: undefined };

  it('starts Electron when its binary is there and a window can open', () => {
    expect(decideLaunch(ready)).toEqual({ mode: 'electron' });
  });

  it('falls back to the headless host with the download failure as the reason', () => {
    expect(decideLaunch({ ...ready, binaryPresent: false, downloadFailure: 'cannot resolve github.com' })).toEqual({
      mode: 'headless',
      reason: "Electron's binary could not be downloaded (cannot resolve github.com)",
    });
  });

  it('falls back without a display, and when asked to', () => {
    expect(decideLaunch({ ...ready, display: false })).toMatchObject({ mode: 'headless', reason: expect.stringContaining('DISPLAY') });
    expect(decideLaunch({ ...ready, forceHeadless: true })).toMatchObject({ mode: 'headless', reason: expect.stringContaining('BOARDROOM_HEADLESS') });
  });

  it('gives a one-line reason in every headless case', () => {
    for (const state of [
      { ...ready, binaryPresent: false },
      { ...ready, display: false, binaryPresent: false },
      { ...ready, forceHeadless: true, binaryPresent: false },
    ]) {
      const plan = decideLaunch(state);
      expect(plan.mode).toBe('headless');
      expect(plan.reason).not.toContain('\n');
    }
  });
});

describe('shouldDownload', () => {
  it('downloads only a missing binary that could then be used', () => {
    expect(shouldDownload({ forceHeadless: false, display: true, binaryPresent: false })).toBe(true);
    expect(shouldDownload({ forceHeadless: false, display: true, binaryPresent: true })).toBe(false);
    expect(shouldDownload({ forceHeadless: false, display: false, binaryPresent: false })).toBe(false);
    expect(shouldDownload({ forceHeadless: true, display: true, binaryPresent: false })).toBe(false);
  });
});

describe('hasDisplay', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY on Linux only', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
  });
});

describe('summarizeInstallFailure', () => {
  it('names the cause of the failures seen in practice', () => {
    // What electron/install.js prints on this machine (no route to GitHub).
    const dns = 'RequestError: getaddrinfo ENOTFOUND github.com\n    at ClientRequest.<anonymous> (/x/got/index.js:970:111)';
    expect(summarizeInstallFailure({ timedOut: false, exitCode: 1, output: dns })).toBe('cannot resolve github.com');
    expect(summarizeInstallFailure({ timedOut: true, exitCode: null, output: '' })).toBe('no answer within 60 s');
    expect(summarizeInstallFailure({ timedOut: false, exitCode: 1, output: 'HTTPError: Response code 403 (Forbidden)' })).toBe(
      'HTTP 403 from the download host',
    );
    expect(summarizeInstallFailure({ timedOut: false, exitCode: 1, output: 'Error: connect ECONNREFUSED 1.2.3.4:443' })).toBe(
      'network error ECONNREFUSED',
    );
    expect(summarizeInstallFailure({ timedOut: false, exitCode: 1, output: "Error: EACCES: permission denied, mkdir 'dist'" })).toBe(
      'cannot write node_modules/electron (EACCES)',
    );
    expect(summarizeInstallFailure({ timedOut: false, exitCode: 1, output: 'Error: Generated checksum for "electron.zip" did not match expected checksum.' })).toBe(
      'checksum mismatch',
    );
  });

  it('falls back to the first error line, then to the exit code', () => {
    expect(summarizeInstallFailure({ timedOut: false, exitCode: 1, output: 'warming up\nTypeError: boom\n  at x' })).toBe('TypeError: boom');
    expect(summarizeInstallFailure({ timedOut: false, exitCode: 7, output: '' })).toBe('the installer exited with code 7');
  });
});

describe('hostUrlIn', () => {
  it('finds the URL once it has fully arrived', () => {
    expect(hostUrlIn('building...\nBoardroom host listening on http://127.0.0.1:5123/\n')).toBe('http://127.0.0.1:5123/');
    // What src-main/host prints today.
    expect(hostUrlIn('Boardroom host listening on http://127.0.0.1:5183/ (data: /root/.boardroom-desktop)\n')).toBe(
      'http://127.0.0.1:5183/',
    );
    expect(hostUrlIn('Boardroom host listening on http://127.0.0.1:51')).toBeNull();
    expect(hostUrlIn('Boardroom host listening on http://127.0.0.1:5123/?t=ab&c=d\r\n')).toBe('http://127.0.0.1:5123/?t=ab&c=d');
    expect(hostUrlIn('something else\n')).toBeNull();
  });
});

describe('browserCommand', () => {
  const url = 'http://127.0.0.1:5123/?t=a&b=c';
  it('uses each platform opener, and none on a Linux without a display', () => {
    expect(browserCommand('darwin', {}, url)).toEqual({ command: 'open', args: [url] });
    expect(browserCommand('win32', {}, url)).toEqual({ command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] });
    expect(browserCommand('linux', { DISPLAY: ':0' }, url)).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand('linux', {}, url)).toBeNull();
  });
});

describe('electronBinary', () => {
  it('is present only when path.txt names an executable that exists in dist', () => {
    const root = mkdtempSync(join(tmpdir(), 'launch-'));
    const electron = join(root, 'node_modules', 'electron');
    mkdirSync(join(electron, 'dist'), { recursive: true });
    expect(electronBinary(root, {})).toBeNull(); // what npm ci leaves when postinstall is denied
    writeFileSync(join(electron, 'path.txt'), 'electron');
    expect(electronBinary(root, {})).toBeNull();
    writeFileSync(join(electron, 'dist', 'electron'), '');
    expect(electronBinary(root, {})).toBe(join(electron, 'dist', 'electron'));
  });
});
