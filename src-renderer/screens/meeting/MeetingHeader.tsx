import { useState, type FormEvent } from 'react';
import type { MeetingRow } from '../../../src-shared/domain';
import { formatDateTime, fromLocalInput, toLocalInput } from '../../components/format';
import { perform } from '../../state/perform';

export function MeetingHeader({ meeting, editable, scope }: { meeting: MeetingRow; editable: boolean; scope: string }) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(meeting.title);
  const [when, setWhen] = useState(toLocalInput(meeting.scheduledAt));
  const [location, setLocation] = useState(meeting.location);
  const [busy, setBusy] = useState(false);

  const startEditing = () => {
    setTitle(meeting.title);
    setWhen(toLocalInput(meeting.scheduledAt));
    setLocation(meeting.location);
    setEditing(true);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const scheduledAt = fromLocalInput(when);
    if (scheduledAt === null) return;
    setBusy(true);
    const outcome = await perform(scope, 'meetings.update', { id: meeting.id, title, scheduledAt, location });
    setBusy(false);
    if (outcome.ok) setEditing(false);
  };

  const scheduled = meeting.status === 'scheduled';
  return (
    <header className="meeting-header card">
      {editing ? (
        <form className="form" onSubmit={save} aria-label="Reschedule meeting">
          <div className="form-grid">
            <label>
              Title
              <input data-testid="meeting-edit-title" value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
            </label>
            <label>
              Date and time
              <input type="datetime-local" data-testid="meeting-edit-when" value={when} required onChange={(e) => setWhen(e.target.value)} />
            </label>
            <label>
              Location
              <input data-testid="meeting-edit-location" value={location} maxLength={200} onChange={(e) => setLocation(e.target.value)} />
            </label>
          </div>
          <div className="button-row">
            <button type="submit" data-testid="meeting-edit-save" disabled={busy}>
              Save
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <h1 id="meeting-title" data-testid="meeting-title">
            {meeting.title}
          </h1>
          <p className="meeting-facts">
            <span data-testid="meeting-date">{formatDateTime(meeting.scheduledAt)}</span> · {meeting.durationMinutes} min ·{' '}
            <span className={`badge status-${meeting.status}`} data-testid="meeting-status">
              {meeting.status}
            </span>
            {meeting.location && (
              <>
                {' · '}
                <span data-testid="meeting-location">{meeting.location}</span>
              </>
            )}
            {meeting.videoUrl && (
              <>
                {' · '}
                <a href={meeting.videoUrl} target="_blank" rel="noreferrer noopener">
                  Video link
                </a>
              </>
            )}
          </p>
          {editable && scheduled && (
            <div className="button-row">
              <button type="button" className="secondary" data-testid="meeting-edit" onClick={startEditing}>
                Reschedule
              </button>
              <button
                type="button"
                className="secondary danger"
                data-testid="meeting-cancel"
                onClick={() => void perform(scope, 'meetings.cancel', { id: meeting.id })}
              >
                Cancel meeting
              </button>
            </div>
          )}
        </>
      )}
    </header>
  );
}
