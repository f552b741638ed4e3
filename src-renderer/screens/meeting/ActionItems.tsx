import { memo, useState, type FormEvent } from 'react';
import type { ActionItemRow } from '../../../src-shared/domain';
import { formatDate, fromLocalInput } from '../../components/format';
import { perform } from '../../state/perform';

interface Props {
  meetingId: string;
  actions: ActionItemRow[];
  editable: boolean;
  scope: string;
}

export function ActionItems({ meetingId, actions, editable, scope }: Props) {
  const open = actions.filter((a) => !a.done).length;
  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">
        Action items <span className="muted">({open} open)</span>
      </h2>
      {actions.length === 0 ? (
        <p className="muted">No action items.</p>
      ) : (
        <ul className="actions" data-testid="action-list">
          {actions.map((a) => (
            <ActionItem key={a.id} action={a} meetingId={meetingId} editable={editable} scope={scope} />
          ))}
        </ul>
      )}
      {editable && <AddActionItem meetingId={meetingId} scope={scope} />}
    </section>
  );
}

const ActionItem = memo(function ActionItem({
  action: a,
  meetingId,
  editable,
  scope,
}: {
  action: ActionItemRow;
  meetingId: string;
  editable: boolean;
  scope: string;
}) {
  return (
    <li className={`action${a.done ? ' done' : ''}`} data-testid="action-item" data-action-id={a.id} data-done={a.done}>
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="action-done"
          checked={a.done}
          disabled={!editable}
          onChange={(e) => void perform(scope, 'actions.update', { meetingId, actionId: a.id, done: e.target.checked })}
        />
        <span data-testid="action-title">{a.title}</span>
      </label>
      <span className="muted action-meta">
        {a.assignee && <span data-testid="action-assignee">{a.assignee}</span>}
        {a.due !== null && <span data-testid="action-due"> · due {formatDate(a.due)}</span>}
      </span>
    </li>
  );
});

function AddActionItem({ meetingId, scope }: { meetingId: string; scope: string }) {
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const outcome = await perform(scope, 'actions.add', { meetingId, title, assignee, due: fromLocalInput(due) });
    setBusy(false);
    if (outcome.ok) {
      setTitle('');
      setAssignee('');
      setDue('');
    }
  };
  return (
    <form className="form compact" onSubmit={submit} aria-label="Add action item">
      <input placeholder="New action item" aria-label="Action item" data-testid="action-add-title" value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      <div className="form-grid">
        <input placeholder="Assignee" aria-label="Assignee" data-testid="action-add-assignee" value={assignee} maxLength={120} onChange={(e) => setAssignee(e.target.value)} />
        <input type="date" aria-label="Due date" data-testid="action-add-due" value={due} onChange={(e) => setDue(e.target.value)} />
      </div>
      <button type="submit" data-testid="action-add-submit" disabled={busy}>
        Add action
      </button>
    </form>
  );
}
