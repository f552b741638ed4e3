// Per-boardroom lists other than meetings: documents (paged), decisions and members.
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { enableMapSet } from 'immer';
import type { DocumentRow } from '../../src-shared/domain';
import type { DecisionView, MemberView, Page } from '../../src-shared/views';
import { sameJson } from './same';

enableMapSet();

interface RoomDataStore {
  documents: Map<string, Page<DocumentRow>>;
  decisions: Map<string, DecisionView[]>;
  members: Map<string, MemberView[]>;
  receiveDocuments(boardroomId: string, page: Page<DocumentRow>): void;
  receiveDecisions(boardroomId: string, list: DecisionView[]): void;
  receiveMembers(boardroomId: string, list: MemberView[]): void;
}

function setIfChanged<T>(map: Map<string, T>, key: string, value: T): void {
  if (!sameJson(map.get(key), value)) map.set(key, value);
}

export const useRoomData = create<RoomDataStore>()(
  immer((set) => ({
    documents: new Map(),
    decisions: new Map(),
    members: new Map(),
    receiveDocuments: (id, page) => set((s) => setIfChanged(s.documents, id, page)),
    receiveDecisions: (id, list) => set((s) => setIfChanged(s.decisions, id, list)),
    receiveMembers: (id, list) => set((s) => setIfChanged(s.members, id, list)),
  })),
);
