import { describe, expect, it } from 'vitest';
import type { OutboxEntryView } from '../../src-shared/views';
import { commandSummary, refusalMessage, refusedCount } from './outbox';
import { isQueued } from './perform';

const entry = (over: Partial<OutboxEntryView>): OutboxEntryView => ({
  id: 'c1',
  kind: 'castVote',
  summary: 'Vote "For"',
  createdAt: 0,
  status: 'refused',
  lastError: 'the deadline for this decision passed on 3 March at 17:00',
  ...over,
});

describe('outbox', () => {
  it('says whose command the server refused, and why', () => {
    expect(refusalMessage(entry({}))).toBe('Your vote "For" was refused by the server: the deadline for this decision passed on 3 March at 17:00');
    expect(refusalMessage(entry({ kind: 'rsvp', summary: 'RSVP "yes"', lastError: 'the meeting was cancelled' }))).toBe(
      'Your RSVP "yes" was refused by the server: the meeting was cancelled',
    );
    expect(refusalMessage(entry({ kind: 'openDecision', summary: 'Open decision "Approve the budget"', lastError: 'you are an observer' }))).toBe(
      'Open decision "Approve the budget" was refused by the server: you are an observer',
    );
    expect(refusalMessage(entry({ lastError: null }))).toBe('Your vote "For" was refused by the server: it gave no reason');
  });

  it('names the commands the host summarises only by their kind', () => {
    expect(commandSummary(entry({ kind: 'closeDecision', summary: 'closeDecision' }))).toBe('Close voting on a decision');
    expect(commandSummary(entry({ kind: 'setRole', summary: 'setRole' }))).toBe('Change a member’s role');
    expect(commandSummary(entry({ kind: 'somethingNew', summary: 'somethingNew' }))).toBe('somethingNew');
    expect(commandSummary(entry({ kind: 'addMember', summary: 'Add Bo as member' }))).toBe('Add Bo as member');
  });

  it('counts refused entries for the header badge', () => {
    expect(refusedCount(null)).toBe(0);
    expect(refusedCount([entry({ id: 'a' }), entry({ id: 'b', status: 'pending' }), entry({ id: 'c' })])).toBe(2);
  });

  it('recognises a command the host queued for the server', () => {
    expect(isQueued({ commandId: 'c', replayed: false, queued: true })).toBe(true);
    expect(isQueued({ commandId: 'c', replayed: false })).toBe(false);
    expect(isQueued(null)).toBe(false);
    expect(isQueued(undefined)).toBe(false);
  });
});
