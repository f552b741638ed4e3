import { lazy, Suspense, useEffect } from 'react';
import { getApi, onReconnect } from './api/api';
import { Alerts } from './components/Alerts';
import { ConnectionBanner } from './components/ConnectionBanner';
import { homeHref, useRoute } from './router';
import BoardroomListScreen from './screens/BoardroomListScreen';
import { loadAppInfo, useAppInfo } from './state/app-info';
import { invalidate } from './state/live-queries';

// Heavy screens are separate chunks; the home list stays in the initial one.
const BoardroomScreen = lazy(() => import('./screens/boardroom/BoardroomScreen'));
const MeetingScreen = lazy(() => import('./screens/meeting/MeetingScreen'));

export function App() {
  const route = useRoute();
  const info = useAppInfo((s) => s.info);

  useEffect(() => {
    loadAppInfo();
    const offChanged = getApi().on('changed', ({ tables }) => invalidate(tables));
    const offReconnect = onReconnect(() => invalidate('all'));
    return () => {
      offChanged();
      offReconnect();
    };
  }, []);

  return (
    <>
      <header className="app-header">
        <a className="brand" href={homeHref()} data-testid="nav-home">
          Boardroom
        </a>
        {info && (
          <span className="muted user" data-testid="current-user">
            {info.userName}
          </span>
        )}
      </header>
      <ConnectionBanner />
      <Alerts />
      <Suspense fallback={<p className="screen muted">Loading…</p>}>
        {route.name === 'home' && <BoardroomListScreen />}
        {route.name === 'room' && <BoardroomScreen key={route.id} roomId={route.id} tab={route.tab} />}
        {route.name === 'meeting' && <MeetingScreen key={route.id} meetingId={route.id} />}
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
