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
  const [stored, offices] = await Promise.all([db.getLocal<Stored>(settingsDoc), queryStorage(db.offices, { selector: {} })]);
  // A desk of an earlier version kept its own approval acts here: the county's setting replaces them.
  const { approvalActs: _formerlyLocal, ...kept } = (stored?.toJSON().data ?? {}) as Partial<Settings>;
  return { ...defaults, ...kept, approvalActs: approvalActsOf(offices, officeId), deskId: await deskId(db) };
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
      const { deskId: _desk, ...current } = await ctx.settings();
      const next: Stored = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      await ctx.db.upsertLocal<Stored>(settingsDoc, next);
      ctx.emitter.emit('data-changed', { collections: ['settings'] });
      return ctx.settings();
    },
  };
}
