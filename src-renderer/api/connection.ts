// Whether the renderer can reach its host. Only the WebSocket transport ever leaves `open`.
import { create } from 'zustand';

export type ConnectionState = 'connecting' | 'open' | 'lost';

interface ConnectionStore {
  state: ConnectionState;
  set(state: ConnectionState): void;
}

export const useConnection = create<ConnectionStore>()((set) => ({
  state: 'connecting',
  set: (state) => set({ state }),
}));
