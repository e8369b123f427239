import type { Api, ApiParsedArgs, Session, Settings } from '../contract/api';
import { ApiError } from '../contract/errors';
import type { ServerIdentity } from '../sync/protocol';
import type { SyncStatus } from '../contract/events';
import type { DeskDatabase } from './database';
import type { CoreEmitter } from './emitter';
import { writeSettings } from './handlers/settings';
import { DeskReplication, type CatchUp, type RetryPolicy } from './replication';
import {
  presentedIdentity,
  sameIdentity,
  SyncClient,
  SyncFailure,
  type DeviceState,
  type FetchLike,
  type SyncTimeouts,
} from './replication-client';
import { SerialQueue } from './serial';

/** What the platform gives the desk core's sync: its `fetch`, and the retry and deadline policies. */
export interface SyncOptions {
  /** The platform's fetch (Node's in Electron main, the browser's in the web worker). */
  readonly fetch: FetchLike;
  readonly retry?: RetryPolicy;
  /** Deadlines on a silent county (tests shorten them). */
  readonly timeouts?: SyncTimeouts;
}

const deviceDoc = 'sync-device';
const disabled: SyncStatus = { state: 'disabled', pending: 0 };

/**
 * Sync as the desk core runs it: replication starts when a server is configured and this desk is enrolled, stops
 * when the server setting is cleared, and the `sync-*` handlers enrol the desk, report the status and sync now.
 */
export class SyncController {
  private replication: DeskReplication | undefined;
  private status: SyncStatus = disabled;
  /** Starts, restarts and stops of replication, one at a time. */
  private readonly changes = new SerialQueue();
  private runningFor: string | undefined;

  constructor(
    private readonly db: DeskDatabase,
    private readonly now: () => Date,
    private readonly emitter: CoreEmitter,
    private readonly settings: () => Promise<Settings>,
    private readonly catchUp: CatchUp,
    private readonly options: SyncOptions | undefined,
  ) {}

  get current(): SyncStatus {
    return this.status;
  }

  /** Starts, restarts or stops replication to match the settings and the enrolment (one change at a time). */
  resume(): Promise<void> {
    return this.changes.run(() => this.apply());
  }

  private async apply(): Promise<void> {
    const { serverUrl } = await this.settings();
    const device = (await this.db.getLocal<DeviceState>(deviceDoc))?.toJSON().data;
    const wanted = this.options && serverUrl && device?.serverUrl === serverUrl ? device : undefined;
    if (this.replication && wanted?.deviceId === this.runningFor) return;
    await this.replication?.stop();
    this.replication = undefined;
    this.runningFor = undefined;
    if (!wanted || !this.options) {
      this.publish(serverUrl && this.options ? { state: 'offline', pending: 0, lastError: 'not-enrolled' } : disabled);
      return;
    }
    const save = (d: DeviceState) => this.db.upsertLocal<DeviceState>(deviceDoc, { ...d }).then(() => undefined);
    const client = new SyncClient(this.options.fetch, { ...wanted }, this.now, save, this.options.timeouts);
    this.replication = new DeskReplication(
      this.db,
      client,
      this.now,
      (s) => this.publish(s),
      this.catchUp,
      this.options.retry,
    );
    this.runningFor = wanted.deviceId;
    // The new replication's own status, not the last one of the replaced device (a re-enrolled desk does not
    // show why the old enrolment stopped).
    this.publish(this.replication.current);
    this.replication.start();
  }

  /**
   * Enrols this desk with the county server using a user's password (design.md §5), then starts syncing. Who may:
   * anyone at a fresh desk — never enrolled, no 信访 records — which pins the county it meets; on
   * any other desk a signed-in 负责人 or 管理员 only. A server that is not the pinned county is refused before the
   * password is sent, unless `replaceServer` says the 负责人 means to change county, and then only once everything
   * this desk recorded has reached the county it belongs to (nothing of it is lost to that county).
   */
  async enrol(
    { login, password, deviceName, serverUrl: newServerUrl, replaceServer }: ApiParsedArgs<'sync-enrol'>,
    session: Session | undefined,
  ): Promise<SyncStatus> {
    const current = await this.settings();
    const serverUrl = newServerUrl ?? current.serverUrl;
    const deskId = current.deskId;
    if (!serverUrl || !this.options)
      throw new ApiError('invalid-arguments', [{ code: 'invalid-arguments', field: 'serverUrl' }]);
    const device = (await this.db.getLocal<DeviceState>(deviceDoc))?.toJSON().data;
    await this.authoriseEnrolment(device, session);
    try {
      const server = await presentedIdentity(this.options.fetch, serverUrl);
      if (device && !isPinnedCounty(device, server, serverUrl)) await this.allowNewCounty(replaceServer ?? false);
      const tokens = await SyncClient.enrol(this.options.fetch, serverUrl, {
        login,
        password,
        deviceName: deviceName || `desk ${deskId}`,
      });
      await this.db.upsertLocal<DeviceState>(deviceDoc, {
        serverUrl,
        deviceId: tokens.deviceId,
        officeId: tokens.officeId,
        refreshToken: tokens.refreshToken,
        server,
      });
      // A first start has no users to log in with yet: the server's password check authorises setting its address.
      if (serverUrl !== current.serverUrl) {
        await writeSettings(this.db, { serverUrl });
        this.emitter.emit('data-changed', { collections: ['settings'] });
      }
    } catch (error) {
      if (!(error instanceof SyncFailure)) throw error;
      if (error.code === 'login-failed') throw new ApiError('login-failed');
      if (error.code === 'login-rate-limited') throw new ApiError('login-locked');
      if (error.code === 'user-disabled') throw new ApiError('user-disabled');
      if (error.code === 'server-identity-mismatch') throw new ApiError('server-identity-mismatch');
      // Offline is a status, never an error dialog.
      this.publish({
        state: error.code === 'server-unreachable' ? 'offline' : 'error',
        pending: 0,
        lastError: error.code,
      });
      return this.status;
    }
    await this.resume();
    return this.status;
  }

  /** A fresh desk enrols as anyone the server knows; any other only by a signed-in 负责人 or 管理员. */
  private async authoriseEnrolment(device: DeviceState | undefined, session: Session | undefined): Promise<void> {
    if (!device && !(await holdsRecords(this.db))) return;
    if (!session?.user.roles.some((r) => r === 'approver' || r === 'admin')) throw new ApiError('enrol-needs-approver');
  }

  /**
   * Another county only on purpose, and only with nothing of this desk's still on its way to the old one: what
   * waits (the 负责人's own login is audited, for one) is pushed to it first, and a county out of reach refuses.
   */
  private async allowNewCounty(replaceServer: boolean): Promise<void> {
    if (!replaceServer) throw new ApiError('server-identity-changed');
    await this.syncNow();
    const unsynced = await this.replication?.unsynced();
    if (unsynced !== 0) throw new ApiError('unsynced-data');
  }

  async syncNow(): Promise<SyncStatus> {
    await this.resume();
    return this.replication ? this.replication.syncNow() : this.status;
  }

  /** Resolves when every collection has caught up (tests). */
  async awaitInSync(): Promise<void> {
    await this.changes.idle();
    await this.replication?.awaitInSync();
  }

  async stop(): Promise<void> {
    await this.changes.idle();
    await this.replication?.stop();
    this.replication = undefined;
  }

  private publish(status: SyncStatus): void {
    this.status = status;
    this.emitter.emit('sync-status-changed', status);
  }
}

/**
 * The device's county: the identity it pinned, or — on a desk enrolled before identities existed — the address it
 * was enrolled with.
 */
function isPinnedCounty(device: DeviceState, server: ServerIdentity, serverUrl: string): boolean {
  return device.server ? sameIdentity(device.server, server) : device.serverUrl === serverUrl;
}

/** Whether the desk holds any 信访 records (what a stranger's server must never receive). */
async function holdsRecords(db: DeskDatabase): Promise<boolean> {
  const found = await Promise.all([
    db.petitioners.findOne().exec(),
    db.petitions.findOne().exec(),
    db.case_events.findOne().exec(),
  ]);
  return found.some((doc) => doc !== null);
}

export function syncHandlers(
  sync: SyncController,
  session: () => Session | undefined,
): Pick<Api, 'sync-status' | 'sync-now' | 'sync-enrol'> {
  return {
    'sync-status': async () => sync.current,
    'sync-now': () => sync.syncNow(),
    'sync-enrol': (args) => sync.enrol(args, session()),
  };
}
