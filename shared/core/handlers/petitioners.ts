import type { Api } from '../../contract/api';
import { ApiError } from '../../contract/errors';
import type { PetitionerDoc } from '../../domain/documents';
import { UNLISTED } from '../case-pages';
import { requireSession, today, type DeskContext } from '../context';
import { mayReadRestricted, maskPetitioner } from '../access';
import { summarise } from '../views';

/** The end of a prefix range in RxDB's (UTF-16) string order. */
const prefixEnd = (prefix: string) => `${prefix}\uffff`;

/**
 * What a search string most likely is: a 证件号码, a phone number, pinyin initials, or (Chinese) a name
 * (第十九条 the petitioner's 姓名、证件; repeat detection at the desk).
 */
export function searchField(query: string): 'idNumber' | 'phone' | 'nameInitials' | 'name' {
  const q = query.replace(/\s+/g, '');
  if (/^\d{6,17}[\dXx]?$/.test(q) && !/^1[3-9]\d{0,9}$/.test(q)) return 'idNumber';
  if (/^\+?\d{3,}$/.test(q)) return 'phone';
  if (/^[a-zA-Z]+$/.test(q)) return 'nameInitials';
  return 'name';
}

export function petitionerHandlers(ctx: DeskContext): Pick<Api, 'petitioner-search' | 'petitioner-get'> {
  return {
    async 'petitioner-search'({ query, limit = 20 }) {
      requireSession(ctx);
      const field = searchField(query);
      const q = query.replace(/\s+/g, '');
      const value = field === 'idNumber' ? q.toUpperCase() : field === 'nameInitials' ? q.toLowerCase() : field === 'phone' ? q.replace(/^\+?86/, '') : q;
      const docs = await ctx.db.petitioners.find({ selector: { [field]: { $gte: value, $lte: prefixEnd(value) } }, limit }).exec();
      return docs.map((d) => d.toMutableJSON());
    },

    async 'petitioner-get'({ id }) {
      const session = requireSession(ctx);
      const petitioner = await ctx.db.petitioners.findOne(id).exec();
      if (!petitioner) throw new ApiError('not-found');
      const [petitions, cases, settings] = await Promise.all([
        ctx.db.petitions.find({ selector: { petitionerIds: { $in: [id] } }, sort: [{ receivedAt: 'desc' }] }).exec(),
        ctx.db.cases.find({ selector: { 'projection.petitionerIds': { $in: [id] } } }).exec(),
        ctx.settings(),
      ]);
      const day = today(ctx);
      // A petitioner seen only through restricted matters the user may not read is shown masked.
      const readable = cases.length === 0 || cases.some((c) => mayReadRestricted(session, c.projection));
      const doc: PetitionerDoc = petitioner.toMutableJSON();
      // 作废 matters, and the petitions registered in them, leave the lists (第十九条).
      const voided = new Set(cases.filter((c) => c.status === UNLISTED).map((c) => c.id));
      return {
        petitioner: readable ? doc : maskPetitioner(doc),
        petitions: petitions.map((p) => p.toMutableJSON()).filter((p) => !voided.has(p.caseId) && (readable || !cases.some((c) => c.id === p.caseId && c.restricted))),
        cases: cases.filter((c) => !voided.has(c.id)).map((c) => summarise(c.projection, session, day, settings.dueSoonDays)),
      };
    },
  };
}
