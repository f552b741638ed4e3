// Settings: the sync server (sign in and out) and the outbox of commands waiting for it. Lazy: most
// sessions never open it.
import { useState, type FormEvent } from 'react';
import type { SyncStatusView } from '../../../src-shared/views';
import { syncStatusText } from '../../components/sync-text';
import { homeHref } from '../../router';
import { reloadAppInfo } from '../../state/app-info';
import { invalidate } from '../../state/live-queries';
import { refreshOutbox } from '../../state/outbox';
import { perform } from '../../state/perform';
import { isSignedIn, receiveStatusAnswer, statusEventsSoFar, useSyncStatus } from '../../state/sync-status';
import { OutboxPanel } from './OutboxPanel';

const SCOPE = 'settings';

/** After signing in or out the local user is someone else: everything on screen is stale. */
function identityChanged(status: SyncStatusView, eventsBefore: number): void {
  receiveStatusAnswer(status, eventsBefore);
  reloadAppInfo();
  invalidate('all');
  refreshOutbox();
}

export default function SettingsScreen() {
  const status = useSyncStatus((s) => s.status);
  return (
    <main className="screen" aria-labelledby="settings-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <a href={homeHref()}>Boardrooms</a> / <span>Settings</span>
      </nav>
      <header className="screen-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <section className="card" aria-labelledby="sync-title" data-testid="sync-settings">
        <h2 id="sync-title">Sync server</h2>
        <p data-testid="settings-sync-status">{status ? syncStatusText(status) : 'Asking the host…'}</p>
        {status?.message && isSignedIn(status) && (
          <p className="muted" data-testid="settings-sync-message">
            Last problem: {status.message}
          </p>
        )}
        {status && (isSignedIn(status) ? <SignedIn status={status} /> : <SignInForm status={status} />)}
      </section>
      <OutboxPanel scope={SCOPE} />
    </main>
  );
}

function SignedIn({ status }: { status: SyncStatusView }) {
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    const before = statusEventsSoFar();
    const outcome = await perform(SCOPE, 'sync.signOut', {});
    setBusy(false);
    if (outcome.ok) identityChanged(outcome.output, before);
  };
  return (
    <div className="signed-in">
      <p>
        Signed in as{' '}
        <strong data-testid="signed-in-user">
          {status.user ? `${status.user.name} (${status.user.email})` : 'an unknown user'}
        </strong>{' '}
        on <span data-testid="signed-in-server">{status.serverUrl ?? 'an unknown server'}</span>.
      </p>
      <p className="muted">Signing out keeps everything on this computer; changes made afterwards stay here until you sign in again.</p>
      <button type="button" className="secondary" data-testid="sign-out" disabled={busy} onClick={() => void signOut()}>
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}

function SignInForm({ status }: { status: SyncStatusView }) {
  // `null` until edited: the fields show the last server and account used, if any.
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [email, setEmail] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shownUrl = serverUrl ?? status.serverUrl ?? '';
  const shownEmail = email ?? status.user?.email ?? '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const before = statusEventsSoFar();
    // The host's refusal (wrong password, unreachable server) is shown as the page's alert too.
    const outcome = await perform(SCOPE, 'sync.signIn', { serverUrl: shownUrl.trim(), email: shownEmail, password });
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    setPassword('');
    identityChanged(outcome.output, before);
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Sign in to a sync server" data-testid="sign-in-form">
      <p data-testid="sign-in-explainer">
        Signing in uploads the boardrooms of this personal workspace that the server does not have yet (those you own), and from then on
        keeps them in sync with the server.
      </p>
      <div className="form-grid">
        <label>
          Server URL
          <input
            type="url"
            data-testid="sign-in-server"
            placeholder="https://sync.example.com"
            value={shownUrl}
            required
            maxLength={300}
            onChange={(e) => setServerUrl(e.target.value)}
          />
        </label>
        <label>
          Email
          <input
            type="email"
            data-testid="sign-in-email"
            autoComplete="username"
            value={shownEmail}
            required
            maxLength={200}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            data-testid="sign-in-password"
            autoComplete="current-password"
            value={password}
            required
            maxLength={500}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      </div>
      <button type="submit" data-testid="sign-in-submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {error && (
        <p className="form-error" data-testid="sign-in-error">
          {error}
        </p>
      )}
    </form>
  );
}
