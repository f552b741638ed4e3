// Decisions of a boardroom: tally, my vote, deadline, status; open, vote, change vote, close.
// Votes are commands to the authority, which alone decides whether they count.
import { memo, useState, type FormEvent } from 'react';
import type { ProjectionTable } from '../../../src-shared/docs/projection';
import type { Role } from '../../../src-shared/domain';
import type { DecisionView } from '../../../src-shared/views';
import { formatDateTime, fromLocalInput, toLocalInput } from '../../components/format';
import { useAppInfo } from '../../state/app-info';
import { newCommandId, perform, read } from '../../state/perform';
import { useRoomData } from '../../state/room-data';
import { canEdit, canManage } from '../../state/roles';
import { useLiveQuery } from '../../state/use-live-query';

const TABLES: readonly ProjectionTable[] = ['decisions', 'votes', 'boardroom_members'];

export function DecisionsTab({ roomId, role, scope }: { roomId: string; role: Role | null; scope: string }) {
  const decisions = useRoomData((s) => s.decisions.get(roomId));
  useLiveQuery(`decisions:${roomId}`, TABLES, async () => {
    useRoomData.getState().receiveDecisions(roomId, await read('decisions.list', { boardroomId: roomId }));
  });
  const editable = canEdit(role);

  return (
    <div className="decisions-tab">
      {!decisions ? (
        <p className="muted">Loading decisions…</p>
      ) : decisions.length === 0 ? (
        <p className="muted">No decisions yet.</p>
      ) : (
        <ul className="decision-list" data-testid="decision-list">
          {decisions.map((d) => (
            <DecisionItem key={d.id} decision={d} roomId={roomId} role={role} scope={scope} />
          ))}
        </ul>
      )}
      {editable && <OpenDecisionForm roomId={roomId} scope={scope} />}
    </div>
  );
}

const DecisionItem = memo(function DecisionItem({
  decision: d,
  roomId,
  role,
  scope,
}: {
  decision: DecisionView;
  roomId: string;
  role: Role | null;
  scope: string;
}) {
  const userId = useAppInfo((s) => s.info?.userId);
  const [busy, setBusy] = useState(false);
  const open = d.status === 'open';
  const canVote = open && canEdit(role);
  const canClose = open && (canManage(role) || (canEdit(role) && d.openedBy === userId));
  const max = Math.max(1, ...Object.values(d.tally));

  const vote = async (option: string) => {
    setBusy(true);
    const input = { commandId: newCommandId(), boardroomId: roomId, decisionId: d.id, option };
    await perform(scope, d.myVote === null ? 'votes.cast' : 'votes.change', input);
    setBusy(false);
  };

  return (
    <li className="card decision" data-testid="decision-row" data-decision-id={d.id}>
      <header className="decision-header">
        <h3 data-testid="decision-motion">{d.motion}</h3>
        <span className={`badge status-${d.status}`} data-testid="decision-status">
          {d.status}
        </span>
      </header>
      <p className="muted">
        Deadline <span data-testid="decision-deadline">{formatDateTime(d.deadline)}</span>
        {open && d.deadline < Date.now() && ' (passed)'} · {d.votesCast} of {d.eligibleVoters} voted · My vote:{' '}
        <strong data-testid="decision-my-vote">{d.myVote ?? 'none'}</strong>
      </p>
      <ul className="tally" data-testid="decision-tally">
        {d.options.map((option) => {
          const count = d.tally[option] ?? 0;
          const mine = d.myVote === option;
          return (
            <li key={option} className="tally-row" data-testid="tally-row" data-option={option}>
              <span className="tally-option">{option}</span>
              <span className="tally-bar" aria-hidden="true">
                <span style={{ width: `${(count / max) * 100}%` }} />
              </span>
              <span className="tally-count" data-testid="tally-count">
                {count}
              </span>
              {canVote && (
                <button
                  type="button"
                  className={mine ? 'primary' : 'secondary'}
                  aria-pressed={mine}
                  disabled={busy || mine}
                  data-testid="vote-option"
                  data-option={option}
                  onClick={() => void vote(option)}
                >
                  {mine ? 'Your vote' : d.myVote === null ? `Vote ${option}` : `Change to ${option}`}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {canClose && (
        <button
          type="button"
          className="secondary"
          data-testid="decision-close"
          onClick={() => void perform(scope, 'decisions.close', { commandId: newCommandId(), boardroomId: roomId, decisionId: d.id })}
        >
          Close voting
        </button>
      )}
    </li>
  );
});

const DAY_MS = 24 * 60 * 60 * 1000;

function OpenDecisionForm({ roomId, scope }: { roomId: string; scope: string }) {
  const [motion, setMotion] = useState('');
  const [options, setOptions] = useState(['For', 'Against', 'Abstain']);
  const [deadline, setDeadline] = useState(() => toLocalInput(Date.now() + 7 * DAY_MS));
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const at = fromLocalInput(deadline);
    if (at === null) return;
    setBusy(true);
    const outcome = await perform(scope, 'decisions.open', {
      commandId: newCommandId(),
      boardroomId: roomId,
      motion,
      options: options.map((o) => o.trim()),
      deadline: at,
    });
    setBusy(false);
    if (outcome.ok) setMotion('');
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="open-decision-title">
      <h2 id="open-decision-title">Open a decision</h2>
      <label>
        Motion
        <textarea data-testid="decision-motion-input" value={motion} required rows={2} onChange={(e) => setMotion(e.target.value)} />
      </label>
      <fieldset>
        <legend>Options (2 to 10)</legend>
        {options.map((option, i) => (
          <div className="option-row" key={i}>
            <input
              aria-label={`Option ${i + 1}`}
              data-testid="decision-option-input"
              value={option}
              required
              maxLength={120}
              onChange={(e) => setOptions(options.map((o, j) => (j === i ? e.target.value : o)))}
            />
            {options.length > 2 && (
              <button
                type="button"
                className="secondary"
                aria-label={`Remove option ${i + 1}`}
                data-testid="decision-remove-option"
                onClick={() => setOptions(options.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            )}
          </div>
        ))}
        {options.length < 10 && (
          <button type="button" className="secondary" data-testid="decision-add-option" onClick={() => setOptions([...options, ''])}>
            Add option
          </button>
        )}
      </fieldset>
      <label>
        Deadline
        <input
          type="datetime-local"
          step={1}
          data-testid="decision-deadline-input"
          value={deadline}
          required
          onChange={(e) => setDeadline(e.target.value)}
        />
      </label>
      <button type="submit" data-testid="decision-submit" disabled={busy}>
        Open decision
      </button>
    </form>
  );
}
