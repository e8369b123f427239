import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Session } from '#shared/contract/api';
import type { Transport } from '#shared/contract/transport';

/**
 * The desk as React sees it: the one Transport (chosen in transport.ts) and the signed-in session. Components get
 * both from here, never from `window`.
 */
interface DeskValue {
  readonly transport: Transport;
  /** undefined while loading, null when nobody is signed in. */
  readonly session: Session | null | undefined;
}

const DeskContext = createContext<DeskValue | undefined>(undefined);

export function DeskProvider({ transport, children }: { transport: Transport; children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const load = () =>
      transport.invoke('session-current', {}).then(
        (s) => live && setSession(s),
        () => live && setSession(null),
      );
    void load();
    const off = transport.on('data-changed', (change) => {
      if (change.collections.includes('session')) void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [transport]);
  return <DeskContext.Provider value={{ transport, session }}>{children}</DeskContext.Provider>;
}

export function useDesk(): DeskValue {
  const value = useContext(DeskContext);
  if (!value) throw new Error('useDesk outside DeskProvider');
  return value;
}

/** The signed-in session; only for components rendered after login. */
export function useSession(): Session {
  const { session } = useDesk();
  if (!session) throw new Error('useSession before login');
  return session;
}
