import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { MeetingRow } from '../../src-shared/domain';
import {
  keepOnlyReducer,
  missingPages,
  pagesForRange,
  receivePageReducer,
  rowAt,
  startLoadingReducer,
  type MeetingPagesState,
} from './meeting-pages';

const meeting = (n: number): MeetingRow => ({
  id: `m${n}`,
  boardroomId: 'r',
  title: `Meeting ${n}`,
  scheduledAt: n * 1000,
  durationMinutes: 60,
  status: 'scheduled',
  location: '',
  videoUrl: '',
});
const page = (from: number, count: number, total: number) => ({
  items: Array.from({ length: count }, (_, i) => meeting(from + i)),
  total,
  offset: from,
  limit: 100,
});
const empty = (): MeetingPagesState => ({ lists: new Map() });

describe('meeting pages', () => {
  it('maps a rendered row range to the pages that cover it', () => {
    expect(pagesForRange(0, 20)).toEqual([0]);
    expect(pagesForRange(95, 130)).toEqual([0, 1]);
    expect(pagesForRange(99_990, 99_999)).toEqual([999]);
    expect(pagesForRange(5, 4)).toEqual([]);
  });

  it('asks only for pages neither loaded nor loading', () => {
    let s = produce(empty(), (d) => startLoadingReducer(d, 'k', 1));
    s = produce(s, (d) => receivePageReducer(d, 'k', 0, page(0, 100, 1000)));
    expect(missingPages(s.lists.get('k'), [0, 1, 2])).toEqual([2]);
    expect(missingPages(undefined, [0, 1])).toEqual([0, 1]);
  });

  it('finds a row by index and learns the total', () => {
    let s = produce(empty(), (d) => receivePageReducer(d, 'k', 3, page(300, 100, 1000)));
    expect(s.lists.get('k')?.total).toBe(1000);
    expect(rowAt(s.lists.get('k'), 342)?.title).toBe('Meeting 342');
    expect(rowAt(s.lists.get('k'), 42)).toBeUndefined();
    s = produce(s, (d) => receivePageReducer(d, 'k', 0, page(0, 100, 1000)));
    expect(rowAt(s.lists.get('k'), 42)?.title).toBe('Meeting 42');
  });

  it('keeps the same page object when a refetch returns the same rows', () => {
    const s1 = produce(empty(), (d) => receivePageReducer(d, 'k', 0, page(0, 100, 500)));
    const s2 = produce(s1, (d) => receivePageReducer(d, 'k', 0, page(0, 100, 500)));
    expect(s2.lists.get('k')!.pages.get(0)).toBe(s1.lists.get('k')!.pages.get(0));
    const changed = page(0, 100, 500);
    changed.items[7] = { ...changed.items[7]!, title: 'Renamed' };
    const s3 = produce(s2, (d) => receivePageReducer(d, 'k', 0, changed));
    expect(rowAt(s3.lists.get('k'), 7)?.title).toBe('Renamed');
  });

  it('drops pages past the end when the list shrinks', () => {
    let s = produce(empty(), (d) => receivePageReducer(d, 'k', 4, page(400, 100, 1000)));
    s = produce(s, (d) => receivePageReducer(d, 'k', 0, page(0, 100, 250)));
    expect([...s.lists.get('k')!.pages.keys()]).toEqual([0]);
  });

  it('after a change keeps only the pages being refetched', () => {
    let s = empty();
    for (const p of [0, 1, 7]) s = produce(s, (d) => receivePageReducer(d, 'k', p, page(p * 100, 100, 1000)));
    s = produce(s, (d) => keepOnlyReducer(d, 'k', [7]));
    expect([...s.lists.get('k')!.pages.keys()]).toEqual([7]);
  });
});
