import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { BoardroomSummary } from '../../src-shared/views';
import { initialBoardrooms, receiveListReducer, upsert } from './boardrooms';

const room = (id: string, name: string): BoardroomSummary => ({
  id,
  name,
  description: '',
  active: true,
  createdAt: 0,
  myRole: 'owner',
  memberCount: 1,
  upcomingCount: 0,
  nextMeetingAt: null,
});

describe('boardrooms store', () => {
  it('stores rooms by id in the order of the list', () => {
    const s = produce(initialBoardrooms(), (d) => receiveListReducer(d, [room('b', 'Beta'), room('a', 'Alpha')]));
    expect(s.listIds).toEqual(['b', 'a']);
    expect(s.byId.get('a')?.name).toBe('Alpha');
    expect(s.listLoaded).toBe(true);
  });

  it('keeps unchanged rows (and the id list) as the same objects, so memoized rows skip rendering', () => {
    const s1 = produce(initialBoardrooms(), (d) => receiveListReducer(d, [room('a', 'Alpha'), room('b', 'Beta')]));
    const s2 = produce(s1, (d) => receiveListReducer(d, [room('a', 'Alpha'), { ...room('b', 'Beta'), memberCount: 2 }]));
    expect(s2.byId.get('a')).toBe(s1.byId.get('a'));
    expect(s2.byId.get('b')).not.toBe(s1.byId.get('b'));
    expect(s2.byId.get('b')?.memberCount).toBe(2);
    expect(s2.listIds).toBe(s1.listIds);
  });

  it('a room fetched on its own joins the map without changing the list', () => {
    const s1 = produce(initialBoardrooms(), (d) => receiveListReducer(d, [room('a', 'Alpha')]));
    const s2 = produce(s1, (d) => upsert(d, room('z', 'Archived one')));
    expect(s2.listIds).toEqual(['a']);
    expect(s2.byId.get('z')?.name).toBe('Archived one');
  });
});
