// What search passes between main, the renderer and the search worker: the instant-search feed
// (short fields of rows, in change order) and full-text hits. Types only, plus the kind lists.

export const SEARCH_KINDS = ['boardroom', 'meeting', 'agenda', 'decision', 'action', 'document', 'person'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One entry of main's search feed: the current short fields of a row, or a tombstone. */
export interface FeedItem {
  id: string;
  kind: SearchKind;
  title: string;
  subtitle: string;
  boardroomId: string | null;
  meetingId: string | null;
  at: number | null;
  deleted: boolean;
  /** Main's change clock: strictly increasing across all rows. */
  clock: number;
}

export interface FeedPage {
  items: FeedItem[];
  /** The clock of the last item returned (or the caller's when none). */
  clock: number;
  more: boolean;
  /** Rooms the local user may read now: the worker drops hits from any other room. */
  readableRooms: string[];
}

export const FULLTEXT_KINDS = ['document', 'minutes', 'agenda'] as const;
export type FullTextKind = (typeof FULLTEXT_KINDS)[number];

/** Marks around matched terms in a snippet (never HTML: the renderer makes the highlight). */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

export interface FullTextHit {
  kind: FullTextKind;
  /** Document id, meeting id for minutes, agenda item id. */
  id: string;
  boardroomId: string;
  meetingId: string | null;
  /** 1-based page of a document where the text matched. */
  page: number | null;
  title: string;
  snippet: string;
  score: number;
  at: number | null;
}

export interface FullTextResult {
  hits: FullTextHit[];
  tookMs: number;
}

export interface SnapshotPart {
  clock: number;
  part: number;
  parts: number;
  data: string;
}

export interface PageText {
  page: number;
  pages: number;
  text: string;
}
