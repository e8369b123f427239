import { Spin } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { LoginPage } from '../features/session';
import { useDesk } from './desk-context';
import { messages } from './messages';

/**
 * The signed-in desk is its own chunk: the login form, the first thing anyone sees, does not wait for the pages
 * behind it to be loaded and parsed. Fetching it starts as soon as the login gate shows, while the person types.
 */
const loadShell = () => import('./Shell');
const Shell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));

/** The login gate: nothing but the login page until the core says who is signed in. */
export function App() {
  const { session } = useDesk();
  useEffect(() => {
    void loadShell();
  }, []);
  if (session === undefined) return <Spin fullscreen tip={messages.shell.loading} />;
  if (session === null) return <LoginPage />;
  return (
    <Suspense fallback={<Spin fullscreen tip={messages.shell.loading} />}>
      <Shell key={session.user.id} />
    </Suspense>
  );
}
