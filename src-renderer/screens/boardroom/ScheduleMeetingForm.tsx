import { useState, type FormEvent } from 'react';
import { fromLocalInput, toLocalInput } from '../../components/format';
import { meetingHref } from '../../router';
import { perform } from '../../state/perform';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export function ScheduleMeetingForm({ roomId, scope }: { roomId: string; scope: string }) {
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState(() => toLocalInput(Math.ceil((Date.now() + WEEK_MS) / 3_600_000) * 3_600_000));
  const [duration, setDuration] = useState('60');
  const [location, setLocation] = useState('');
  const [videoUrl, setVideoUrl] = useState('');
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const scheduledAt = fromLocalInput(when);
    if (scheduledAt === null) return;
    setBusy(true);
    const outcome = await perform(scope, 'meetings.schedule', {
      boardroomId: roomId,
      title,
      scheduledAt,
      durationMinutes: Number(duration),
      location,
      videoUrl,
    });
    setBusy(false);
    if (outcome.ok) {
      setCreated({ id: outcome.output.id, title });
      setTitle('');
      setLocation('');
      setVideoUrl('');
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="schedule-title">
      <h2 id="schedule-title">Schedule a meeting</h2>
      <div className="form-grid">
        <label>
          Title
          <input data-testid="schedule-title" value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Date and time
          <input type="datetime-local" data-testid="schedule-when" value={when} required onChange={(e) => setWhen(e.target.value)} />
        </label>
        <label>
          Duration (minutes)
          <input
            type="number"
            data-testid="schedule-duration"
            min={5}
            max={1440}
            step={5}
            value={duration}
            required
            onChange={(e) => setDuration(e.target.value)}
          />
        </label>
        <label>
          Location
          <input data-testid="schedule-location" value={location} maxLength={200} onChange={(e) => setLocation(e.target.value)} />
        </label>
        <label>
          Video URL
          <input type="url" data-testid="schedule-video" value={videoUrl} maxLength={200} onChange={(e) => setVideoUrl(e.target.value)} />
        </label>
      </div>
      <button type="submit" data-testid="schedule-submit" disabled={busy}>
        Schedule
      </button>
      {created && (
        <p role="status" data-testid="schedule-created">
          Scheduled “{created.title}”.{' '}
          <a href={meetingHref(created.id)} data-testid="schedule-created-open">
            Open the meeting
          </a>
        </p>
      )}
    </form>
  );
}
