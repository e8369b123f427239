import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '#shared/contract/events';
import { useDesk } from './desk-context';

export interface SyncView {
  /** undefined until the core answered (or when it has no sync at all). */
  readonly status: SyncStatus | undefined;
  readonly busy: boolean;
  syncNow(): void;
}

/**
 * The sync state as the top bar shows it: read once, then kept current by `sync-status-changed` events (being
 * offline is a status, never an error dialog). A core without sync leaves the status undefined.
 */
export function useSyncStatus(): SyncView {
  const { transport } = useDesk();
  const [status, setStatus] = useState<SyncStatus | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    const off = transport.on('sync-status-changed', (s) => live && setStatus(s));
    transport.invoke('sync-status', {}).then(
      (s) => live && setStatus((current) => current ?? s),
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [transport]);
  const syncNow = useCallback(() => {
    setBusy(true);
    transport
      .invoke('sync-now', {})
      .then(setStatus, () => undefined)
      .finally(() => setBusy(false));
  }, [transport]);
  return { status, busy, syncNow };
}
