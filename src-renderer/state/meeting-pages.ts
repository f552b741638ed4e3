// Meeting lists of a boardroom, cached per (boardroom, when) in pages of PAGE_SIZE. A virtual list
// asks for the pages its rendered rows fall in; one request per page, never one per row.
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { enableMapSet } from 'immer';
import type { MeetingRow } from '../../src-shared/domain';
import type { Page } from '../../src-shared/views';
import { sameJson } from './same';

enableMapSet();

export const PAGE_SIZE = 100;
export type When = 'upcoming' | 'past';

export interface MeetingList {
  total: number | null;
  pages: Map<number, MeetingRow[]>;
  loading: Set<number>;
}

export interface MeetingPagesState {
  lists: Map<string, MeetingList>;
}

export const listKey = (boardroomId: string, when: When): string => `${boardroomId}|${when}`;

const emptyList = (): MeetingList => ({ total: null, pages: new Map(), loading: new Set() });

/** Page numbers covering rows [start, stop] (inclusive). */
export function pagesForRange(start: number, stop: number, pageSize = PAGE_SIZE): number[] {
  if (stop < start) return [];
  const out: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor(stop / pageSize); p++) out.push(p);
  return out;
}

export function missingPages(list: MeetingList | undefined, pages: number[]): number[] {
  return pages.filter((p) => !list?.pages.has(p) && !list?.loading.has(p));
}

export function rowAt(list: MeetingList | undefined, index: number, pageSize = PAGE_SIZE): MeetingRow | undefined {
  return list?.pages.get(Math.floor(index / pageSize))?.[index % pageSize];
}

export function startLoadingReducer(state: MeetingPagesState, key: string, page: number): void {
  const list = state.lists.get(key) ?? emptyList();
  list.loading.add(page);
  state.lists.set(key, list);
}

export function receivePageReducer(state: MeetingPagesState, key: string, page: number, result: Page<MeetingRow>): void {
  const list = state.lists.get(key) ?? emptyList();
  list.loading.delete(page);
  list.total = result.total;
  const current = list.pages.get(page);
  if (!current || !sameJson(current, result.items)) list.pages.set(page, result.items);
  // Pages past the end (the list shrank) would show rows that no longer exist.
  const lastPage = Math.max(0, Math.ceil(result.total / PAGE_SIZE) - 1);
  for (const p of [...list.pages.keys()]) if (p > lastPage) list.pages.delete(p);
  state.lists.set(key, list);
}

export function failPageReducer(state: MeetingPagesState, key: string, page: number): void {
  state.lists.get(key)?.loading.delete(page);
}

/** After a change: keep the pages being refetched on screen, forget the rest (refetched when seen). */
export function keepOnlyReducer(state: MeetingPagesState, key: string, keep: number[]): void {
  const list = state.lists.get(key);
  if (!list) return;
  for (const p of [...list.pages.keys()]) if (!keep.includes(p)) list.pages.delete(p);
}

interface MeetingPagesStore extends MeetingPagesState {
  startLoading(key: string, page: number): void;
  receivePage(key: string, page: number, result: Page<MeetingRow>): void;
  failPage(key: string, page: number): void;
  keepOnly(key: string, keep: number[]): void;
}

export const useMeetingPages = create<MeetingPagesStore>()(
  immer((set) => ({
    lists: new Map(),
    startLoading: (key, page) => set((s) => startLoadingReducer(s, key, page)),
    receivePage: (key, page, result) => set((s) => receivePageReducer(s, key, page, result)),
    failPage: (key, page) => set((s) => failPageReducer(s, key, page)),
    keepOnly: (key, keep) => set((s) => keepOnlyReducer(s, key, keep)),
  })),
);
