// The agenda: add, edit inline (saved on blur or Enter), move up/down, delete.
import { memo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AgendaItemRow } from '../../../src-shared/domain';
import { useDraft, type Draft } from '../../components/use-draft';
import { perform } from '../../state/perform';

interface Props {
  meetingId: string;
  agenda: AgendaItemRow[];
  editable: boolean;
  scope: string;
}

export function AgendaSection({ meetingId, agenda, editable, scope }: Props) {
  const total = agenda.reduce((n, item) => n + item.durationMinutes, 0);
  return (
    <section className="card" aria-labelledby="agenda-title">
      <h2 id="agenda-title">
        Agenda <span className="muted">({total} min)</span>
      </h2>
      {agenda.length === 0 ? (
        <p className="muted">No agenda items yet.</p>
      ) : (
        <ol className="agenda" data-testid="agenda-list">
          {agenda.map((item, index) => (
            <AgendaItem
              key={item.id}
              item={item}
              index={index}
              last={index === agenda.length - 1}
              meetingId={meetingId}
              editable={editable}
              scope={scope}
            />
          ))}
        </ol>
      )}
      {editable && <AddAgendaItem meetingId={meetingId} scope={scope} />}
    </section>
  );
}

type Field = 'title' | 'presenter' | 'notes' | 'durationMinutes';

const AgendaItem = memo(function AgendaItem({
  item,
  index,
  last,
  meetingId,
  editable,
  scope,
}: {
  item: AgendaItemRow;
  index: number;
  last: boolean;
  meetingId: string;
  editable: boolean;
  scope: string;
}) {
  const title = useDraft(item.title, scope, `agenda:${item.id}:title`);
  const presenter = useDraft(item.presenter, scope, `agenda:${item.id}:presenter`);
  const duration = useDraft(String(item.durationMinutes), scope, `agenda:${item.id}:duration`);
  const notes = useDraft(item.notes, scope, `agenda:${item.id}:notes`);

  const commit = async (field: Field, draft: Draft<string>, current: string) => {
    if (draft.draft === current) {
      draft.settle();
      return;
    }
    const value = field === 'durationMinutes' ? Number(draft.draft) : draft.draft;
    const pending = perform(scope, 'agenda.update', { meetingId, itemId: item.id, [field]: value });
    draft.sent();
    const outcome = await pending;
    if (outcome.ok) draft.settle();
    else draft.reset();
  };
  const onEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') e.currentTarget.blur();
  };

  if (!editable) {
    return (
      <li className="agenda-item" data-testid="agenda-item" data-item-id={item.id}>
        <div className="agenda-line">
          <span className="agenda-title" data-testid="agenda-title">
            {item.title}
          </span>
          {item.presenter && <span className="muted"> — {item.presenter}</span>}
          <span className="muted"> · {item.durationMinutes} min</span>
        </div>
        {item.notes && <p className="agenda-notes">{item.notes}</p>}
      </li>
    );
  }

  return (
    <li className="agenda-item editing" data-testid="agenda-item" data-item-id={item.id}>
      <div className="agenda-line">
        <input
          className="agenda-title-input"
          aria-label={`Title of agenda item ${index + 1}`}
          data-testid="agenda-title"
          value={title.draft}
          required
          maxLength={200}
          onChange={(e) => title.setDraft(e.target.value)}
          onBlur={() => void commit('title', title, item.title)}
          onKeyDown={onEnter}
        />
        <input
          aria-label={`Presenter of agenda item ${index + 1}`}
          placeholder="Presenter"
          data-testid="agenda-presenter"
          value={presenter.draft}
          maxLength={120}
          onChange={(e) => presenter.setDraft(e.target.value)}
          onBlur={() => void commit('presenter', presenter, item.presenter)}
          onKeyDown={onEnter}
        />
        <input
          type="number"
          className="narrow"
          min={1}
          max={600}
          aria-label={`Minutes for agenda item ${index + 1}`}
          data-testid="agenda-duration"
          value={duration.draft}
          onChange={(e) => duration.setDraft(e.target.value)}
          onBlur={() => void commit('durationMinutes', duration, String(item.durationMinutes))}
          onKeyDown={onEnter}
        />
        <span className="agenda-buttons">
          <button
            type="button"
            className="icon"
            aria-label={`Move “${item.title}” up`}
            data-testid="agenda-up"
            disabled={index === 0}
            onClick={() => void perform(scope, 'agenda.move', { meetingId, itemId: item.id, toIndex: index - 1 })}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon"
            aria-label={`Move “${item.title}” down`}
            data-testid="agenda-down"
            disabled={last}
            onClick={() => void perform(scope, 'agenda.move', { meetingId, itemId: item.id, toIndex: index + 1 })}
          >
            ↓
          </button>
          <button
            type="button"
            className="icon danger"
            aria-label={`Delete “${item.title}”`}
            data-testid="agenda-delete"
            onClick={() => void perform(scope, 'agenda.remove', { meetingId, itemId: item.id })}
          >
            ×
          </button>
        </span>
      </div>
      <textarea
        className="agenda-notes-input"
        aria-label={`Notes for agenda item ${index + 1}`}
        placeholder="Notes"
        data-testid="agenda-notes"
        rows={1}
        value={notes.draft}
        maxLength={20000}
        onChange={(e) => notes.setDraft(e.target.value)}
        onBlur={() => void commit('notes', notes, item.notes)}
      />
    </li>
  );
});

function AddAgendaItem({ meetingId, scope }: { meetingId: string; scope: string }) {
  const [title, setTitle] = useState('');
  const [presenter, setPresenter] = useState('');
  const [duration, setDuration] = useState('15');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const outcome = await perform(scope, 'agenda.add', { meetingId, title, presenter, durationMinutes: Number(duration) });
    setBusy(false);
    if (outcome.ok) {
      setTitle('');
      setPresenter('');
    }
  };
  return (
    <form className="inline-form add-agenda" onSubmit={submit} aria-label="Add agenda item">
      <input placeholder="New agenda item" aria-label="New agenda item title" data-testid="agenda-add-title" value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      <input placeholder="Presenter" aria-label="New agenda item presenter" data-testid="agenda-add-presenter" value={presenter} maxLength={120} onChange={(e) => setPresenter(e.target.value)} />
      <input type="number" className="narrow" min={1} max={600} aria-label="New agenda item minutes" data-testid="agenda-add-duration" value={duration} onChange={(e) => setDuration(e.target.value)} />
      <button type="submit" data-testid="agenda-add-submit" disabled={busy}>
        Add
      </button>
    </form>
  );
}
