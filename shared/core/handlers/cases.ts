import type { MangoQuerySelector } from 'rxdb';
import type { Api, ApiParsedArgs, Session } from '../../contract/api';
import { ApiError } from '../../contract/errors';
import { payloadSchemas, petitionFields, type ActPayload, type ActType } from '../../domain/act-payloads';
import { actRules, checkAct } from '../../domain/acts';
import { roomForAct } from '../../domain/case-cap';
import { addDays } from '../../domain/calendar';
import type { CaseEvent, CaseProjection, ProposableAct } from '../../domain/case-types';
import type { Role } from '../../domain/codes';
import type { CaseDoc } from '../../domain/documents';
import { actInstant, requireSession, signedByUser, today, type DeskContext } from '../context';
import { CLOCK_TOLERANCE_MS } from '../../domain/registration';
import { newId } from '../ids';
import { mayReadRestricted, mayRouteOut, ROUTE_OUT_ACTS } from '../access';
import { readOfficeTree } from '../office-tree';
import { caseDetail, summarise } from '../views';
import { Seek, UNLISTED, Walk, walkable } from '../case-pages';

/**
 * Rows the list's walk reads on past each page asked for (case-pages.ts): while a list is scrolled or dragged
 * its pages keep coming and the walk keeps ahead; when nobody looks at the list, it stops.
 */
const WALK_AHEAD = 20_000;

/**
 * The matters whose text the user may search: `mayReadRestricted` (access.ts) as a selector. A title search that
 * found a masked matter would tell who may not read it what it says (第三十条第三款); its number still finds it.
 */
function readableBy(session: Session): MangoQuerySelector<CaseDoc> {
  if (!session.user.roles.some((r) => r === 'handler' || r === 'approver')) return { restricted: false };
  const office = session.office.id;
  return {
    $or: [{ restricted: false }, { 'projection.officeIds': office, 'projection.accusedOfficeIds': { $ne: office } }],
  } as MangoQuerySelector<CaseDoc>; // RxDB's types do not reach into the projection's arrays
}

function listSelector(
  filter: ApiParsedArgs<'case-list'>['filter'],
  day: string,
  dueSoonDays: number,
  session: Session,
): MangoQuerySelector<CaseDoc> {
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
    selector.$or = [
      { caseNumber: { $regex: escaped } },
      { 'projection.title': { $regex: escaped }, ...readableBy(session) },
    ];
  }
  return selector;
}

/**
 * The act as recorded (第三十四条): one the desk's `approvalActs` names, started by a user who is no 负责人, is
 * recorded as its 报批 (checked as if a 负责人 did it); a 负责人 does it as 负责人. Refused when no role of the user
 * may do (or propose) it.
 */
function recordedAct(
  session: Session,
  type: ActType,
  payload: Record<string, unknown>,
  approvalActs: readonly ProposableAct[],
): { type: ActType; payload: Record<string, unknown>; role: Role } {
  const roles = session.user.roles;
  const needsApproval = (approvalActs as readonly ActType[]).includes(type);
  if (needsApproval && !roles.includes('approver')) {
    const role = roles.find((r) => actRules.propose.roles.includes(r));
    if (!role) throw new ApiError('act-role-not-allowed');
    return { type: 'propose', payload: { act: type, payload }, role };
  }
  const rule = actRules[type];
  const role = needsApproval ? 'approver' : roles.find((r) => rule.roles.includes(r));
  if (!role) throw new ApiError('act-role-not-allowed');
  return { type, payload, role };
}

/** A 补充/更正 of a request, facts or reasons names the matter's 信访件 it amends (第十九条). */
function checkAmendedPetition(c: CaseProjection, type: ActType, payload: Record<string, unknown>): void {
  if (type !== 'supplement' && type !== 'correct') return;
  const { field, petitionId } = payload as ActPayload<'supplement' | 'correct'>; // parsed by this type's schema
  if (petitionFields.includes(field) && (petitionId === undefined || !c.petitionIds.includes(petitionId))) {
    throw new ApiError('act-payload-invalid', [{ code: 'act-payload-invalid', field: 'payload.petitionId' }]);
  }
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
      walk =
        sort.field === 'receivedAt'
          ? new Seek(ctx.db.cases, sort, ctx.now, { total: () => listedCount({}) })
          : new Walk(ctx.db.cases, sort.field);
      walks.set(key, walk);
    }
    return walk;
  };

  /**
   * The matters a filter without a status lists: RxDB's kept counts of the filter and of its 作废 matters, each on
   * an index wherever the filter's own count is (a `$ne` would make every count read the matches).
   */
  async function listedCount(selector: MangoQuerySelector<CaseDoc>): Promise<number> {
    const [all, voided] = await Promise.all([
      ctx.db.cases.count({ selector }).exec(),
      ctx.db.cases.count({ selector: { ...selector, status: { $eq: UNLISTED } } }).exec(),
    ]);
    return all - voided;
  }

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
      const filtered = listSelector(filter, day, dueSoonDays, session);
      // 作废 (第十九条) leaves every list and count, unless the filter asks for that status.
      const listsAll = !filter.status?.length;
      const selector: MangoQuerySelector<CaseDoc> = listsAll ? { ...filtered, status: { $ne: UNLISTED } } : filtered;
      const [docs, total] = await Promise.all([
        walkable(filtered, sort)
          ? walkFor(sort).page(page.offset, page.limit, WALK_AHEAD)
          : ctx.db.cases
              .find({ selector, sort: [{ [sort.field]: sort.direction }], skip: page.offset, limit: page.limit })
              .exec(),
        // RxDB keeps these queries and brings their counts up to date from the change events: only the first count
        // of a filter (or one after a burst of more changes than RxDB buffers) reads the index.
        withTotal ? (listsAll ? listedCount(filtered) : ctx.db.cases.count({ selector }).exec()) : undefined,
      ]);
      const items = docs.map((d) => summarise(d.projection, session, day, dueSoonDays));
      return total === undefined ? { items } : { items, total };
    },

    async 'case-get'({ id }) {
      const session = requireSession(ctx);
      return caseDetail(ctx, await load(id), session);
    },

    /**
     * Any act of domain-rules.md, refused with its reason code when the status, the office, the role or the office
     * tree forbids it (checked with the county's tree, 第二十二条、第三十五条、第三十六条、第四十条), or recorded as a
     * 报批 where the desk requires a 负责人's approval (第三十四条).
     */
    async 'case-act'({ caseId, type, payload, occurredAt }) {
      const session = requireSession(ctx);
      const parsed = payloadSchemas[type].safeParse(payload);
      if (!parsed.success)
        throw new ApiError(
          'act-payload-invalid',
          parsed.error.issues.map((i) => ({ code: 'act-payload-invalid', field: `payload.${i.path.join('.')}` })),
        );
      const now = ctx.now();
      const dated = occurredAt === undefined ? undefined : new Date(occurredAt).toISOString();
      if (dated && Date.parse(dated) > now.getTime() + CLOCK_TOLERANCE_MS)
        throw new ApiError('occurred-after-recorded', [{ code: 'occurred-after-recorded', field: 'occurredAt' }]);
      const { approvalActs } = await ctx.settings();

      return ctx.serial(async () => {
        const [c, tree] = await Promise.all([load(caseId), readOfficeTree(ctx.db)]);
        if (!mayReadRestricted(session, c) && !(mayRouteOut(session, c) && ROUTE_OUT_ACTS.includes(type)))
          throw new ApiError('forbidden');
        if (c.recusedUserIds.includes(session.user.id)) throw new ApiError('user-recused');
        const full = roomForAct(c);
        if (full) throw new ApiError(full);
        checkAmendedPetition(c, type, parsed.data);
        const act = recordedAct(session, type, parsed.data, approvalActs);
        const event = {
          id: newId(),
          caseId,
          type: act.type,
          payload: act.payload,
          actor: { userId: session.user.id, officeId: session.office.id, role: act.role },
          occurredAt: dated ?? actInstant(now, c.lastEventAt),
          recordedAt: now.toISOString(),
          article: actRules[act.type].article,
          after: [c.lastEventId],
        } as CaseEvent; // payload parsed by the schema of this very type (a 报批's by the proposed act's)
        const refused = checkAct(c, event, { tree, afterAt: c.lastEventAt });
        if (refused)
          throw new ApiError(
            refused,
            dated && refused.startsWith('occurred-') ? [{ code: refused, field: 'occurredAt' }] : undefined,
          );
        const signed = signedByUser(ctx, event);
        ctx.projector.willProject([signed.id]);
        await ctx.db.case_events.insert({
          ...signed,
          payload: { ...signed.payload },
          actor: { ...signed.actor },
          after: [...signed.after],
        });
        const [projection] = await ctx.projector.refresh([caseId]);
        return { event: signed, detail: await caseDetail(ctx, projection ?? c, session) };
      });
    },
  };
}
