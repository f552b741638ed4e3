import { afterEach, describe, expect, it, vi } from 'vitest';
import { invalidate, registerQuery, serialRefresher } from './live-queries';

describe('live queries', () => {
  afterEach(() => vi.useRealTimers());

  it('refetches, once per frame, only the queries that read a changed table', async () => {
    vi.useFakeTimers();
    const meetings = vi.fn();
    const members = vi.fn();
    const offA = registerQuery({ tables: ['meetings', 'agenda_items'], refresh: meetings });
    const offB = registerQuery({ tables: ['boardroom_members'], refresh: members });
    invalidate(['meetings']);
    invalidate(['agenda_items']);
    invalidate(['meetings', 'votes']);
    expect(meetings).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(120);
    expect(meetings).toHaveBeenCalledTimes(1);
    expect(members).not.toHaveBeenCalled();
    invalidate('all');
    await vi.advanceTimersByTimeAsync(120);
    expect(meetings).toHaveBeenCalledTimes(2);
    expect(members).toHaveBeenCalledTimes(1);
    offA();
    offB();
    invalidate('all');
    await vi.advanceTimersByTimeAsync(120);
    expect(meetings).toHaveBeenCalledTimes(2);
  });

  it('never runs a fetch while the previous one is in flight, and collapses the waiting ones', async () => {
    const resolvers: Array<() => void> = [];
    const run = vi.fn(() => new Promise<void>((resolve) => resolvers.push(resolve)));
    const refresh = serialRefresher(run);
    refresh();
    refresh();
    refresh();
    expect(run).toHaveBeenCalledTimes(1);
    resolvers[0]!();
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(2));
    resolvers[1]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(run).toHaveBeenCalledTimes(2);
  });
});
