// The outbox: ledger commands waiting for the sync server, and those it refused (kept, with its
// reason, until the user dismisses them: a refused vote is never dropped silently).
import { memo, useEffect, useState } from 'react';
import type { OutboxEntryView } from '../../../src-shared/views';
import { formatDateTime } from '../../components/format';
import { commandSummary, refreshOutbox, useOutbox } from '../../state/outbox';
import { perform } from '../../state/perform';

export function OutboxPanel({ scope }: { scope: string }) {
  const entries = useOutbox((s) => s.entries);
  useEffect(() => refreshOutbox(), []);

  return (
    <section className="card" aria-labelledby="outbox-title" data-testid="outbox-panel">
      <h2 id="outbox-title">Outbox</h2>
      <p className="muted">While you are signed in, votes, decisions, membership changes and RSVPs count only once the server accepts them; until then they wait here.</p>
      {entries === null ? (
        <p className="muted">Loading the outbox…</p>
      ) : entries.length === 0 ? (
        <p data-testid="outbox-empty">Nothing waiting.</p>
      ) : (
        <ul className="outbox-list" data-testid="outbox-list">
          {entries.map((entry) => (
            <OutboxEntry key={entry.id} entry={entry} scope={scope} />
          ))}
        </ul>
      )}
    </section>
  );
}

const OutboxEntry = memo(function OutboxEntry({ entry, scope }: { entry: OutboxEntryView; scope: string }) {
  const [busy, setBusy] = useState(false);
  const dismiss = async () => {
    setBusy(true);
    const outcome = await perform(scope, 'outbox.dismiss', { id: entry.id });
    setBusy(false);
    if (outcome.ok) refreshOutbox();
  };
  const refused = entry.status === 'refused';
  return (
    <li className={`outbox-entry outbox-${entry.status}`} data-testid="outbox-entry" data-status={entry.status}>
      <div className="outbox-line">
        <span data-testid="outbox-entry-summary">{commandSummary(entry)}</span>
        <span className="muted small">{formatDateTime(entry.createdAt)}</span>
      </div>
      {refused ? (
        <div className="outbox-line">
          <span className="danger" data-testid="outbox-entry-status">
            refused by the server: <span data-testid="outbox-entry-reason">{entry.lastError ?? 'it gave no reason'}</span>
          </span>
          <button type="button" className="secondary" data-testid="outbox-dismiss" disabled={busy} onClick={() => void dismiss()}>
            Dismiss
          </button>
        </div>
      ) : (
        <div className="outbox-line">
          <span data-testid="outbox-entry-status">waiting to be sent</span>
          {entry.lastError && <span className="muted small">last attempt: {entry.lastError}</span>}
        </div>
      )}
    </li>
  );
});
