import type { Api, OfficeSummary, UserSummary } from '../../contract/api';
import { requireSession, type DeskContext } from '../context';

/**
 * The reference data the pages need by name: the county's offices, as the server replicates them (转送 and 交办
 * targets, 第二十二条; office names in lists and timelines), and the staff of the signed-in office (the 回避
 * picker, 第二十八条). Read from the local collections, so both work offline.
 */
export function directoryHandlers(ctx: DeskContext): Pick<Api, 'office-list' | 'user-list'> {
  return {
    async 'office-list'() {
      requireSession(ctx);
      const docs = await ctx.db.offices.find().exec(); // a county has tens of offices: sorted here, not by an index
      return docs
        .map(({ id, code, name, kind, parentId }): OfficeSummary => ({ id, code, name, kind, parentId }))
        .sort((a, b) => a.code.localeCompare(b.code));
    },

    async 'user-list'() {
      const session = requireSession(ctx);
      const docs = await ctx.db.users.find({ selector: { officeId: session.office.id } }).exec();
      return docs
        .map(({ id, name, roles, disabled }): UserSummary => ({ id, name, roles: [...roles], disabled }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
    },
  };
}
