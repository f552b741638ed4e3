import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { focusDocIds, focusSender } from './focus';

describe('focus doc ids', () => {
  it('names the room and ledger docs of a boardroom screen', () => {
    expect(focusDocIds({ name: 'room', id: 'r1', tab: 'decisions' }, undefined)).toEqual(['room:r1', 'ledger:r1']);
  });

  it('adds the meeting doc on a meeting screen, and its room once known', () => {
    expect(focusDocIds({ name: 'meeting', id: 'm1' }, undefined)).toEqual(['meeting:m1']);
    expect(focusDocIds({ name: 'meeting', id: 'm1' }, 'r1')).toEqual(['room:r1', 'ledger:r1', 'meeting:m1']);
  });

  it('focuses nothing on home, settings or an unknown address', () => {
    expect(focusDocIds({ name: 'home' }, undefined)).toEqual([]);
    expect(focusDocIds({ name: 'settings' }, undefined)).toEqual([]);
    expect(focusDocIds({ name: 'not-found', path: '/x' }, undefined)).toEqual([]);
  });

  it('never sends an id the host would refuse', () => {
    expect(focusDocIds({ name: 'room', id: 'a b', tab: 'upcoming' }, undefined)).toEqual([]);
    expect(focusDocIds({ name: 'room', id: 'x'.repeat(65), tab: 'upcoming' }, undefined)).toEqual([]);
  });
});

describe('focus sender', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends only the last of a burst of route changes, after the debounce', () => {
    const sent: string[][] = [];
    const s = focusSender((ids) => sent.push(ids), 200);
    s.set(['room:a', 'ledger:a']);
    vi.advanceTimersByTime(150);
    s.set(['room:b', 'ledger:b']);
    vi.advanceTimersByTime(199);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([['room:b', 'ledger:b']]);
  });

  it('does not resend an unchanged set, but does after the host restarted', () => {
    const sent: string[][] = [];
    const s = focusSender((ids) => sent.push(ids), 200);
    s.set(['room:a']);
    vi.advanceTimersByTime(200);
    s.set(['room:a']);
    vi.advanceTimersByTime(200);
    expect(sent).toHaveLength(1);
    s.resend();
    vi.advanceTimersByTime(200);
    expect(sent).toEqual([['room:a'], ['room:a']]);
    s.set([]);
    vi.advanceTimersByTime(200);
    expect(sent.at(-1)).toEqual([]);
  });
});
