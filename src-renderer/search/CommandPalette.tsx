// The command palette (Ctrl/Cmd+K): instant matches on short fields from the search worker on every
// keystroke, then full-text hits with highlighted snippets from main's FTS index. One virtualized
// list for both; arrows move, Enter opens the result where it lives, Escape closes.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { List, useListRef, type RowComponentProps } from 'react-window';
import { MATCH_END, MATCH_START, type FullTextHit, type FullTextKind } from '../../src-shared/search';
import { navigate } from '../router';
import { useBoardrooms } from '../state/boardrooms';
import { fullText, instant, openSearch } from './search-client';
import type { SearchHit, SearchKind } from './search-types';
import { hitHref, hitLabel, KIND_FILTERS, type KindFilter } from './palette-model';

const ROW_HEIGHT = 56;
const MAX_HEIGHT = ROW_HEIGHT * 8;
const INSTANT_LIMIT = 30;
const FULLTEXT_LIMIT = 30;
/** Full text waits for a pause in typing; the instant part never waits. */
const FULLTEXT_DEBOUNCE_MS = 120;

type Row =
  | { type: 'header'; label: string }
  | { type: 'instant'; hit: SearchHit }
  | { type: 'fulltext'; hit: FullTextHit };

interface Filters {
  kind: KindFilter;
  room: string;
  from: string;
  to: string;
}

const dayStart = (value: string): number | undefined => (value ? new Date(`${value}T00:00:00`).getTime() : undefined);
const dayEnd = (value: string): number | undefined => (value ? new Date(`${value}T23:59:59.999`).getTime() : undefined);

export default function CommandPalette({ onClose }: { onClose(): void }) {
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>({ kind: 'all', room: '', from: '', to: '' });
  const [instantHits, setInstantHits] = useState<SearchHit[]>([]);
  const [textHits, setTextHits] = useState<FullTextHit[]>([]);
  const [textState, setTextState] = useState<'idle' | 'searching' | 'done' | 'failed'>('idle');
  const [indexState, setIndexState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [active, setActive] = useState(0);
  const listRef = useListRef(null);
  const input = useRef<HTMLInputElement>(null);
  const rooms = useBoardrooms((s) => s.byId);

  useEffect(() => {
    input.current?.focus();
    openSearch().then(
      () => setIndexState('ready'),
      () => setIndexState('failed'),
    );
  }, []);

  const range = useMemo(() => ({ from: dayStart(filters.from), to: dayEnd(filters.to) }), [filters.from, filters.to]);
  const selected = KIND_FILTERS.find((k) => k.value === filters.kind)!;

  // Instant: every keystroke, no debounce.
  useEffect(() => {
    const q = query.trim();
    if (!q || selected.instant?.length === 0) {
      setInstantHits([]);
      return;
    }
    let live = true;
    instant(q, { limit: INSTANT_LIMIT, kinds: selected.instant as SearchKind[] | undefined, room: filters.room || undefined, ...range }).then(
      (hits) => live && setInstantHits(hits),
      () => live && setInstantHits([]),
    );
    return () => {
      live = false;
    };
  }, [query, selected, filters.room, range, indexState]);

  // Full text: after a short pause.
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2 || selected.fullText?.length === 0) {
      setTextHits([]);
      setTextState('idle');
      return;
    }
    let live = true;
    setTextState('searching');
    const timer = setTimeout(() => {
      fullText({
        text: q,
        kinds: selected.fullText as FullTextKind[] | undefined,
        boardroomId: filters.room || undefined,
        ...range,
        limit: FULLTEXT_LIMIT,
      }).then(
        (result) => {
          if (!live) return;
          setTextHits(result.hits);
          setTextState('done');
        },
        () => live && setTextState('failed'),
      );
    }, FULLTEXT_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, selected, filters.room, range]);

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    if (instantHits.length) {
      out.push({ type: 'header', label: 'Quick matches' });
      for (const hit of instantHits) out.push({ type: 'instant', hit });
    }
    if (textHits.length) {
      out.push({ type: 'header', label: 'In documents, minutes and agendas' });
      for (const hit of textHits) out.push({ type: 'fulltext', hit });
    }
    return out;
  }, [instantHits, textHits]);

  const selectable = useMemo(() => rows.flatMap((r, i) => (r.type === 'header' ? [] : [i])), [rows]);
  const activeRow = selectable.length ? selectable[Math.min(active, selectable.length - 1)]! : -1;

  useEffect(() => setActive(0), [query, filters]);
  useEffect(() => {
    if (activeRow >= 0) listRef.current?.scrollToRow({ index: activeRow, align: 'smart' });
  }, [activeRow, listRef]);

  const open = (row: Row | undefined) => {
    if (!row || row.type === 'header') return;
    const href = hitHref(row.type === 'instant' ? { source: 'instant', hit: row.hit } : { source: 'fulltext', hit: row.hit });
    onClose();
    if (href) navigate(href);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!selectable.length) return;
      const current = Math.min(active, selectable.length - 1);
      setActive(e.key === 'ArrowDown' ? (current + 1) % selectable.length : (current - 1 + selectable.length) % selectable.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(rows[activeRow]);
    }
  };

  const q = query.trim();
  const rowProps = useMemo(() => ({ rows, activeRow, open }), [rows, activeRow]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette card" role="dialog" aria-modal="true" aria-label="Search" data-testid="palette" onKeyDown={onKeyDown}>
        <input
          ref={input}
          className="palette-input"
          type="search"
          data-testid="palette-input"
          aria-label="Search boardrooms, meetings, documents and minutes"
          aria-controls="palette-results"
          aria-activedescendant={activeRow >= 0 ? `palette-row-${activeRow}` : undefined}
          placeholder="Search boardrooms, meetings, documents, minutes…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="palette-filters">
          <select aria-label="Kind" data-testid="palette-kind" value={filters.kind} onChange={(e) => setFilters({ ...filters, kind: e.target.value as KindFilter })}>
            {KIND_FILTERS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
          <select aria-label="Boardroom" data-testid="palette-room" value={filters.room} onChange={(e) => setFilters({ ...filters, room: e.target.value })}>
            <option value="">All boardrooms</option>
            {[...rooms.values()].map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <label>
            From <input type="date" data-testid="palette-from" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.target.value })} />
          </label>
          <label>
            To <input type="date" data-testid="palette-to" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.target.value })} />
          </label>
        </div>
        <div id="palette-results" role="listbox" aria-label="Results" data-testid="palette-results">
          {rows.length > 0 && (
            <List
              listRef={listRef}
              className="palette-list"
              rowComponent={PaletteRow}
              rowProps={rowProps}
              rowCount={rows.length}
              rowHeight={ROW_HEIGHT}
              style={{ height: Math.min(rows.length * ROW_HEIGHT, MAX_HEIGHT) }}
              overscanCount={4}
            />
          )}
        </div>
        <p className="palette-status muted" role="status" data-testid="palette-status">
          {statusText(q, indexState, textState, rows.length)}
        </p>
      </div>
    </div>
  );
}

function statusText(q: string, index: string, text: string, rows: number): string {
  if (index === 'loading') return 'Loading the search index…';
  if (index === 'failed') return 'Quick search is unavailable; full-text search still works.';
  if (!q) return '↑↓ to move, Enter to open, Esc to close';
  if (text === 'searching') return rows ? 'Searching inside documents and minutes…' : 'Searching…';
  if (text === 'failed') return 'Full-text search failed; quick matches are shown.';
  return rows ? '↑↓ to move, Enter to open, Esc to close' : `Nothing matches “${q}”`;
}

interface RowProps {
  rows: Row[];
  activeRow: number;
  open(row: Row | undefined): void;
}

function PaletteRow({ index, style, rows, activeRow, open }: RowComponentProps<RowProps>) {
  const row = rows[index]!;
  if (row.type === 'header') {
    return (
      <div style={style} className="palette-header" role="presentation">
        {row.label}
      </div>
    );
  }
  const isActive = index === activeRow;
  const label = hitLabel(row.type === 'instant' ? { source: 'instant', hit: row.hit } : { source: 'fulltext', hit: row.hit });
  return (
    <div
      style={style}
      id={`palette-row-${index}`}
      role="option"
      aria-selected={isActive}
      className={`palette-row${isActive ? ' active' : ''}`}
      data-testid={row.type === 'instant' ? 'palette-instant' : 'palette-fulltext'}
      onMouseDown={(e) => {
        e.preventDefault();
        open(row);
      }}
    >
      <span className="find-kind">{label.kind}</span>
      <span className="palette-title">
        {row.hit.title}
        {row.type === 'fulltext' && label.detail && <span className="muted"> · {label.detail}</span>}
      </span>
      <span className="palette-detail muted" data-testid="palette-snippet">
        {row.type === 'fulltext' ? highlight(row.hit.snippet) : label.detail}
      </span>
    </div>
  );
}

/** Snippets mark matches with control characters, never HTML: turn them into <mark>. */
export function highlight(snippet: string): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = snippet;
  let key = 0;
  for (;;) {
    const start = rest.indexOf(MATCH_START);
    if (start < 0) break;
    const end = rest.indexOf(MATCH_END, start + 1);
    if (end < 0) break;
    if (start > 0) out.push(rest.slice(0, start));
    out.push(<mark key={key++}>{rest.slice(start + 1, end)}</mark>);
    rest = rest.slice(end + 1);
  }
  if (rest) out.push(rest.replaceAll(MATCH_START, '').replaceAll(MATCH_END, ''));
  return out;
}
