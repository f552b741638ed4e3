// Tolerant readers for values that came out of a Y.Doc. A doc can hold anything a peer wrote, so
// projections coerce instead of trusting: a malformed field becomes its default, never a crash.
import * as Y from 'yjs';

export function readString(map: Y.Map<unknown>, key: string, fallback = ''): string {
  const value = map.get(key);
  return typeof value === 'string' ? value : fallback;
}

export function readNumber(map: Y.Map<unknown>, key: string, fallback = 0): number {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function readNullableNumber(map: Y.Map<unknown>, key: string): number | null {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function readNullableString(map: Y.Map<unknown>, key: string): string | null {
  const value = map.get(key);
  return typeof value === 'string' && value !== '' ? value : null;
}

export function readBoolean(map: Y.Map<unknown>, key: string, fallback = false): boolean {
  const value = map.get(key);
  return typeof value === 'boolean' ? value : fallback;
}

export function readEnum<T extends string>(map: Y.Map<unknown>, key: string, allowed: readonly T[], fallback: T): T {
  const value = map.get(key);
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function readStringList(map: Y.Map<unknown>, key: string): string[] {
  const value = map.get(key);
  const list = value instanceof Y.Array ? value.toArray() : value;
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
}

/** Entries of a keyed map whose values are nested Y.Maps; anything else is skipped. */
export function nestedMaps(map: Y.Map<unknown>): Array<[string, Y.Map<unknown>]> {
  const out: Array<[string, Y.Map<unknown>]> = [];
  map.forEach((value, key) => {
    if (value instanceof Y.Map) out.push([key, value as Y.Map<unknown>]);
  });
  return out;
}

export function asNestedMap(value: unknown): Y.Map<unknown> | null {
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

/** Plain-object values (the ledger stores votes and RSVPs as JSON objects). */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Y.AbstractType)
    ? (value as Record<string, unknown>)
    : null;
}

/** Writes only the fields that differ, so an unchanged save produces no update. */
export function writeFields(map: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const current = map.get(key);
    if (Array.isArray(value) ? JSON.stringify(current) !== JSON.stringify(value) : current !== value) map.set(key, value);
  }
}

export function newNestedMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value);
  return map;
}
