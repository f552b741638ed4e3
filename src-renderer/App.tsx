import { lazy, Suspense, useEffect } from 'react';
import { getApi, onReconnect } from './api/api';
import { Alerts } from './components/Alerts';
import { ConnectionBanner } from './components/ConnectionBanner';
import { OutboxBadge } from './components/OutboxBadge';
import { SyncIndicator } from './components/SyncIndicator';
import { TaskProgress } from './components/TaskProgress';
import { PaletteLauncher } from './search/PaletteLauncher';
import { homeHref, settingsHref, useRoute } from './router';
import BoardroomListScreen from './screens/BoardroomListScreen';
import { loadAppInfo, useAppInfo } from './state/app-info';
import { useSyncFocus } from './state/focus';
import { invalidate } from './state/live-queries';
import { watchOutbox } from './state/outbox';
import { watchSyncStatus } from './state/sync-status';

// Heavy screens are separate chunks; the home list stays in the initial one.
const BoardroomScreen = lazy(() => import('./screens/boardroom/BoardroomScreen'));
const MeetingScreen = lazy(() => import('./screens/meeting/MeetingScreen'));
const SettingsScreen = lazy(() => import('./screens/settings/SettingsScreen'));

export function App() {
  const route = useRoute();
  const info = useAppInfo((s) => s.info);
  useSyncFocus(route);

  useEffect(() => {
    loadAppInfo();
    const offChanged = getApi().on('changed', ({ tables }) => invalidate(tables));
    const offReconnect = onReconnect(() => invalidate('all'));
    const offSync = watchSyncStatus();
    const offOutbox = watchOutbox();
    return () => {
      offChanged();
      offReconnect();
      offSync();
      offOutbox();
    };
  }, []);

  return (
    <>
      <header className="app-header">
        <a className="brand" href={homeHref()} data-testid="nav-home">
          Boardroom
        </a>
        <div className="header-side">
          <PaletteLauncher />
          <SyncIndicator />
          <OutboxBadge />
          <a href={settingsHref()} className="header-link" data-testid="nav-settings" aria-current={route.name === 'settings' ? 'page' : undefined}>
            Settings
          </a>
          {info && (
            <span className="muted user" data-testid="current-user">
              {info.userName}
            </span>
          )}
        </div>
      </header>
      <ConnectionBanner />
      <TaskProgress />
      <Alerts />
      <Suspense fallback={<p className="screen muted">Loading…</p>}>
        {route.name === 'home' && <BoardroomListScreen />}
        {route.name === 'room' && <BoardroomScreen key={route.id} roomId={route.id} tab={route.tab} focus={route.focus} />}
        {route.name === 'meeting' && <MeetingScreen key={route.id} meetingId={route.id} focus={route.focus} />}
        {route.name === 'settings' && <SettingsScreen />}
        {route.name === 'not-found' && (
          <main className="screen">
            <h1>Not found</h1>
            <p>
              There is nothing at “{route.path}”. <a href={homeHref()}>Back to the boardrooms</a>
            </p>
          </main>
        )}
      </Suspense>
    </>
  );
}
