import type { Api } from '../../contract/api';
import { ApiError } from '../../contract/errors';
import type { PetitionerDoc } from '../../domain/documents';
import { UNLISTED } from '../case-pages';
import { editPetitioner } from '../../domain/petitioner-edit';
import { requireSession, today, type DeskContext } from '../context';
import { mayReadPetitioner, maskPetitioner } from '../access';
import { summarise } from '../views';
import { nameInitials } from './petitions';

/** Entries of a 信访人's history kept on the record (design.md §2; the schema's limit). */
const HISTORY_LIMIT = 100;

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

export function petitionerHandlers(
  ctx: DeskContext,
): Pick<Api, 'petitioner-search' | 'petitioner-get' | 'petitioner-update'> {
  return {
    /** Finds 信访人 by 证件号码, phone or name; never one the user may not read (第三十条第三款: an accuser is not offered). */
    async 'petitioner-search'({ query, limit = 20 }) {
      const session = requireSession(ctx);
      const field = searchField(query);
      const q = query.replace(/\s+/g, '');
      const value =
        field === 'idNumber'
          ? q.toUpperCase()
          : field === 'nameInitials'
            ? q.toLowerCase()
            : field === 'phone'
              ? q.replace(/^\+?86/, '')
              : q;
      const docs = await ctx.db.petitioners
        .find({ selector: { [field]: { $gte: value, $lte: prefixEnd(value) } }, limit })
        .exec();
      const cases = await ctx.db.cases
        .find({ selector: { 'projection.petitionerIds': { $in: docs.map((d) => d.id) } } })
        .exec();
      const casesOf = (id: string) =>
        cases.filter((c) => c.projection.petitionerIds.includes(id)).map((c) => c.projection);
      return docs.filter((d) => mayReadPetitioner(session, casesOf(d.id))).map((d) => d.toMutableJSON());
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
      const readable = mayReadPetitioner(
        session,
        cases.map((c) => c.projection),
      );
      const doc: PetitionerDoc = petitioner.toMutableJSON();
      // 作废 matters, and the petitions registered in them, leave the lists (第十九条).
      const voided = new Set(cases.filter((c) => c.status === UNLISTED).map((c) => c.id));
      return {
        petitioner: readable ? doc : maskPetitioner(doc),
        petitions: petitions
          .map((p) => p.toMutableJSON())
          .filter((p) => !voided.has(p.caseId) && (readable || !cases.some((c) => c.id === p.caseId && c.restricted))),
        cases: cases
          .filter((c) => !voided.has(c.id))
          .map((c) => summarise(c.projection, session, day, settings.dueSoonDays)),
        masked: !readable,
      };
    },

    /**
     * 更正信访人信息 (第十九条 如实记录): checked as at the intake; the values replaced stay in the history with
     * who changed them and why. One at a time on the serial queue, like the registrations that update records.
     */
    async 'petitioner-update'({ id, changes, reason }) {
      const session = requireSession(ctx);
      if (!session.user.roles.some((role) => role !== 'admin')) throw new ApiError('forbidden');
      return ctx.serial(async () => {
        const record = await ctx.db.petitioners.findOne(id).exec();
        if (!record) throw new ApiError('not-found');
        const cases = await ctx.db.cases.find({ selector: { 'projection.petitionerIds': { $in: [id] } } }).exec();
        if (
          !mayReadPetitioner(
            session,
            cases.map((c) => c.projection),
          )
        )
          throw new ApiError('forbidden');
        const before: PetitionerDoc = record.toMutableJSON();
        const edit = editPetitioner(before, changes, today(ctx));
        if (!edit.ok) {
          const problems = edit.problems.map((p) => ({ code: p.reason, field: `changes.${p.field}` }));
          throw new ApiError(edit.problems[0]?.reason ?? 'invalid-arguments', problems);
        }
        if (Object.keys(edit.previous).length === 0) return { petitioner: before };
        if (edit.contact.idNumber && edit.contact.idNumber !== before.idNumber) {
          const holder = await ctx.db.petitioners.findOne({ selector: { idNumber: edit.contact.idNumber } }).exec();
          if (holder && holder.id !== id)
            throw new ApiError('id-number-taken', [{ code: 'id-number-taken', field: 'changes.idNumber' }]);
        }
        const now = ctx.now().toISOString();
        const { id: _id, kind, officeId, history } = before;
        const entry = { at: now, by: session.user.id, byName: session.user.name, reason, ...edit.previous };
        const after: PetitionerDoc = {
          id,
          kind,
          ...edit.contact,
          nameInitials: nameInitials(edit.contact.name),
          officeId,
          history: [...history, entry].slice(-HISTORY_LIMIT),
          updatedAt: now,
        };
        await ctx.db.petitioners.incrementalUpsert(after);
        ctx.emitter.emit('data-changed', { collections: ['petitioners'], caseIds: cases.map((c) => c.id) });
        return { petitioner: after };
      });
    },
  };
}
