import { memo, useState, type FormEvent } from 'react';
import type { ProjectionTable } from '../../../src-shared/docs/projection';
import type { Role } from '../../../src-shared/domain';
import type { MemberView } from '../../../src-shared/views';
import { newCommandId, perform, read } from '../../state/perform';
import { useRoomData } from '../../state/room-data';
import { useLiveQuery } from '../../state/use-live-query';

const TABLES: readonly ProjectionTable[] = ['boardroom_members', 'users'];
// The renderer imports only types from src-shared, so the role list is spelled out here.
const ROLES: readonly Role[] = ['owner', 'admin', 'member', 'observer'];

export function MembersTab({ roomId, manager, scope }: { roomId: string; manager: boolean; scope: string }) {
  const members = useRoomData((s) => s.members.get(roomId));
  useLiveQuery(`members:${roomId}`, TABLES, async () => {
    useRoomData.getState().receiveMembers(roomId, await read('members.list', { boardroomId: roomId }));
  });

  return (
    <div className="members-tab">
      {!members ? (
        <p className="muted">Loading members…</p>
      ) : (
        <table className="table" data-testid="member-list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              {manager && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {members
              .filter((m) => m.active)
              .map((m) => (
                <MemberRowView key={m.userId} member={m} roomId={roomId} manager={manager} scope={scope} />
              ))}
          </tbody>
        </table>
      )}
      {manager && <AddMemberForm roomId={roomId} scope={scope} />}
    </div>
  );
}

const MemberRowView = memo(function MemberRowView({
  member: m,
  roomId,
  manager,
  scope,
}: {
  member: MemberView;
  roomId: string;
  manager: boolean;
  scope: string;
}) {
  return (
    <tr data-testid="member-row" data-user-id={m.userId}>
      <td data-testid="member-name">{m.name}</td>
      <td className="muted" data-testid="member-email">
        {m.email}
      </td>
      <td>
        {manager ? (
          <select
            aria-label={`Role of ${m.name}`}
            data-testid="member-role-select"
            value={m.role}
            onChange={(e) =>
              void perform(scope, 'members.setRole', {
                commandId: newCommandId(),
                boardroomId: roomId,
                userId: m.userId,
                role: e.target.value as Role,
              })
            }
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        ) : (
          <span data-testid="member-role">{m.role}</span>
        )}
      </td>
      {manager && (
        <td className="cell-actions">
          <button
            type="button"
            className="secondary danger"
            data-testid="member-remove"
            aria-label={`Remove ${m.name}`}
            onClick={() => void perform(scope, 'members.remove', { commandId: newCommandId(), boardroomId: roomId, userId: m.userId })}
          >
            Remove
          </button>
        </td>
      )}
    </tr>
  );
});

function AddMemberForm({ roomId, scope }: { roomId: string; scope: string }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const outcome = await perform(scope, 'members.add', { commandId: newCommandId(), boardroomId: roomId, name, email, role });
    setBusy(false);
    if (outcome.ok) {
      setName('');
      setEmail('');
      setRole('member');
    }
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="add-member-title">
      <h2 id="add-member-title">Add a member</h2>
      <div className="form-grid">
        <label>
          Name
          <input data-testid="add-member-name" value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Email
          <input type="email" data-testid="add-member-email" value={email} required maxLength={200} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Role
          <select data-testid="add-member-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="submit" data-testid="add-member-submit" disabled={busy}>
        Add member
      </button>
    </form>
  );
}
