// Lookups asked for in one turn of the event loop, answered by one statement (the seed's batching
// rule; a DataLoader without its cache). Under load, a hundred requests that each need one row
// would otherwise queue a hundred statements for the pool's 20 connections.

/** Answers for many keys at once; a key missing from the map gets the batcher's `missing` value. */
export type BatchLoad<K, V> = (keys: K[]) => Promise<Map<K, V>>;

/**
 * `get(key)` resolves with `load`'s answer for `key`, loaded together with every other key asked
 * for in the same turn (after the turn's I/O, in setImmediate), at most `maxBatch` keys a statement.
 * A key asked for twice in a turn is loaded once. When `load` fails, every caller of the batch gets
 * its error.
 */
export function turnBatcher<K, V>(load: BatchLoad<K, V>, missing: V, maxBatch = 500): (key: K) => Promise<V> {
  let waiting = new Map<K, Array<{ resolve: (value: V) => void; reject: (error: unknown) => void }>>();
  const flush = () => {
    const batch = waiting;
    waiting = new Map();
    const keys = [...batch.keys()];
    for (let at = 0; at < keys.length; at += maxBatch) {
      const part = keys.slice(at, at + maxBatch);
      // A load that throws rather than rejects still answers its callers.
      Promise.resolve()
        .then(() => load(part))
        .then(
          (found) => {
            for (const key of part) for (const w of batch.get(key)!) w.resolve(found.has(key) ? found.get(key)! : missing);
          },
          (error: unknown) => {
            for (const key of part) for (const w of batch.get(key)!) w.reject(error);
          },
        );
    }
  };
  return (key) =>
    new Promise<V>((resolve, reject) => {
      if (waiting.size === 0) setImmediate(flush);
      const callers = waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
    });
}
