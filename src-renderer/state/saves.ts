// The save indicator's truth. "Saved" means the host answered, and it answers only after SQLite
// committed; edits still waiting for their debounce count as unsaved. "Queued" means the host
// answered that a command waits in its outbox for the sync server, which alone can accept it.
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { enableMapSet } from 'immer';

enableMapSet();

export type SaveState = 'idle' | 'saving' | 'saved' | 'queued' | 'failed';

export interface ScopeSaves {
  inFlight: number;
  /** Keys of edits made but not yet sent (debounced). */
  dirty: Set<string>;
  last: 'none' | 'saved' | 'queued' | 'failed';
}

interface SavesStore {
  scopes: Map<string, ScopeSaves>;
  begin(scope: string): void;
  /** `queued`: the host accepted the call into its outbox rather than applying it. */
  end(scope: string, ok: boolean, queued?: boolean): void;
  markDirty(scope: string, key: string): void;
  clearDirty(scope: string, key: string): void;
}

const fresh = (): ScopeSaves => ({ inFlight: 0, dirty: new Set(), last: 'none' });

export const useSaves = create<SavesStore>()(
  immer((set) => ({
    scopes: new Map(),
    begin: (scope) =>
      set((s) => {
        const entry = s.scopes.get(scope) ?? fresh();
        entry.inFlight++;
        s.scopes.set(scope, entry);
      }),
    end: (scope, ok, queued = false) =>
      set((s) => {
        const entry = s.scopes.get(scope) ?? fresh();
        entry.inFlight = Math.max(0, entry.inFlight - 1);
        // A failure sticks until a later save of the same scope succeeds.
        entry.last = ok ? (entry.last === 'failed' && entry.inFlight > 0 ? 'failed' : queued ? 'queued' : 'saved') : 'failed';
        s.scopes.set(scope, entry);
      }),
    markDirty: (scope, key) =>
      set((s) => {
        const entry = s.scopes.get(scope) ?? fresh();
        entry.dirty.add(key);
        s.scopes.set(scope, entry);
      }),
    clearDirty: (scope, key) =>
      set((s) => {
        s.scopes.get(scope)?.dirty.delete(key);
      }),
  })),
);

export function saveStateOf(entry: ScopeSaves | undefined): SaveState {
  if (!entry) return 'idle';
  if (entry.inFlight > 0 || entry.dirty.size > 0) return 'saving';
  return entry.last === 'none' ? 'idle' : entry.last;
}

export const useSaveState = (scope: string): SaveState => useSaves((s) => saveStateOf(s.scopes.get(scope)));
