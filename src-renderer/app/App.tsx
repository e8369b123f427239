import { Spin } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { LoginPage } from '../features/session';
import { useDesk } from './desk-context';
import { messages } from '#shared/messages/zh-CN';

/**
 * The signed-in desk is its own chunk: the login form, the first thing anyone sees, does not wait for the pages
 * behind it to be loaded and parsed. Fetching it starts as soon as the login gate shows, while the person types.
 */
let loaded: typeof import('./Shell') | undefined;
const loadShell = () => import('./Shell').then((m) => (loaded = m));
const LazyShell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));

/** The login gate: nothing but the login page until the core says who is signed in. */
export function App() {
  const { session } = useDesk();
  useEffect(() => {
    void loadShell();
  }, []);
  if (session === undefined) return <Spin fullscreen tip={messages.shell.loading} />;
  if (session === null) return <LoginPage />;
  // Loaded while the person typed (the usual case): rendered straight away. Through Suspense it would commit no
  // sooner than 300 ms after its fallback showed (React's throttle for revealed content), rendered in slices.
  if (loaded) return <loaded.Shell key={session.user.id} />;
  return (
    <Suspense fallback={<Spin fullscreen tip={messages.shell.loading} />}>
      <LazyShell key={session.user.id} />
    </Suspense>
  );
}
