import type { CaseDetail, CaseSummary, Session } from '../contract/api';
import { allowedActs } from '../domain/acts';
import type { CaseProjection } from '../domain/case-types';
import { deadlineFlags, nextDue } from '../domain/clocks';
import { causalOrder } from '../domain/fold';
import type { DeskContext } from './context';
import { today } from './context';
import { mayReadRestricted, mayRouteOut, maskEvent, maskPetition, maskPetitioner, maskProjection, MASKED_TITLE, ROUTE_OUT_ACTS } from './access';
import { asCaseEvent } from './projector';
import { newId } from './ids';

/** One matter as a list row, masked when the user may not read it (第三十条第三款). */
export function summarise(c: CaseProjection, session: Session, day: string, dueSoonDays: number): CaseSummary {
  const masked = !mayReadRestricted(session, c);
  const flags = deadlineFlags(c, day, dueSoonDays);
  const next = nextDue(c);
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    status: c.status,
    ...(c.class === undefined ? {} : { class: c.class }),
    channel: c.channel,
    title: masked ? MASKED_TITLE : c.title,
    receivedAt: c.receivedAt,
    currentOfficeId: c.currentOfficeId,
    flags: c.flags,
    restricted: c.restricted,
    masked,
    ...(next ? { nextDue: { kind: next.kind, due: next.due, uncertain: next.uncertain, article: next.article } } : {}),
    overdue: flags.overdue.length > 0,
    dueSoon: flags.dueSoon.length > 0,
    conflictCount: c.conflicts.length,
  };
}

/** The acts any of the user's roles may start now. */
export function actsFor(c: CaseProjection, session: Session) {
  const acts = new Set(session.user.roles.flatMap((role) => allowedActs(c, role, session.office.id)));
  return [...acts];
}

/**
 * A matter with its petitions, petitioners and full timeline. A restricted matter is masked for a user who may
 * not read it, and every view of a restricted matter is written to the audit log (第三十条第三款, 第四十六条第五项).
 */
export async function caseDetail(ctx: DeskContext, c: CaseProjection, session: Session): Promise<CaseDetail> {
  const [eventDocs, petitionDocs, petitionerDocs] = await Promise.all([
    ctx.db.case_events.find({ selector: { caseId: c.id } }).exec(),
    ctx.db.petitions.findByIds([...c.petitionIds]).exec(),
    ctx.db.petitioners.findByIds([...c.petitionerIds]).exec(),
  ]);
  const masked = !mayReadRestricted(session, c);
  if (c.restricted) {
    await ctx.db.audit.insert({ id: newId(), at: ctx.now().toISOString(), userId: session.user.id, officeId: session.office.id, action: 'view', caseId: c.id, detail: masked ? 'masked' : 'full' });
  }
  const petitions = [...petitionDocs.values()].map((d) => d.toMutableJSON());
  const petitioners = [...petitionerDocs.values()].map((d) => d.toMutableJSON());
  const events = causalOrder(eventDocs.map((d) => asCaseEvent(d.toMutableJSON())));
  return {
    case: masked ? maskProjection(c) : c,
    masked,
    events: masked ? events.map(maskEvent) : events,
    petitions: masked ? petitions.map(maskPetition) : petitions,
    petitioners: masked ? petitioners.map(maskPetitioner) : petitioners,
    allowedActs: !masked ? actsFor(c, session) : mayRouteOut(session, c) ? actsFor(c, session).filter((a) => ROUTE_OUT_ACTS.includes(a)) : [],
    today: today(ctx),
  };
}
