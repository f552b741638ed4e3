// A form value that follows the store until the user edits it, and returns to the store's value
// when a save fails (nothing optimistic is left behind). While edited and not yet sent, it counts
// as unsaved for the save indicator of `scope`.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSaves } from '../state/saves';

export interface Draft<T> {
  draft: T;
  setDraft(next: T): void;
  /** The edit is on its way to the host: the in-flight call now stands for it. */
  sent(): void;
  /** The host has it (or it was unchanged): follow the store again. */
  settle(): void;
  /** The host refused it: show the store's value again. */
  reset(): void;
}

export function useDraft<T>(value: T, scope: string, key: string): Draft<T> {
  const [draft, setDraftState] = useState(value);
  const dirty = useRef(false);
  const valueRef = useRef(value);
  valueRef.current = value;

  useEffect(() => {
    if (!dirty.current) setDraftState(value);
  }, [value]);

  useEffect(() => () => useSaves.getState().clearDirty(scope, key), [scope, key]);

  const setDraft = useCallback(
    (next: T) => {
      dirty.current = true;
      useSaves.getState().markDirty(scope, key);
      setDraftState(next);
    },
    [scope, key],
  );
  const sent = useCallback(() => useSaves.getState().clearDirty(scope, key), [scope, key]);
  const settle = useCallback(() => {
    dirty.current = false;
    useSaves.getState().clearDirty(scope, key);
  }, [scope, key]);
  const reset = useCallback(() => {
    settle();
    setDraftState(valueRef.current);
  }, [settle]);
  return { draft, setDraft, sent, settle, reset };
}
