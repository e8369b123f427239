import { Spin } from 'antd';
import { LoginPage } from '../features/session';
import { useDesk } from './desk-context';
import { messages } from './messages';
import { Shell } from './Shell';

/** The login gate: nothing but the login page until the core says who is signed in. */
export function App() {
  const { session } = useDesk();
  if (session === undefined) return <Spin fullscreen tip={messages.shell.loading} />;
  if (session === null) return <LoginPage />;
  return <Shell key={session.user.id} />;
}
