import type { Handlers } from '../../src-shared/contract.js';
import { notFound } from '../../src-shared/errors.js';
import { RUM_PATH } from '../../src-shared/sync/rum.js';
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
          : c.kind === 'closeDecision'
            ? 'Close a decision'
            : c.kind === 'addMember'
              ? `Add ${c.name} as ${c.role}`
              : c.kind === 'setRole'
                ? `Change a member's role to ${c.role}`
                : 'Remove a member';
  return { id: entry.id, kind: entry.kind, summary, createdAt: entry.createdAt, status: entry.status === 'refused' ? 'refused' : 'pending', lastError: entry.lastError };
}

export function syncStatusView(parts: SyncParts): SyncStatusView {
  const signedIn = parts.session.signedIn;
  // The server URL stays after signing out, so signing in again starts from it.
  return { ...parts.engine.status(), signedIn, serverUrl: parts.session.serverUrl, user: signedIn ? parts.session.user : null };
}

export function syncHandlers(
  ctx: HandlerContext,
  parts: SyncParts,
): Pick<Handlers, 'sync.status' | 'sync.signIn' | 'sync.signOut' | 'sync.focus' | 'outbox.list' | 'outbox.dismiss' | 'rum.report'> {
  return {
    'sync.status': () => syncStatusView(parts),

    'sync.signIn': async ({ serverUrl, email, password }) => {
      const user = await parts.session.signIn(serverUrl.replace(/\/+$/, ''), email, password, parts.deviceName);
      // From now on the local user is the server's account. The personal workspace's id is kept so its
      // rooms can be uploaded with their owner mapped to this account.
      ctx.sqlite.transaction(() => {
        if (!readSetting(ctx.sqlite, 'personal_user_id')) {
          writeSetting(ctx.sqlite, 'personal_user_id', ctx.me.userId);
          writeSetting(ctx.sqlite, 'personal_user_name', ctx.me.name);
          writeSetting(ctx.sqlite, 'personal_user_email', ctx.me.email);
        }
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
      // Tokens first, then the engine: the status the engine announces as it stops is "signed out".
      await parts.session.signOut();
      parts.useServerAuthority(false);
      parts.engine.stop();
      // Back to the personal workspace's own user; what was synced stays on this device.
      const personal = readSetting(ctx.sqlite, 'personal_user_id');
      if (personal) {
        const name = readSetting(ctx.sqlite, 'personal_user_name') ?? ctx.me.name;
        const email = readSetting(ctx.sqlite, 'personal_user_email') ?? ctx.me.email;
        ctx.sqlite.transaction(() => {
          writeSetting(ctx.sqlite, 'user_id', personal);
          writeSetting(ctx.sqlite, 'user_name', name);
          writeSetting(ctx.sqlite, 'user_email', email);
        })();
        Object.assign(ctx.me, { userId: personal, name, email });
      }
      return syncStatusView(parts);
    },

    'sync.focus': ({ docIds }) => parts.engine.setFocus(docIds),

    'outbox.list': () => parts.outbox.open().map(outboxView),

    'outbox.dismiss': ({ id }) => {
      if (!parts.outbox.dismiss(id)) throw notFound('no refused command with that id (only refused commands can be dismissed)');
      parts.engine.notify();
    },
  
    // Paint timings go to the sync server's real-user monitoring when signed in; offline they are
    // dropped (a stale paint time says nothing useful later). A failure never reaches the user.
    'rum.report': async (report) => {
      if (!parts.session.signedIn) return { sent: false };
      try {
        const token = await parts.session.accessToken();
        await parts.session.api().request('POST', RUM_PATH, { ...report, appVersion: ctx.version }, token);
        return { sent: true };
      } catch {
        return { sent: false };
      }
    },
  };
}
