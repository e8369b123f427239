import type { Api, Settings } from '../../contract/api';
import { approvalActsOf } from '../../domain/approval';
import { DEFAULT_GROUP_THRESHOLD } from '../../domain/registration';
import type { DeskDatabase } from '../database';
import { deskId } from '../ids';
import { requireSession, type DeskContext } from '../context';
import { ApiError } from '../../contract/errors';
import { queryStorage } from '../read-all';

const settingsDoc = 'settings';
/** What the desk keeps itself; the approval acts are the county's (`approval.ts`), read from the directory. */
type Stored = Omit<Settings, 'deskId' | 'approvalActs'>;
const defaults: Stored = {
  dueSoonDays: 3,
  groupThreshold: DEFAULT_GROUP_THRESHOLD,
  serverUrl: '',
};

/** The desk's settings, with the approval acts that apply to `officeId` (the signed-in user's office). */
export async function readSettings(db: DeskDatabase, officeId?: string): Promise<Settings> {
  const [stored, offices] = await Promise.all([readStored(db), queryStorage(db.offices, { selector: {} })]);
  return { ...stored, approvalActs: approvalActsOf(offices, officeId), deskId: await deskId(db) };
}

/**
 * The one writer of the settings document: the fields `patch` defines, over what is stored. It tells nobody; a
 * caller whose change the renderer or sync must see emits `data-changed` for 'settings' (desk.ts restarts sync on it).
 */
export async function writeSettings(db: DeskDatabase, patch: Partial<Stored>): Promise<void> {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  await db.upsertLocal<Stored>(settingsDoc, { ...(await readStored(db)), ...defined });
}

async function readStored(db: DeskDatabase): Promise<Stored> {
  // A desk of an earlier version kept its own approval acts here: the county's setting replaces them.
  const {
    approvalActs: _formerlyLocal,
    deskId: _derived,
    ...kept
  } = ((await db.getLocal<Stored>(settingsDoc))?.toJSON().data ?? {}) as Partial<Settings>;
  return { ...defaults, ...kept };
}

export function settingsHandlers(ctx: DeskContext): Pick<Api, 'settings-get' | 'settings-set'> {
  return {
    'settings-get': async () => {
      requireSession(ctx);
      return ctx.settings();
    },
    async 'settings-set'(patch) {
      const session = requireSession(ctx);
      if (!session.user.roles.some((r) => r === 'admin' || r === 'approver')) throw new ApiError('forbidden');
      await writeSettings(ctx.db, patch);
      ctx.emitter.emit('data-changed', { collections: ['settings'] });
      return ctx.settings();
    },
  };
}
