// The meeting screen's data, by meeting id.
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { enableMapSet } from 'immer';
import type { MeetingDetail } from '../../src-shared/views';
import { sameJson } from './same';

enableMapSet();

interface MeetingDetailStore {
  byId: Map<string, MeetingDetail>;
  receive(detail: MeetingDetail): void;
}

export const useMeetingDetails = create<MeetingDetailStore>()(
  immer((set) => ({
    byId: new Map(),
    receive: (detail) =>
      set((s) => {
        if (!sameJson(s.byId.get(detail.meeting.id), detail)) s.byId.set(detail.meeting.id, detail);
      }),
  })),
);
