// My private note on this meeting: only I can read it. Saved ~700 ms after the last keystroke.
import { useEffect, useRef } from 'react';
import { useDraft } from '../../components/use-draft';
import { perform } from '../../state/perform';

const SAVE_DELAY_MS = 700;

export function PrivateNote({ meetingId, note, scope }: { meetingId: string; note: string; scope: string }) {
  const draft = useDraft(note, scope, 'private-note');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(draft);
  latest.current = draft;

  const save = async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const d = latest.current;
    const pending = perform(scope, 'notes.save', { targetId: meetingId, text: d.draft });
    d.sent();
    const outcome = await pending;
    if (outcome.ok) d.settle();
    else d.reset();
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  // Leaving the screen with a pending edit saves it now.
  useEffect(
    () => () => {
      if (timer.current) void saveRef.current();
    },
    [],
  );

  return (
    <section className="card" aria-labelledby="note-title">
      <h2 id="note-title">My private note</h2>
      <textarea
        data-testid="private-note"
        aria-label="My private note"
        rows={5}
        maxLength={20000}
        value={draft.draft}
        onChange={(e) => {
          draft.setDraft(e.target.value);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void saveRef.current(), SAVE_DELAY_MS);
        }}
        onBlur={() => {
          if (timer.current) void save();
        }}
      />
      <p className="muted small">Only you can see this note.</p>
    </section>
  );
}
