import type { SyncErrorCode } from '../sync/protocol';

/**
 * Events the desk core emits to the renderer (style.md, "The contract"); names are past tense. The renderer
 * re-reads what it shows when `data-changed` names a collection it uses.
 */

export type DataCollection =
  'cases' | 'petitions' | 'petitioners' | 'case_events' | 'offices' | 'users' | 'calendars' | 'settings' | 'session';

export interface DataChanged {
  readonly collections: readonly DataCollection[];
  /** The matters touched, when known: a matter page re-reads only when its own id is here. */
  readonly caseIds?: readonly string[];
}

/** Sync with the county server, as the top bar shows it. Being offline is a status, never an error dialog. */
export interface SyncStatus {
  readonly state: 'disabled' | 'online' | 'offline' | 'syncing' | 'error';
  /** Local changes not yet accepted by the server. */
  readonly pending: number;
  readonly lastSuccessAt?: string;
  /** Why the last sync did not go through; the top bar shows its text from the catalogue. */
  readonly lastError?: SyncErrorCode;
  /** The desk clock differs from the server's by more than a few minutes (design.md §3). */
  readonly clockDriftMs?: number;
}

export interface CoreEvents {
  'data-changed': DataChanged;
  'sync-status-changed': SyncStatus;
}

export type CoreEventName = keyof CoreEvents;
export const coreEventNames: readonly CoreEventName[] = ['data-changed', 'sync-status-changed'];
