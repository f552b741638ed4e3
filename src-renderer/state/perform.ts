// Every change goes through here: counted by the save indicator of its screen, its refusal shown
// as an alert. Nothing is applied optimistically: the host's `changed` event refetches what the
// screen shows, so a refused change leaves nothing behind to undo. A ledger command made while
// signed in comes back `{queued: true}`: it waits in the outbox, and the indicator says so.
import type { HandlerName, Input, Output } from '../../src-shared/contract';
import { getApi } from '../api/api';
import { messageOf } from '../api/api-error';
import { pushAlert } from './alerts';
import { refreshOutbox } from './outbox';
import { useSaves } from './saves';

export type Outcome<T> = { ok: true; output: T } | { ok: false; message: string };

export async function perform<K extends HandlerName>(scope: string, name: K, input: Input<K>): Promise<Outcome<Output<K>>> {
  const saves = useSaves.getState();
  saves.begin(scope);
  try {
    const output = await getApi().call(name, input);
    const queued = isQueued(output);
    useSaves.getState().end(scope, true, queued);
    if (queued) refreshOutbox();
    return { ok: true, output };
  } catch (error) {
    useSaves.getState().end(scope, false);
    const message = messageOf(error);
    pushAlert(message);
    return { ok: false, message };
  }
}

/** A CommandResult that says the command waits in the outbox for the sync server. */
export const isQueued = (output: unknown): boolean =>
  typeof output === 'object' && output !== null && (output as { queued?: unknown }).queued === true;

/** Reads report failures as alerts too, but never touch the save indicator. */
export async function read<K extends HandlerName>(name: K, input: Input<K>): Promise<Output<K>> {
  try {
    return await getApi().call(name, input);
  } catch (error) {
    pushAlert(messageOf(error));
    throw error;
  }
}

export const newCommandId = (): string => crypto.randomUUID();
