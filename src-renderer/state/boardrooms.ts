// Boardroom summaries by id, plus the order of the home list.
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { enableMapSet } from 'immer';
import type { BoardroomSummary } from '../../src-shared/views';
import { sameJson } from './same';

enableMapSet();

export interface BoardroomsState {
  byId: Map<string, BoardroomSummary>;
  /** Ids of the home list, in the host's order. */
  listIds: string[];
  listLoaded: boolean;
  includeArchived: boolean;
}

interface BoardroomsStore extends BoardroomsState {
  receiveList(list: BoardroomSummary[]): void;
  receiveOne(summary: BoardroomSummary): void;
  setIncludeArchived(value: boolean): void;
}

export function receiveListReducer(state: BoardroomsState, list: BoardroomSummary[]): void {
  for (const summary of list) upsert(state, summary);
  const ids = list.map((b) => b.id);
  if (!sameJson(ids, state.listIds)) state.listIds = ids;
  state.listLoaded = true;
}

export function upsert(state: BoardroomsState, summary: BoardroomSummary): void {
  const current = state.byId.get(summary.id);
  if (!current || !sameJson(current, summary)) state.byId.set(summary.id, summary);
}

export const initialBoardrooms = (): BoardroomsState => ({
  byId: new Map(),
  listIds: [],
  listLoaded: false,
  includeArchived: false,
});

export const useBoardrooms = create<BoardroomsStore>()(
  immer((set) => ({
    ...initialBoardrooms(),
    receiveList: (list) => set((s) => receiveListReducer(s, list)),
    receiveOne: (summary) => set((s) => upsert(s, summary)),
    setIncludeArchived: (value) =>
      set((s) => {
        s.includeArchived = value;
      }),
  })),
);
