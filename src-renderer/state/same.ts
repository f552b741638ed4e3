// Structural equality for plain JSON rows: a refetch that returns an unchanged row keeps the old
// object, so memoized rows do not rerender.
import { isDraft, original } from 'immer';

export function sameJson(a: unknown, b: unknown): boolean {
  // Compare against the base object, not an immer draft: reading a draft copies it.
  if (isDraft(a)) a = original(a);
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
