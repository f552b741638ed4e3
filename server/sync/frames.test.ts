// An update that adds nothing is not stored again; one that deletes something still alive is.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeReason, isEmptyUpdate } from './frames.js';

describe('isEmptyUpdate', () => {
  it('tells resent history from a real change, deletions included', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getText('minutes').insert(0, 'Minutes of the meeting');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const diff = () => Y.diffUpdate(Y.encodeStateAsUpdate(client), Y.encodeStateVector(server));
    expect(isEmptyUpdate(diff(), server)).toBe(true);

    client.getText('minutes').delete(0, 8);
    expect(isEmptyUpdate(diff(), server)).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    expect(isEmptyUpdate(diff(), server)).toBe(true);

    client.getText('minutes').insert(0, 'Draft ');
    expect(isEmptyUpdate(diff(), server)).toBe(false);
  });

  it('keeps close reasons within the 123 bytes WebSocket allows', () => {
    const reason = closeReason(`you are no longer a member of "${'Ä'.repeat(200)}"`);
    expect(new TextEncoder().encode(reason).byteLength).toBeLessThanOrEqual(123);
    expect(reason.endsWith('...')).toBe(true);
    expect(closeReason('short')).toBe('short');
  });
});
