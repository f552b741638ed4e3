/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types its event parameter invariantly; any is the only common supertype. */
// Which entries of a keyed Y.Map a transaction touched, so projections update only those rows.
import * as Y from 'yjs';

/**
 * Keys of `map` whose entry was added, removed or edited (at any depth) in `tr`.
 * Yjs reports a change on the innermost type; walking `_item.parent` up to `map` finds the entry key.
 */
export function changedEntryKeys(tr: Y.Transaction, map: Y.AbstractType<any>): Set<string> {
  const keys = new Set<string>();
  for (const [type, subs] of tr.changed) {
    if (type === map) {
      for (const sub of subs) if (sub !== null) keys.add(sub);
      continue;
    }
    let current: Y.AbstractType<any> = type;
    while (current._item && current._item.parent !== map) {
      const parent = current._item.parent;
      if (!(parent instanceof Y.AbstractType)) break;
      current = parent;
    }
    if (current._item && current._item.parent === map && current._item.parentSub !== null) {
      keys.add(current._item.parentSub);
    }
  }
  return keys;
}

/** Whether `tr` changed `type` itself or anything nested inside it. */
export function touched(tr: Y.Transaction | undefined, type: Y.AbstractType<any>): boolean {
  return tr === undefined || tr.changed.has(type) || tr.changedParentTypes.has(type);
}
