import type { RsvpResponse } from '../../../src-shared/domain';
import { newCommandId, perform } from '../../state/perform';

const RESPONSES: { value: RsvpResponse; label: string }[] = [
  { value: 'yes', label: 'Attending' },
  { value: 'maybe', label: 'Maybe' },
  { value: 'no', label: 'Not attending' },
];

export function Rsvp({ meetingId, current, scope }: { meetingId: string; current: RsvpResponse | null; scope: string }) {
  return (
    <div className="rsvp" role="group" aria-label="Your response">
      <span className="muted">Will you attend?</span>
      {RESPONSES.map((r) => (
        <button
          key={r.value}
          type="button"
          className={current === r.value ? 'primary' : 'secondary'}
          aria-pressed={current === r.value}
          data-testid={`rsvp-${r.value}`}
          onClick={() => void perform(scope, 'meetings.rsvp', { commandId: newCommandId(), meetingId, response: r.value })}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}
