// One boardroom: its summary, and tabs for meetings, documents, decisions and members.
import { useMemo } from 'react';
import type { ProjectionTable } from '../../../src-shared/docs/projection';
import { FindBox } from '../../components/FindBox';
import { ArchivedBanner, ObserverBanner } from '../../components/ObserverBanner';
import { SaveIndicator } from '../../components/SaveIndicator';
import { homeHref, roomHref, ROOM_TABS, type RoomTab } from '../../router';
import type { SearchItem } from '../../search/search-types';
import { useBoardrooms } from '../../state/boardrooms';
import { useMeetingPages } from '../../state/meeting-pages';
import { read } from '../../state/perform';
import { canEdit, canManage } from '../../state/roles';
import { useLiveQuery } from '../../state/use-live-query';
import { DecisionsTab } from './DecisionsTab';
import { DocumentsTab } from './DocumentsTab';
import { MeetingsTab } from './MeetingsTab';
import { MembersTab } from './MembersTab';

const TABLES: readonly ProjectionTable[] = ['boardrooms', 'boardroom_members', 'meetings'];
const FIND_KINDS = ['boardroom', 'meeting'] as const;

const TAB_LABELS: Record<RoomTab, string> = {
  upcoming: 'Upcoming meetings',
  past: 'Past meetings',
  documents: 'Documents',
  decisions: 'Decisions',
  members: 'Members',
};

export default function BoardroomScreen({ roomId, tab }: { roomId: string; tab: RoomTab }) {
  const room = useBoardrooms((s) => s.byId.get(roomId));
  const scope = `room:${roomId}`;

  useLiveQuery(`room:${roomId}`, TABLES, async () => {
    useBoardrooms.getState().receiveOne(await read('boardrooms.get', { id: roomId }));
  });

  const findItems = useFindItems(roomId, room?.name ?? '');

  if (!room) {
    return (
      <main className="screen">
        <p className="muted">Loading boardroom…</p>
      </main>
    );
  }
  // An archived room is read-only until a manager unarchives it (the host refuses edits too).
  const editable = canEdit(room.myRole) && room.active;
  const manager = canManage(room.myRole) && room.active;

  return (
    <main className="screen" aria-labelledby="room-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <a href={homeHref()}>Boardrooms</a> / <span>{room.name}</span>
      </nav>
      <header className="screen-header">
        <h1 id="room-title" data-testid="room-title">
          {room.name}
          {!room.active && <span className="badge">Archived</span>}
        </h1>
        <span className="muted" data-testid="room-role">
          {room.myRole ? `You are ${/^[aeiou]/.test(room.myRole) ? 'an' : 'a'} ${room.myRole}` : 'You are not a member'}
        </span>
        <SaveIndicator scope={scope} />
      </header>
      {room.myRole === 'observer' && <ObserverBanner roomName={room.name} />}
      {!room.active && <ArchivedBanner roomName={room.name} />}
      {room.description && <p className="muted">{room.description}</p>}
      <FindBox items={findItems} kinds={FIND_KINDS} placeholder="Find a boardroom or meeting" />
      <nav className="tabs" aria-label="Boardroom sections">
        {ROOM_TABS.map((t) => (
          <a key={t} href={roomHref(roomId, t)} className="tab" aria-current={t === tab ? 'page' : undefined} data-testid={`tab-${t}`}>
            {TAB_LABELS[t]}
          </a>
        ))}
      </nav>
      <section className="tab-panel" aria-label={TAB_LABELS[tab]}>
        {(tab === 'upcoming' || tab === 'past') && <MeetingsTab key={tab} roomId={roomId} when={tab} editable={editable} scope={scope} />}
        {tab === 'documents' && <DocumentsTab roomId={roomId} editable={editable} scope={scope} />}
        {tab === 'decisions' && <DecisionsTab roomId={roomId} role={room.myRole} scope={scope} />}
        {tab === 'members' && <MembersTab roomId={roomId} manager={manager} scope={scope} />}
      </section>
    </main>
  );
}

/** Boardroom names and the meeting titles loaded so far. */
function useFindItems(roomId: string, roomName: string): SearchItem[] {
  const byId = useBoardrooms((s) => s.byId);
  const lists = useMeetingPages((s) => s.lists);
  return useMemo(() => {
    const items: SearchItem[] = [];
    for (const b of byId.values()) items.push({ id: b.id, kind: 'boardroom', title: b.name, subtitle: b.description });
    for (const when of ['upcoming', 'past'] as const) {
      for (const page of lists.get(`${roomId}|${when}`)?.pages.values() ?? []) {
        for (const m of page) items.push({ id: m.id, kind: 'meeting', title: m.title, subtitle: roomName });
      }
    }
    return items;
  }, [byId, lists, roomId, roomName]);
}
