import { describe, expect, it } from 'vitest';
import { parseHash } from '../router';
import { hitHref, hitLabel, KIND_FILTERS } from './palette-model';

const instant = (kind: 'boardroom' | 'meeting' | 'agenda' | 'decision' | 'action' | 'document' | 'person') => ({
  source: 'instant' as const,
  hit: { id: 'x1', kind, title: 'T', subtitle: 'S', boardroomId: 'r1', meetingId: 'm1', at: null, score: 1, fuzzy: false },
});

describe('palette hits', () => {
  it('open each kind where it lives', () => {
    expect(parseHash(hitHref(instant('boardroom'))!)).toEqual({ name: 'room', id: 'x1', tab: 'upcoming' });
    expect(parseHash(hitHref(instant('meeting'))!)).toEqual({ name: 'meeting', id: 'x1' });
    expect(parseHash(hitHref(instant('agenda'))!)).toEqual({ name: 'meeting', id: 'm1', focus: { item: 'x1' } });
    expect(parseHash(hitHref(instant('action'))!)).toEqual({ name: 'meeting', id: 'm1' });
    expect(parseHash(hitHref(instant('decision'))!)).toEqual({ name: 'room', id: 'r1', tab: 'decisions' });
    expect(parseHash(hitHref(instant('document'))!)).toEqual({ name: 'room', id: 'r1', tab: 'documents', focus: { document: 'x1' } });
  });

  it('open a full-text hit at its page, minutes at the minutes, an agenda body at its item', () => {
    const base = { boardroomId: 'r1', meetingId: 'm1', title: 'T', snippet: 's', score: 1, at: null };
    const doc = { source: 'fulltext' as const, hit: { ...base, kind: 'document' as const, id: 'd1', page: 4 } };
    expect(parseHash(hitHref(doc)!)).toEqual({ name: 'room', id: 'r1', tab: 'documents', focus: { document: 'd1', page: 4 } });
    expect(hitLabel(doc)).toEqual({ kind: 'Document', detail: 'page 4' });
    const minutes = { source: 'fulltext' as const, hit: { ...base, kind: 'minutes' as const, id: 'm1', page: null } };
    expect(parseHash(hitHref(minutes)!)).toEqual({ name: 'meeting', id: 'm1', focus: { minutes: true } });
    const agenda = { source: 'fulltext' as const, hit: { ...base, kind: 'agenda' as const, id: 'a1', page: null } };
    expect(parseHash(hitHref(agenda)!)).toEqual({ name: 'meeting', id: 'm1', focus: { item: 'a1' } });
  });

  it('kind filters never ask the full-text index for kinds it does not hold', () => {
    for (const f of KIND_FILTERS) for (const k of f.fullText ?? []) expect(['document', 'minutes', 'agenda']).toContain(k);
    expect(new Set(KIND_FILTERS.map((f) => f.value)).size).toBe(KIND_FILTERS.length);
  });
});
