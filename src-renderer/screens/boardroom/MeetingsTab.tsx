// Upcoming or past meetings in a virtual list: pages of 100 fetched as rows come into view, with
// placeholders until they arrive. Stays smooth at 100,000 meetings.
import { useCallback, useMemo, useRef, useState } from 'react';
import { List, type RowComponentProps } from 'react-window';
import type { ProjectionTable } from '../../../src-shared/docs/projection';
import { formatDateTime } from '../../components/format';
import { meetingHref } from '../../router';
import {
  listKey,
  missingPages,
  PAGE_SIZE,
  pagesForRange,
  rowAt,
  useMeetingPages,
  type When,
} from '../../state/meeting-pages';
import { read } from '../../state/perform';
import { useLiveQuery } from '../../state/use-live-query';
import { ScheduleMeetingForm } from './ScheduleMeetingForm';

const TABLES: readonly ProjectionTable[] = ['meetings'];
const ROW_HEIGHT = 56;
const MAX_LIST_HEIGHT = 10 * ROW_HEIGHT;
const FETCH_DELAY_MS = 60;

interface RowProps {
  cacheKey: string;
}

interface Props {
  roomId: string;
  when: When;
  editable: boolean;
  scope: string;
}

export function MeetingsTab({ roomId, when, editable, scope }: Props) {
  const key = listKey(roomId, when);
  const total = useMeetingPages((s) => s.lists.get(key)?.total ?? null);
  const range = useRef({ startIndex: 0, stopIndex: 30 });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [loadError, setLoadError] = useState(false);

  const fetchPage = useCallback(
    async (page: number) => {
      const store = useMeetingPages.getState();
      store.startLoading(key, page);
      try {
        const result = await read('meetings.page', { boardroomId: roomId, when, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
        useMeetingPages.getState().receivePage(key, page, result);
        setLoadError(false);
      } catch {
        useMeetingPages.getState().failPage(key, page);
        setLoadError(true);
      }
    },
    [key, roomId, when],
  );

  // On a change, refetch only the pages on screen; the others are dropped and refetched when seen.
  useLiveQuery(key, TABLES, async () => {
    const pages = pagesForRange(range.current.startIndex, range.current.stopIndex);
    useMeetingPages.getState().keepOnly(key, pages);
    await Promise.all(pages.map(fetchPage));
  });

  const onRowsRendered = useCallback(
    (_visible: { startIndex: number; stopIndex: number }, all: { startIndex: number; stopIndex: number }) => {
      range.current = all;
      if (timer.current) clearTimeout(timer.current);
      // While the user drags the scrollbar, wait for the range to settle instead of fetching every page passed.
      timer.current = setTimeout(() => {
        const list = useMeetingPages.getState().lists.get(key);
        for (const page of missingPages(list, pagesForRange(all.startIndex, all.stopIndex))) void fetchPage(page);
      }, FETCH_DELAY_MS);
    },
    [fetchPage, key],
  );

  const rowProps = useMemo<RowProps>(() => ({ cacheKey: key }), [key]);

  return (
    <div className="meetings-tab">
      <div className="list-header">
        <span data-testid="meeting-count" className="muted">
          {total === null ? 'Loading meetings…' : `${total.toLocaleString()} ${when} meeting${total === 1 ? '' : 's'}`}
        </span>
      </div>
      {loadError && <p className="muted">Some meetings could not be loaded; scroll to retry.</p>}
      {total === 0 ? (
        <p className="muted" data-testid="meeting-list-empty">
          No {when} meetings.
        </p>
      ) : (
        <List
          className="virtual-list"
          data-testid="meeting-list"
          rowComponent={MeetingListRow}
          rowProps={rowProps}
          rowCount={total ?? 0}
          rowHeight={ROW_HEIGHT}
          // A pixel height, not the content height: react-window renders as many rows as fit in it.
          style={{ height: Math.min(Math.max(total ?? 1, 1) * ROW_HEIGHT, MAX_LIST_HEIGHT) }}
          overscanCount={5}
          onRowsRendered={onRowsRendered}
        />
      )}
      {editable && when === 'upcoming' && <ScheduleMeetingForm roomId={roomId} scope={scope} />}
    </div>
  );
}

// Each row subscribes to its own cell of the page cache, so a page arriving rerenders only its rows.
function MeetingListRow({ index, style, ariaAttributes, cacheKey }: RowComponentProps<RowProps>) {
  const meeting = useMeetingPages((s) => rowAt(s.lists.get(cacheKey), index));
  if (!meeting) {
    return (
      <div style={style} {...ariaAttributes} className="meeting-row placeholder" data-testid="meeting-row-placeholder" data-index={index}>
        <span className="skeleton" />
      </div>
    );
  }
  return (
    <div style={style} {...ariaAttributes} className="meeting-row" data-testid="meeting-row" data-meeting-id={meeting.id} data-index={index}>
      <a href={meetingHref(meeting.id)} className="meeting-title" data-testid="meeting-row-title">
        {meeting.title}
      </a>
      <span className="meeting-when">{formatDateTime(meeting.scheduledAt)}</span>
      <span className={`badge status-${meeting.status}`}>{meeting.status}</span>
      <span className="muted meeting-location">{meeting.location}</span>
    </div>
  );
}
