import { describe, expect, it } from 'vitest';
import { meetingHref, parseHash, roomHref, settingsHref } from './router';

describe('parseHash', () => {
  it('reads the four routes', () => {
    expect(parseHash('')).toEqual({ name: 'home' });
    expect(parseHash('#/')).toEqual({ name: 'home' });
    expect(parseHash('#/rooms/r1/decisions')).toEqual({ name: 'room', id: 'r1', tab: 'decisions' });
    expect(parseHash('#/rooms/r1')).toEqual({ name: 'room', id: 'r1', tab: 'upcoming' });
    expect(parseHash('#/meetings/m-9')).toEqual({ name: 'meeting', id: 'm-9' });
    expect(parseHash('#/settings')).toEqual({ name: 'settings' });
  });

  it('refuses unknown tabs and paths', () => {
    expect(parseHash('#/rooms/r1/minutes').name).toBe('not-found');
    expect(parseHash('#/nowhere').name).toBe('not-found');
    expect(parseHash('#/settings/extra').name).toBe('not-found');
  });

  it('round-trips the hrefs it builds', () => {
    expect(parseHash(roomHref('a_b', 'members'))).toEqual({ name: 'room', id: 'a_b', tab: 'members' });
    expect(parseHash(meetingHref('x'))).toEqual({ name: 'meeting', id: 'x' });
    expect(parseHash(settingsHref())).toEqual({ name: 'settings' });
  });

  it('carries what a search result opens: a document at a page, an agenda item, the minutes', () => {
    const doc = roomHref('r1', 'documents', { document: 'd1', page: 7 });
    expect(doc).toBe('#/rooms/r1/documents?document=d1&page=7');
    expect(parseHash(doc)).toEqual({ name: 'room', id: 'r1', tab: 'documents', focus: { document: 'd1', page: 7 } });
    expect(parseHash(meetingHref('m1', { item: 'a1' }))).toEqual({ name: 'meeting', id: 'm1', focus: { item: 'a1' } });
    expect(parseHash(meetingHref('m1', { minutes: true }))).toEqual({ name: 'meeting', id: 'm1', focus: { minutes: true } });
  });

  it('ignores focus parameters it does not understand', () => {
    expect(parseHash('#/meetings/m1?page=-3&colour=red')).toEqual({ name: 'meeting', id: 'm1' });
    expect(parseHash('#/rooms/r1/documents?page=2.5')).toEqual({ name: 'room', id: 'r1', tab: 'documents' });
  });
});
