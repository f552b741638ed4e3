// One meeting: header, agenda, minutes, action items, documents, RSVP and my private note.
import { lazy, Suspense, useEffect } from 'react';
import { PROJECTION_TABLES, type ProjectionTable } from '../../../src-shared/docs/projection';
import { ArchivedBanner, ObserverBanner } from '../../components/ObserverBanner';
import { SaveIndicator } from '../../components/SaveIndicator';
import { homeHref, roomHref, type Focus } from '../../router';
import { useBoardrooms } from '../../state/boardrooms';
import { useMeetingDetails } from '../../state/meeting-detail';
import { read } from '../../state/perform';
import { canEdit } from '../../state/roles';
import { useLiveQuery } from '../../state/use-live-query';
import { ActionItems } from './ActionItems';
import { AgendaSection } from './AgendaSection';
import { MeetingDocuments } from './MeetingDocuments';
import { MeetingHeader } from './MeetingHeader';
import { PrivateNote } from './PrivateNote';
import { Rsvp } from './Rsvp';

const MinutesEditor = lazy(() => import('../../minutes/MinutesEditor'));

const ROOM_TABLES: readonly ProjectionTable[] = ['boardrooms'];
// A meeting's detail reads every projection but the shared user list.
const TABLES: readonly ProjectionTable[] = PROJECTION_TABLES.filter((t) => t !== 'users');

export default function MeetingScreen({ meetingId, focus }: { meetingId: string; focus?: Focus }) {
  const detail = useMeetingDetails((s) => s.byId.get(meetingId));
  useFocusTarget(detail !== undefined, focus);
  const scope = `meeting:${meetingId}`;

  useLiveQuery(`meeting:${meetingId}`, TABLES, async () => {
    useMeetingDetails.getState().receive(await read('meetings.get', { id: meetingId }));
  });
  // Whether the room is archived (then everything here is read-only).
  const roomId = detail?.boardroom.id ?? null;
  const room = useBoardrooms((s) => (roomId ? s.byId.get(roomId) : undefined));
  useLiveQuery(roomId && `room:${roomId}`, ROOM_TABLES, async () => {
    if (roomId) useBoardrooms.getState().receiveOne(await read('boardrooms.get', { id: roomId }));
  });

  if (!detail) {
    return (
      <main className="screen">
        <p className="muted">Loading meeting…</p>
      </main>
    );
  }
  const archived = room?.active === false;
  const editable = canEdit(detail.myRole) && !archived;
  const { meeting, boardroom } = detail;

  return (
    <main className="screen meeting-screen" aria-labelledby="meeting-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <a href={homeHref()}>Boardrooms</a> / <a href={roomHref(boardroom.id)} data-testid="meeting-room-link">{boardroom.name}</a> /{' '}
        <span>{meeting.title}</span>
      </nav>
      <div className="screen-status">
        <SaveIndicator scope={scope} />
      </div>
      {detail.myRole === 'observer' && <ObserverBanner roomName={boardroom.name} />}
      {archived && <ArchivedBanner roomName={boardroom.name} />}
      <MeetingHeader meeting={meeting} editable={editable} scope={scope} />
      {editable && meeting.status === 'scheduled' && (
        <Rsvp meetingId={meeting.id} current={detail.myRsvp} scope={scope} />
      )}
      <div className="meeting-columns">
        <div className="meeting-main">
          <AgendaSection meetingId={meeting.id} agenda={detail.agenda} editable={editable} scope={scope} />
          <section className="card" id="minutes-section" aria-labelledby="minutes-title">
            <h2 id="minutes-title">Minutes</h2>
            <Suspense fallback={<p className="muted">Loading the editor…</p>}>
              <MinutesEditor meetingId={meeting.id} minutes={detail.minutes} readOnly={!editable} saveScope={scope} />
            </Suspense>
          </section>
        </div>
        <div className="meeting-side">
          <ActionItems meetingId={meeting.id} actions={detail.actions} editable={editable} scope={scope} />
          <MeetingDocuments boardroomId={boardroom.id} meetingId={meeting.id} documents={detail.documents} editable={editable} scope={scope} />
          {detail.myRole !== null && <PrivateNote meetingId={meeting.id} note={detail.myNote} scope={scope} />}
        </div>
      </div>
    </main>
  );
}

/** Scrolls to what a search result pointed at (an agenda item, the minutes) and marks it. */
function useFocusTarget(loaded: boolean, focus: Focus | undefined): void {
  const item = focus?.item;
  const minutes = focus?.minutes === true;
  useEffect(() => {
    if (!loaded || (!item && !minutes)) return;
    const target = item ? document.querySelector(`[data-item-id="${CSS.escape(item)}"]`) : document.getElementById('minutes-section');
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.classList.add('focused');
    target.setAttribute('data-focused', 'true');
    return () => {
      target.classList.remove('focused');
      target.removeAttribute('data-focused');
    };
  }, [loaded, item, minutes]);
}
