// A hash router: `#/`, `#/rooms/<id>/<tab>`, `#/meetings/<id>`, `#/settings`. No library needed for four routes.
import { useSyncExternalStore } from 'react';

export const ROOM_TABS = ['upcoming', 'past', 'documents', 'decisions', 'members'] as const;
export type RoomTab = (typeof ROOM_TABS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'room'; id: string; tab: RoomTab; focus?: Focus }
  | { name: 'meeting'; id: string; focus?: Focus }
  | { name: 'settings' }
  | { name: 'not-found'; path: string };

/** What a search result opens inside a screen: a document at a page, an agenda item, the minutes. */
export interface Focus {
  document?: string;
  page?: number;
  item?: string;
  minutes?: boolean;
}

function parseFocus(query: string): Focus | undefined {
  if (!query) return undefined;
  const params = new URLSearchParams(query);
  const focus: Focus = {};
  const document = params.get('document');
  const page = Number(params.get('page'));
  const item = params.get('item');
  if (document) focus.document = document;
  if (Number.isInteger(page) && page >= 1) focus.page = page;
  if (item) focus.item = item;
  if (params.get('minutes') === '1') focus.minutes = true;
  return Object.keys(focus).length ? focus : undefined;
}

function focusQuery(focus: Focus | undefined): string {
  if (!focus) return '';
  const params = new URLSearchParams();
  if (focus.document) params.set('document', focus.document);
  if (focus.page) params.set('page', String(focus.page));
  if (focus.item) params.set('item', focus.item);
  if (focus.minutes) params.set('minutes', '1');
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function parseHash(hash: string): Route {
  const [rawPath = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const path = rawPath || '/';
  const focus = parseFocus(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'rooms' && parts[1]) {
    const tab = (parts[2] ?? 'upcoming') as RoomTab;
    if (ROOM_TABS.includes(tab) && parts.length <= 3) return focus ? { name: 'room', id: parts[1], tab, focus } : { name: 'room', id: parts[1], tab };
  }
  if (parts[0] === 'meetings' && parts[1] && parts.length === 2) return focus ? { name: 'meeting', id: parts[1], focus } : { name: 'meeting', id: parts[1] };
  if (parts[0] === 'settings' && parts.length === 1) return { name: 'settings' };
  return { name: 'not-found', path };
}

export const homeHref = (): string => '#/';
export const roomHref = (id: string, tab: RoomTab = 'upcoming', focus?: Focus): string =>
  `#/rooms/${encodeURIComponent(id)}/${tab}${focusQuery(focus)}`;
export const meetingHref = (id: string, focus?: Focus): string => `#/meetings/${encodeURIComponent(id)}${focusQuery(focus)}`;
export const settingsHref = (): string => '#/settings';

export function navigate(href: string): void {
  location.hash = href.replace(/^#/, '');
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseHash(hash);
}
