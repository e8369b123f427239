import type { Api, Settings } from '../../contract/api';
import { DEFAULT_GROUP_THRESHOLD } from '../../domain/registration';
import type { DeskDatabase } from '../database';
import { deskId } from '../ids';
import { requireSession, type DeskContext } from '../context';
import { ApiError } from '../../contract/errors';

const settingsDoc = 'settings';
type Stored = Omit<Settings, 'deskId'>;
const defaults: Stored = {
  dueSoonDays: 3,
  groupThreshold: DEFAULT_GROUP_THRESHOLD,
  serverUrl: '',
  // 第三十四条 (延期 by the 负责人) and the acts that end a matter for the petitioner.
  approvalActs: ['reject', 'no-further-acceptance', 'close', 'extend'],
};

export async function readSettings(db: DeskDatabase): Promise<Settings> {
  const stored = await db.getLocal<Stored>(settingsDoc);
  return { ...defaults, ...(stored?.toJSON().data ?? {}), deskId: await deskId(db) };
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
