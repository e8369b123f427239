import type { Api } from '../../contract/api';
import type { DeskDatabase } from '../database';
import { requireSession, type DeskContext } from '../context';

/**
 * Intake drafts (个人信息保护法; a 检举控告's text, 第三十条第三款): what a user has typed but not saved lives in the
 * desk's own database — encrypted with it on the desktop, never in the browser's storage — under that user's id,
 * so another user signing in at the same desk never sees it. Logging out and saving the intake delete it.
 *
 * Writes go through the desk's serial queue, as registrations do: a draft written before a registration cannot
 * land after the registration has deleted it and bring a saved intake back to be registered twice.
 */
export function draftHandlers(ctx: DeskContext): Pick<Api, 'draft-get' | 'draft-save' | 'draft-clear'> {
  return {
    async 'draft-get'() {
      const { user } = requireSession(ctx);
      const doc = await ctx.db.drafts.findOne(user.id).exec();
      return doc ? { form: doc.toMutableJSON().form, savedAt: doc.savedAt } : null;
    },

    async 'draft-save'({ form }) {
      const { user } = requireSession(ctx);
      await ctx.serial(() => ctx.db.drafts.upsert({ userId: user.id, savedAt: ctx.now().toISOString(), form }));
      return null;
    },

    async 'draft-clear'() {
      const { user } = requireSession(ctx);
      await ctx.serial(() => discardDraft(ctx.db, user.id));
      return null;
    },
  };
}

/**
 * Deletes a user's draft, if there is one (logout, a saved intake). RxDB keeps a deleted document's fields in its
 * tombstone: the form is emptied in the same write, so nothing typed stays behind.
 */
export async function discardDraft(db: DeskDatabase, userId: string): Promise<void> {
  const doc = await db.drafts.findOne(userId).exec();
  await doc?.incrementalModify((data) => ({ ...data, form: {}, _deleted: true }));
}
