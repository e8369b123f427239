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
import { mayReadRestricted, mayRouteOut, ROUTE_OUT_ACTS } from '../access';
import { caseDetail, summarise } from '../views';
import { Seek, Walk, walkable } from '../case-pages';

/**
 * Rows the list's walk reads on past each page asked for (case-pages.ts): while a list is scrolled or dragged
 * its pages keep coming and the walk keeps ahead; when nobody looks at the list, it stops.
 */
const WALK_AHEAD = 20_000;

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
  // One pager per sort over the unfiltered list (case-pages.ts), forgotten whenever any matter changes: an insert
  // or a new deadline moves rows, and a stale one would put them at the wrong offsets. By `receivedAt` a seek
  // (positions by counting), else a walk; the seek's length is RxDB's kept count, the same the total shows.
  const walks = new Map<string, Walk | Seek>();
  ctx.db.cases.$.subscribe(() => {
    for (const walk of walks.values()) walk.stop();
    walks.clear();
  });
  const walkFor = (sort: ApiParsedArgs<'case-list'>['sort']) => {
    const key = `${sort.field} ${sort.direction}`;
    let walk = walks.get(key);
    if (!walk) {
      walk = sort.field === 'receivedAt' ? new Seek(ctx.db.cases, sort, ctx.now, { total: () => ctx.db.cases.count({ selector: {} }).exec() }) : new Walk(ctx.db.cases, sort.field);
      walks.set(key, walk);
    }
    return walk;
  };

  async function load(id: string) {
    const doc = await ctx.db.cases.findOne(id).exec();
    if (!doc) throw new ApiError('not-found');
    return doc.toMutableJSON().projection;
  }

  return {
    async 'case-list'({ filter, sort, page, withTotal }) {
      const session = requireSession(ctx);
      const { dueSoonDays } = await ctx.settings();
      const day = today(ctx);
      const selector = listSelector(filter, day, dueSoonDays);
      const [docs, total] = await Promise.all([
        walkable(selector, sort)
          ? walkFor(sort).page(page.offset, page.limit, WALK_AHEAD)
          : ctx.db.cases.find({ selector, sort: [{ [sort.field]: sort.direction }], skip: page.offset, limit: page.limit }).exec(),
        // RxDB keeps this query and brings its count up to date from the change events: only the first count
        // of a filter (or one after a burst of more changes than RxDB buffers) reads the index.
        withTotal ? ctx.db.cases.count({ selector }).exec() : undefined,
      ]);
      const items = docs.map((d) => summarise(d.projection, session, day, dueSoonDays));
      return total === undefined ? { items } : { items, total };
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
        if (!mayReadRestricted(session, c) && !(mayRouteOut(session, c) && ROUTE_OUT_ACTS.includes(type))) throw new ApiError('forbidden');
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
