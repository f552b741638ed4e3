// What the palette shows and opens for a hit, and its kind filter: pure, so tested without a page.
import type { FullTextHit, FullTextKind } from '../../src-shared/search';
import { homeHref, meetingHref, roomHref } from '../router';
import type { SearchHit, SearchKind } from './search-types';

export type PaletteHit = { source: 'instant'; hit: SearchHit } | { source: 'fulltext'; hit: FullTextHit };

export type KindFilter = 'all' | SearchKind | 'minutes';

/** Each filter says which instant kinds and which full-text kinds it asks for (undefined: all, []: none). */
export const KIND_FILTERS: ReadonlyArray<{ value: KindFilter; label: string; instant?: SearchKind[]; fullText?: FullTextKind[] }> = [
  { value: 'all', label: 'Everything' },
  { value: 'boardroom', label: 'Boardrooms', instant: ['boardroom'], fullText: [] },
  { value: 'meeting', label: 'Meetings', instant: ['meeting'], fullText: ['minutes'] },
  { value: 'agenda', label: 'Agenda items', instant: ['agenda'], fullText: ['agenda'] },
  { value: 'document', label: 'Documents', instant: ['document'], fullText: ['document'] },
  { value: 'minutes', label: 'Minutes', instant: [], fullText: ['minutes'] },
  { value: 'decision', label: 'Decisions', instant: ['decision'], fullText: [] },
  { value: 'action', label: 'Action items', instant: ['action'], fullText: [] },
  { value: 'person', label: 'People', instant: ['person'], fullText: [] },
];

const KIND_NAMES: Record<SearchKind | FullTextKind, string> = {
  boardroom: 'Boardroom',
  meeting: 'Meeting',
  agenda: 'Agenda item',
  decision: 'Decision',
  action: 'Action item',
  document: 'Document',
  person: 'Person',
  minutes: 'Minutes',
};

/** Where choosing a hit goes: the screen it lives on, scrolled to it (a document at its page). */
export function hitHref(p: PaletteHit): string | null {
  const h = p.hit;
  if (p.source === 'fulltext') {
    const hit = p.hit;
    if (hit.kind === 'document') return roomHref(hit.boardroomId, 'documents', { document: hit.id, page: hit.page ?? undefined });
    if (hit.kind === 'minutes') return meetingHref(hit.id, { minutes: true });
    return hit.meetingId ? meetingHref(hit.meetingId, { item: hit.id }) : null;
  }
  switch (p.hit.kind) {
    case 'boardroom':
      return roomHref(h.id);
    case 'meeting':
      return meetingHref(h.id);
    case 'agenda':
      return h.meetingId ? meetingHref(h.meetingId, { item: h.id }) : null;
    case 'action':
      return h.meetingId ? meetingHref(h.meetingId) : null;
    case 'decision':
      return h.boardroomId ? roomHref(h.boardroomId, 'decisions') : null;
    case 'document':
      return h.boardroomId ? roomHref(h.boardroomId, 'documents', { document: h.id }) : null;
    case 'person':
      return homeHref();
  }
}

export function hitLabel(p: PaletteHit): { kind: string; detail: string } {
  if (p.source === 'fulltext') {
    const page = p.hit.kind === 'document' && p.hit.page ? `page ${p.hit.page}` : '';
    return { kind: KIND_NAMES[p.hit.kind], detail: page };
  }
  return { kind: KIND_NAMES[p.hit.kind], detail: p.hit.subtitle };
}
