// Home: the boardrooms of this workspace. In the initial chunk: it is the first thing painted.
import { memo, useEffect, useState, type FormEvent } from 'react';
import type { ProjectionTable } from '../../src-shared/docs/projection';
import { formatDateTime } from '../components/format';
import { SaveIndicator } from '../components/SaveIndicator';
import { roomHref } from '../router';
import { useBoardrooms } from '../state/boardrooms';
import { perform, read } from '../state/perform';
import { useLiveQuery } from '../state/use-live-query';

const TABLES: readonly ProjectionTable[] = ['boardrooms', 'boardroom_members', 'meetings', 'users'];
const SCOPE = 'home';

let painted = false;
function markFirstPaint(): void {
  if (painted) return;
  painted = true;
  // After the frame that shows the rows, not before it.
  requestAnimationFrame(() => setTimeout(() => performance.mark('first-list-painted'), 0));
}

export default function BoardroomListScreen() {
  const includeArchived = useBoardrooms((s) => s.includeArchived);
  const ids = useBoardrooms((s) => s.listIds);
  const loaded = useBoardrooms((s) => s.listLoaded);

  useLiveQuery(`boardrooms:${includeArchived}`, TABLES, async () => {
    const list = await read('boardrooms.list', { includeArchived });
    useBoardrooms.getState().receiveList(list);
  });

  useEffect(() => {
    if (loaded && ids.length > 0) markFirstPaint();
  }, [loaded, ids]);

  return (
    <main className="screen" aria-labelledby="home-title">
      <header className="screen-header">
        <h1 id="home-title">Boardrooms</h1>
        <SaveIndicator scope={SCOPE} />
      </header>
      <div className="toolbar-row">
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="show-archived"
            checked={includeArchived}
            onChange={(e) => useBoardrooms.getState().setIncludeArchived(e.target.checked)}
          />
          Show archived
        </label>
      </div>
      {!loaded ? (
        <p className="muted">Loading boardrooms…</p>
      ) : ids.length === 0 ? (
        <p className="muted">No boardrooms yet. Create the first one below.</p>
      ) : (
        <ul className="boardroom-list" data-testid="boardroom-list">
          {ids.map((id) => (
            <BoardroomRowView key={id} id={id} />
          ))}
        </ul>
      )}
      {/* With the list, not before it: a form the list then pushes down is a layout shift (CLS). */}
      {loaded && <CreateBoardroomForm />}
    </main>
  );
}

const BoardroomRowView = memo(function BoardroomRowView({ id }: { id: string }) {
  const b = useBoardrooms((s) => s.byId.get(id));
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState('');
  if (!b) return null;
  const manager = b.myRole === 'owner' || b.myRole === 'admin';

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    const outcome = await perform(SCOPE, 'boardrooms.update', { id, name });
    if (outcome.ok) setRenaming(false);
  };

  return (
    <li className={`boardroom-row card${b.active ? '' : ' archived'}`} data-testid="boardroom-row" data-boardroom-id={id}>
      <div className="boardroom-main">
        {renaming ? (
          <form className="inline-form" onSubmit={rename}>
            <input
              aria-label="Boardroom name"
              data-testid="boardroom-rename-input"
              value={name}
              maxLength={120}
              required
              autoFocus
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" data-testid="boardroom-rename-save">
              Save
            </button>
            <button type="button" className="secondary" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <h2 className="boardroom-name">
            <a href={roomHref(id)} data-testid="boardroom-open">
              <span data-testid="boardroom-name">{b.name}</span>
            </a>
            {!b.active && <span className="badge">Archived</span>}
          </h2>
        )}
        {b.description && <p className="muted boardroom-description">{b.description}</p>}
        <dl className="facts">
          <div>
            <dt>My role</dt>
            <dd data-testid="boardroom-role">{b.myRole ?? 'none'}</dd>
          </div>
          <div>
            <dt>Members</dt>
            <dd data-testid="boardroom-member-count">{b.memberCount}</dd>
          </div>
          <div>
            <dt>Next meeting</dt>
            <dd data-testid="boardroom-next-meeting">{b.nextMeetingAt === null ? 'None scheduled' : formatDateTime(b.nextMeetingAt)}</dd>
          </div>
          <div>
            <dt>Upcoming</dt>
            <dd data-testid="boardroom-upcoming-count">{b.upcomingCount}</dd>
          </div>
        </dl>
      </div>
      {manager && !renaming && (
        <div className="row-actions">
          <button
            type="button"
            className="secondary"
            data-testid="boardroom-rename"
            onClick={() => {
              setName(b.name);
              setRenaming(true);
            }}
          >
            Rename
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="boardroom-archive"
            onClick={() => void perform(SCOPE, 'boardrooms.archive', { id, archived: b.active })}
          >
            {b.active ? 'Archive' : 'Unarchive'}
          </button>
        </div>
      )}
    </li>
  );
});

function CreateBoardroomForm() {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const outcome = await perform(SCOPE, 'boardrooms.create', { name, description });
    setBusy(false);
    if (outcome.ok) {
      setName('');
      setDescription('');
    }
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="create-boardroom-title">
      <h2 id="create-boardroom-title">New boardroom</h2>
      <label>
        Name
        <input data-testid="create-boardroom-name" value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Description
        <textarea
          data-testid="create-boardroom-description"
          value={description}
          maxLength={5000}
          rows={2}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <button type="submit" data-testid="create-boardroom-submit" disabled={busy}>
        Create boardroom
      </button>
    </form>
  );
}
