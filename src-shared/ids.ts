// Doc ids name their kind: `room:<roomId>`, `meeting:<meetingId>`, `ledger:<roomId>`, `notes:<userId>`.

export const DOC_KINDS = ['room', 'meeting', 'ledger', 'notes'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface ParsedDocId {
  kind: DocKind;
  id: string;
}

export const roomDocId = (roomId: string): string => `room:${roomId}`;
export const meetingDocId = (meetingId: string): string => `meeting:${meetingId}`;
export const ledgerDocId = (roomId: string): string => `ledger:${roomId}`;
export const notesDocId = (userId: string): string => `notes:${userId}`;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isEntityId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export function parseDocId(docId: string): ParsedDocId | null {
  const colon = docId.indexOf(':');
  if (colon < 0) return null;
  const kind = docId.slice(0, colon) as DocKind;
  const id = docId.slice(colon + 1);
  if (!DOC_KINDS.includes(kind) || !isEntityId(id)) return null;
  return { kind, id };
}

/** A random id usable in doc ids and URLs (UUID v4 without dashes is not needed: dashes are allowed). */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}
