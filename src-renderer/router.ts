// A hash router: `#/`, `#/rooms/<id>/<tab>`, `#/meetings/<id>`, `#/settings`. No library needed for four routes.
import { useSyncExternalStore } from 'react';

export const ROOM_TABS = ['upcoming', 'past', 'documents', 'decisions', 'members'] as const;
export type RoomTab = (typeof ROOM_TABS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'room'; id: string; tab: RoomTab }
  | { name: 'meeting'; id: string }
  | { name: 'settings' }
  | { name: 'not-found'; path: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'rooms' && parts[1]) {
    const tab = (parts[2] ?? 'upcoming') as RoomTab;
    if (ROOM_TABS.includes(tab) && parts.length <= 3) return { name: 'room', id: parts[1], tab };
  }
  if (parts[0] === 'meetings' && parts[1] && parts.length === 2) return { name: 'meeting', id: parts[1] };
  if (parts[0] === 'settings' && parts.length === 1) return { name: 'settings' };
  return { name: 'not-found', path };
}

export const homeHref = (): string => '#/';
export const roomHref = (id: string, tab: RoomTab = 'upcoming'): string => `#/rooms/${encodeURIComponent(id)}/${tab}`;
export const meetingHref = (id: string): string => `#/meetings/${encodeURIComponent(id)}`;
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
