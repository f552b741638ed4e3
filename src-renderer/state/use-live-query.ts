// Fetch what a component shows, and refetch it when a table it reads changes.
import { useEffect, useRef } from 'react';
import { registerQuery, serialRefresher, type Tables } from './live-queries';

/** `key` names the data; a new key fetches anew. `null` fetches nothing. */
export function useLiveQuery(key: string | null, tables: Tables, run: () => Promise<void>): void {
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (key === null) return;
    const refresh = serialRefresher(() => runRef.current());
    refresh();
    return registerQuery({ tables, refresh });
    // `tables` is a module constant at every call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
