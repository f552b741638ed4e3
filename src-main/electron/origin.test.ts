import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isTrustedSender, originOf } from './origin.js';

describe('originOf', () => {
  it('spells out custom-scheme origins that WHATWG URL reports as "null"', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null');
    expect(originOf(APP_ENTRY_URL)).toBe(APP_ORIGIN);
  });

  it('keeps the port of a dev server origin', () => {
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
  });

  it('has no origin for hostless or malformed URLs', () => {
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('data:text/html,hi')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('isTrustedSender', () => {
  const main = (url: string) => ({ url, isAppMainFrame: true });

  it('accepts the app main frame on any page of the app origin', () => {
    expect(isTrustedSender(main(APP_ENTRY_URL), APP_ORIGIN)).toBe(true);
    expect(isTrustedSender(main(`${APP_ORIGIN}/meetings/42#agenda`), APP_ORIGIN)).toBe(true);
  });

  it('refuses a missing frame (destroyed or navigated away)', () => {
    expect(isTrustedSender(null, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(undefined, APP_ORIGIN)).toBe(false);
  });

  it('refuses a subframe even on the app origin', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isAppMainFrame: false }, APP_ORIGIN)).toBe(false);
  });

  it('refuses other origins, including look-alikes', () => {
    for (const url of [
      'https://evil.example/',
      'file:///work/main/out/renderer/index.html',
      'app://boardroom.evil.example/index.html',
      'app://evil/index.html',
      'app://boardroom@evil/index.html',
      'app://boardroom:8080/index.html',
      'http://boardroom/index.html',
      'about:blank',
      '',
    ]) {
      expect(isTrustedSender(main(url), APP_ORIGIN), url).toBe(false);
    }
  });

  it('judges by host alone: userinfo neither grants nor smuggles an origin', () => {
    expect(isTrustedSender(main('app://x@boardroom/index.html'), APP_ORIGIN)).toBe(true);
    expect(originOf('app://x@boardroom/index.html')).toBe(APP_ORIGIN);
  });

  it('trusts a dev server origin only when that is the app origin', () => {
    expect(isTrustedSender(main('http://localhost:5173/'), 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender(main('http://localhost:5174/'), 'http://localhost:5173')).toBe(false);
  });
});
