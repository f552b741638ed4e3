// The save indicator's truth. "Saved" means the host answered, and it answers only after SQLite
// committed; edits still waiting for their debounce count as unsaved.
import { create } from 'zustand';
import { immer } from 'zustand/middleware/immer';
import { enableMapSet } from 'immer';

enableMapSet();

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface ScopeSaves {
  inFlight: number;
  /** Keys of edits made but not yet sent (debounced). */
  dirty: Set<string>;
  last: 'none' | 'saved' | 'failed';
}

interface SavesStore {
  scopes: Map<string, ScopeSaves>;
  begin(scope: string): void;
  end(scope: string, ok: boolean): void;
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
    end: (scope, ok) =>
      set((s) => {
        const entry = s.scopes.get(scope) ?? fresh();
        entry.inFlight = Math.max(0, entry.inFlight - 1);
        // A failure sticks until a later save of the same scope succeeds.
        entry.last = ok ? (entry.last === 'failed' && entry.inFlight > 0 ? 'failed' : 'saved') : 'failed';
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
  if (entry.last === 'failed') return 'failed';
  return entry.last === 'saved' ? 'saved' : 'idle';
}

export const useSaveState = (scope: string): SaveState => useSaves((s) => saveStateOf(s.scopes.get(scope)));
