import { beforeEach, describe, expect, it } from 'vitest';
import { saveStateOf, useSaves } from './saves';

const state = (scope: string) => saveStateOf(useSaves.getState().scopes.get(scope));

describe('save tracking', () => {
  beforeEach(() => useSaves.setState({ scopes: new Map() }));

  it('says Saved only after every call of the scope resolved', () => {
    const s = useSaves.getState();
    expect(state('m')).toBe('idle');
    s.begin('m');
    s.begin('m');
    expect(state('m')).toBe('saving');
    s.end('m', true);
    expect(state('m')).toBe('saving');
    s.end('m', true);
    expect(state('m')).toBe('saved');
    expect(state('other')).toBe('idle');
  });

  it('counts an edit waiting for its debounce as not saved', () => {
    const s = useSaves.getState();
    s.begin('m');
    s.end('m', true);
    s.markDirty('m', 'minutes');
    expect(state('m')).toBe('saving');
    s.begin('m');
    s.clearDirty('m', 'minutes');
    expect(state('m')).toBe('saving');
    s.end('m', true);
    expect(state('m')).toBe('saved');
  });

  it('reports a failure until a later save succeeds', () => {
    const s = useSaves.getState();
    s.begin('m');
    s.end('m', false);
    expect(state('m')).toBe('failed');
    s.begin('m');
    s.end('m', true);
    expect(state('m')).toBe('saved');
  });

  it('says Queued for a command the host put in its outbox, until a later save is applied', () => {
    const s = useSaves.getState();
    s.begin('room');
    s.end('room', true, true);
    expect(state('room')).toBe('queued');
    s.begin('room');
    expect(state('room')).toBe('saving');
    s.end('room', true);
    expect(state('room')).toBe('saved');
  });
});
