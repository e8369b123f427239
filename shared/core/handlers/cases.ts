import type { MangoQuerySelector } from 'rxdb';
import type { Api, ApiParsedArgs } from '../../contract/api';
import { ApiError } from '../../contract/errors';
import { payloadSchemas } from '../../domain/act-payloads';
import { actRules, checkAct } from '../../domain/acts';
import { addDays } from '../../domain/calendar';
import type { CaseEvent } from '../../domain/case-types';
import type { CaseDoc } from '../../domain/documents';
import { requireSession, today, type DeskContext } from '../context';
import { newId } from '../ids';
import { mayReadRestricted } from '../access';
import { caseDetail, summarise } from '../views';

/** A desk clock may run a little ahead of the one that stamped a form; more than this is refused. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function listSelector(filter: ApiParsedArgs<'case-list'>['filter'], day: string, dueSoonDays: number): MangoQuerySelector<CaseDoc> {
  const selector: MangoQuerySelector<CaseDoc> = {};
  if (filter.status?.length) selector.status = { $in: filter.status };
  if (filter.class?.length) selector.class = { $in: filter.class };
  if (filter.channel?.length) selector.channel = { $in: filter.channel };
  if (filter.officeId) selector.currentOfficeId = filter.officeId;
  // Overdue and due-soon are derived from the earliest running duty and today, never stored (design.md §4).
  if (filter.overdue && filter.dueSoon) selector.nextDue = { $lte: addDays(day, dueSoonDays) };
  else if (filter.overdue) selector.nextDue = { $lt: day };
  else if (filter.dueSoon) selector.nextDue = { $gte: day, $lte: addDays(day, dueSoonDays) };
  if (filter.text) {
    const escaped = filter.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    selector.$or = [{ caseNumber: { $regex: escaped } }, { 'projection.title': { $regex: escaped } }];
  }
  return selector;
}

export function caseHandlers(ctx: DeskContext): Pick<Api, 'case-list' | 'case-get' | 'case-act'> {
  async function load(id: string) {
    const doc = await ctx.db.cases.findOne(id).exec();
    if (!doc) throw new ApiError('not-found');
    return doc.toMutableJSON().projection;
  }

  return {
    async 'case-list'({ filter, sort, page }) {
      const session = requireSession(ctx);
      const { dueSoonDays } = await ctx.settings();
      const day = today(ctx);
      const selector = listSelector(filter, day, dueSoonDays);
      const [docs, total] = await Promise.all([
        ctx.db.cases.find({ selector, sort: [{ [sort.field]: sort.direction }], skip: page.offset, limit: page.limit }).exec(),
        ctx.db.cases.count({ selector }).exec(),
      ]);
      return { items: docs.map((d) => summarise(d.projection, session, day, dueSoonDays)), total };
    },

    async 'case-get'({ id }) {
      const session = requireSession(ctx);
      return caseDetail(ctx, await load(id), session);
    },

    /** Any act of domain-rules.md, refused with its reason code when the status, the office or the role forbids it. */
    async 'case-act'({ caseId, type, payload, occurredAt }) {
      const session = requireSession(ctx);
      const parsed = payloadSchemas[type].safeParse(payload);
      if (!parsed.success) throw new ApiError('act-payload-invalid', parsed.error.issues.map((i) => ({ code: 'act-payload-invalid', field: `payload.${i.path.join('.')}` })));
      const now = ctx.now();
      if (occurredAt && Date.parse(occurredAt) > now.getTime() + FUTURE_TOLERANCE_MS) throw new ApiError('invalid-arguments', [{ code: 'invalid-arguments', field: 'occurredAt' }]);

      return ctx.serial(async () => {
        const c = await load(caseId);
        if (!mayReadRestricted(session, c)) throw new ApiError('forbidden');
        if (c.recusedUserIds.includes(session.user.id)) throw new ApiError('user-recused');
        const rule = actRules[type];
        const role = session.user.roles.find((r) => rule.roles.includes(r));
        if (!role) throw new ApiError('act-role-not-allowed');
        const event = {
          id: newId(),
          caseId,
          type,
          payload: parsed.data,
          actor: { userId: session.user.id, officeId: session.office.id, role },
          occurredAt: occurredAt ?? now.toISOString(),
          recordedAt: now.toISOString(),
          article: rule.article,
          after: [c.lastEventId],
        } as CaseEvent; // payload parsed by the schema of this very type
        const refused = checkAct(c, event);
        if (refused) throw new ApiError(refused);
        ctx.projector.willProject([event.id]);
        await ctx.db.case_events.insert({ ...event, payload: { ...event.payload }, actor: { ...event.actor }, after: [...event.after] });
        const [projection] = await ctx.projector.refresh([caseId]);
        return { event, detail: await caseDetail(ctx, projection ?? c, session) };
      });
    },
  };
}
