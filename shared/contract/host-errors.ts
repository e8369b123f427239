/**
 * Failures of the desktop app's host (Electron main) that never cross the transport: main shows them by code, and
 * the person at the desk reads the catalogue's text (`startupFailureText`, `deskHostErrorText` in
 * shared/messages/codes.ts). The codes live here because the catalogue, in shared/, is keyed by them.
 */

/** Why the database key (src-main/electron/database-key.ts) cannot be had. */
export type DatabaseKeyErrorCode =
  /** No operating-system key store: the key cannot be kept safely. */
  | 'encryption-unavailable'
  /** The key file is damaged, or was written by another Windows account or machine. */
  | 'key-unreadable'
  /** A database exists but its key file is gone: a new key would never open it. */
  | 'key-missing';

/** Why the app cannot start: a key problem, or any other failure, read as a database that did not open. */
export type StartupFailureCode = DatabaseKeyErrorCode | 'database-open-failed';

/** Why the desk core's process failed, as the desk host (src-main/desk-host) reports it. */
export type DeskHostErrorCode = 'desk-core-exited' | 'desk-core-close-timeout' | 'desk-core-close-failed';
