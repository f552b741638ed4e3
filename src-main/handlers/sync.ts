import type { Handlers } from '../../src-shared/contract.js';
import { notFound } from '../../src-shared/errors.js';
import type { OutboxEntryView, SyncStatusView } from '../../src-shared/views.js';
import { readSetting, writeSetting } from '../identity.js';
import type { Outbox, OutboxEntry } from '../sync/outbox.js';
import type { Session } from '../sync/session.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import type { HandlerContext } from './context.js';

export interface SyncParts {
  session: Session;
  engine: SyncEngine;
  outbox: Outbox;
  /** Switches ledger commands between the local and the server's authority. */
  useServerAuthority(on: boolean): void;
  deviceName: string;
}

export function outboxView(entry: OutboxEntry): OutboxEntryView {
  const c = entry.command;
  const summary =
    c.kind === 'castVote' || c.kind === 'changeVote'
      ? `Vote "${c.option}"`
      : c.kind === 'rsvp'
        ? `RSVP "${c.response}"`
        : c.kind === 'openDecision'
          ? `Open decision "${c.motion.slice(0, 60)}"`
          : c.kind === 'addMember'
            ? `Add ${c.name} as ${c.role}`
            : c.kind;
  return { id: entry.id, kind: entry.kind, summary, createdAt: entry.createdAt, status: entry.status === 'refused' ? 'refused' : 'pending', lastError: entry.lastError };
}

export function syncStatusView(parts: SyncParts): SyncStatusView {
  return { ...parts.engine.status(), serverUrl: parts.session.serverUrl, user: parts.session.user };
}

export function syncHandlers(
  ctx: HandlerContext,
  parts: SyncParts,
): Pick<Handlers, 'sync.status' | 'sync.signIn' | 'sync.signOut' | 'sync.focus' | 'outbox.list' | 'outbox.dismiss'> {
  return {
    'sync.status': () => syncStatusView(parts),

    'sync.signIn': async ({ serverUrl, email, password }) => {
      const user = await parts.session.signIn(serverUrl.replace(/\/+$/, ''), email, password, parts.deviceName);
      // From now on the local user is the server's account. The personal workspace's id is kept so its
      // rooms can be uploaded with their owner mapped to this account.
      ctx.sqlite.transaction(() => {
        if (!readSetting(ctx.sqlite, 'personal_user_id')) writeSetting(ctx.sqlite, 'personal_user_id', ctx.me.userId);
        writeSetting(ctx.sqlite, 'user_id', user.id);
        writeSetting(ctx.sqlite, 'user_name', user.name);
        writeSetting(ctx.sqlite, 'user_email', user.email);
      })();
      Object.assign(ctx.me, { userId: user.id, name: user.name, email: user.email });
      parts.useServerAuthority(true);
      parts.engine.start();
      return syncStatusView(parts);
    },

    'sync.signOut': async () => {
      parts.engine.stop();
      await parts.session.signOut();
      parts.useServerAuthority(false);
      return syncStatusView(parts);
    },

    'sync.focus': ({ docIds }) => parts.engine.setFocus(docIds),

    'outbox.list': () => parts.outbox.open().map(outboxView),

    'outbox.dismiss': ({ id }) => {
      if (!parts.outbox.dismiss(id)) throw notFound('no refused command with that id (only refused commands can be dismissed)');
    },
  };
}
