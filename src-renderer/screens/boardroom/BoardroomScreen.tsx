// One boardroom: its summary, and tabs for meetings, documents, decisions and members.
import type { ProjectionTable } from '../../../src-shared/docs/projection';
import { ArchivedBanner, ObserverBanner } from '../../components/ObserverBanner';
import { SaveIndicator } from '../../components/SaveIndicator';
import { homeHref, roomHref, ROOM_TABS, type Focus, type RoomTab } from '../../router';
import { useBoardrooms } from '../../state/boardrooms';
import { read } from '../../state/perform';
import { canEdit, canManage } from '../../state/roles';
import { useLiveQuery } from '../../state/use-live-query';
import { DecisionsTab } from './DecisionsTab';
import { DocumentsTab } from './DocumentsTab';
import { MeetingsTab } from './MeetingsTab';
import { MembersTab } from './MembersTab';

const TABLES: readonly ProjectionTable[] = ['boardrooms', 'boardroom_members', 'meetings'];

const TAB_LABELS: Record<RoomTab, string> = {
  upcoming: 'Upcoming meetings',
  past: 'Past meetings',
  documents: 'Documents',
  decisions: 'Decisions',
  members: 'Members',
};

export default function BoardroomScreen({ roomId, tab, focus }: { roomId: string; tab: RoomTab; focus?: Focus }) {
  const room = useBoardrooms((s) => s.byId.get(roomId));
  const scope = `room:${roomId}`;

  useLiveQuery(`room:${roomId}`, TABLES, async () => {
    useBoardrooms.getState().receiveOne(await read('boardrooms.get', { id: roomId }));
  });

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
      <nav className="tabs" aria-label="Boardroom sections">
        {ROOM_TABS.map((t) => (
          <a key={t} href={roomHref(roomId, t)} className="tab" aria-current={t === tab ? 'page' : undefined} data-testid={`tab-${t}`}>
            {TAB_LABELS[t]}
          </a>
        ))}
      </nav>
      <section className="tab-panel" aria-label={TAB_LABELS[tab]}>
        {(tab === 'upcoming' || tab === 'past') && <MeetingsTab key={tab} roomId={roomId} when={tab} editable={editable} scope={scope} />}
        {tab === 'documents' && <DocumentsTab roomId={roomId} editable={editable} scope={scope} focus={focus} />}
        {tab === 'decisions' && <DecisionsTab roomId={roomId} role={room.myRole} scope={scope} />}
        {tab === 'members' && <MembersTab roomId={roomId} manager={manager} scope={scope} />}
      </section>
    </main>
  );
}
