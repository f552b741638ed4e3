// Rich text for minutes: a Quill-style delta over Y.Text. Inline marks live on characters; block
// formats (heading, list) live on the "\n" that ends the line.
import * as Y from 'yjs';

export interface RichAttributes {
  bold?: true;
  italic?: true;
  underline?: true;
  header?: 1 | 2 | 3;
  list?: 'bullet' | 'ordered';
}

export interface RichOp {
  insert: string;
  attributes?: RichAttributes;
}

export type RichDelta = RichOp[];

const ATTRIBUTE_KEYS = ['bold', 'italic', 'underline', 'header', 'list'] as const;

function cleanAttributes(raw: unknown): RichAttributes {
  const out: RichAttributes = {};
  if (raw === null || typeof raw !== 'object') return out;
  const a = raw as Record<string, unknown>;
  if (a.bold === true) out.bold = true;
  if (a.italic === true) out.italic = true;
  if (a.underline === true) out.underline = true;
  if (a.header === 1 || a.header === 2 || a.header === 3) out.header = a.header;
  if (a.list === 'bullet' || a.list === 'ordered') out.list = a.list;
  return out;
}

function attributesKey(a: RichAttributes): string {
  return ATTRIBUTE_KEYS.map((k) => String(a[k] ?? '')).join('|');
}

export function readRichText(text: Y.Text): RichDelta {
  const delta = text.toDelta() as Array<{ insert: unknown; attributes?: unknown }>;
  const out: RichDelta = [];
  for (const op of delta) {
    if (typeof op.insert !== 'string') continue;
    const attributes = cleanAttributes(op.attributes);
    out.push(Object.keys(attributes).length ? { insert: op.insert, attributes } : { insert: op.insert });
  }
  return out;
}

interface RichChar {
  ch: string;
  key: string;
  attributes: RichAttributes;
}

function toChars(delta: RichDelta): RichChar[] {
  const chars: RichChar[] = [];
  for (const op of delta) {
    const attributes = cleanAttributes(op.attributes);
    const key = attributesKey(attributes);
    for (const ch of op.insert) chars.push({ ch, key, attributes });
  }
  return chars;
}

/** Y.Text indexes are UTF-16 code units; `toChars` splits by code point. */
function utf16Length(chars: RichChar[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n += chars[i]!.ch.length;
  return n;
}

/**
 * Makes `text` equal `next` by replacing only the span between the common prefix and suffix, so a
 * save from one editor merges with concurrent edits elsewhere in the minutes.
 */
export function applyRichText(text: Y.Text, next: RichDelta): void {
  const before = toChars(readRichText(text));
  const after = toChars(next);
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && same(before[prefix]!, after[prefix]!)) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    same(before[before.length - 1 - suffix]!, after[after.length - 1 - suffix]!)
  )
    suffix++;
  const start = utf16Length(before, 0, prefix);
  const removed = utf16Length(before, prefix, before.length - suffix);
  if (removed > 0) text.delete(start, removed);
  let at = start;
  let i = prefix;
  const end = after.length - suffix;
  while (i < end) {
    const key = after[i]!.key;
    let run = '';
    const attributes = after[i]!.attributes;
    while (i < end && after[i]!.key === key) run += after[i++]!.ch;
    // An explicit attribute object stops Y.Text from inheriting the left neighbour's marks.
    text.insert(at, run, { ...attributes });
    at += run.length;
  }
}

function same(a: RichChar, b: RichChar): boolean {
  return a.ch === b.ch && a.key === b.key;
}

export function richTextPlain(delta: RichDelta): string {
  return delta.map((op) => op.insert).join('');
}
