import type { CaseDetail, CaseSummary, EventSignatureFlag, Session, ShownPetition } from '../contract/api';
import { petitionFields, type ActType } from '../domain/act-payloads';
import { allowedActs } from '../domain/acts';
import type { CaseEvent, CaseProjection, ProposableAct } from '../domain/case-types';
import type { PetitionDoc, UserDoc } from '../domain/documents';
import type { OfficeTree } from '../domain/office-tree';
import { deadlineFlags, nextDue } from '../domain/clocks';
import { causalOrder } from '../domain/fold';
import type { DeskContext } from './context';
import { today } from './context';
import {
  mayReadRestricted,
  mayRouteOut,
  maskEvent,
  maskPetition,
  maskPetitioner,
  maskProjection,
  MASKED_TITLE,
  ROUTE_OUT_ACTS,
} from './access';
import { asCaseEvent } from './projector';
import { newId } from './ids';
import { checkedSignature } from '../auth/event-signatures';
import { readOfficeTree } from './office-tree';

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

/**
 * The acts any of the user's roles may start now, and those among them the user records as 报批 (第三十四条): an
 * act the county's `approvalActs` names, started by a user who is no 负责人, is offered whenever a 负责人 of the
 * office could do it now and the user may propose, even where the act itself is the 负责人's alone (终结, 延期).
 */
export function actsFor(
  c: CaseProjection,
  session: Session,
  approvalActs: readonly ProposableAct[],
  tree?: OfficeTree,
): { allowed: ActType[]; proposed: ProposableAct[] } {
  const office = session.office.id;
  const acts = new Set(session.user.roles.flatMap((role) => allowedActs(c, role, office, tree)));
  const proposes = !session.user.roles.includes('approver') && acts.has('propose');
  if (!proposes) return { allowed: [...acts], proposed: [] };
  // An act already waiting for approval is not offered again, neither as a 报批 nor as the act itself, which this
  // user would record as a 报批 too (第三十四条; the guard refuses `proposal-pending`).
  const pending = (act: ProposableAct) => c.proposals.some((p) => p.act === act);
  for (const act of approvalActs) if (pending(act)) acts.delete(act);
  const proposed = approvalActs.filter(
    (act) => allowedActs(c, 'approver', office, tree).includes(act) && !pending(act),
  );
  for (const act of proposed) acts.add(act);
  return { allowed: [...acts], proposed };
}

/**
 * Each 信访件 with the matter's 补充/更正 of its request, facts and reasons applied in order (第十九条 如实记录: the
 * stored petition keeps what was registered, the timeline every change), marked with how each field changed.
 */
export function amendedPetitions(
  petitions: readonly PetitionDoc[],
  c: CaseProjection,
  events: readonly CaseEvent[],
): ShownPetition[] {
  const kinds = new Map(events.map((e) => [e.id, e.type]));
  return petitions.map((p) => {
    let shown: ShownPetition = p;
    for (const a of c.amendments) {
      const kind = kinds.get(a.eventId);
      if (a.petitionId !== p.id || !petitionFields.includes(a.field) || (kind !== 'supplement' && kind !== 'correct'))
        continue;
      shown = { ...shown, [a.field]: a.value, amended: { ...shown.amended, [a.field]: kind } };
    }
    return shown;
  });
}

/**
 * Every desk verifies the events it shows against their actors' keys (design.md §5), whether it recorded or pulled
 * them: an event that fails is flagged, and so is one recorded unsigned; none is hidden or dropped. The desk holds
 * the keys of its own office's users only (`users` travels to its own office), so another office's signed events
 * are left to the server, which refused any that failed.
 */
export function signatureFlags(
  events: readonly CaseEvent[],
  users: ReadonlyMap<string, Pick<UserDoc, 'publicKey' | 'retiredKeys'>>,
): Record<string, EventSignatureFlag> {
  const flags: Record<string, EventSignatureFlag> = {};
  for (const e of events) {
    const signer = users.get(e.actor.userId);
    if (e.signature !== undefined && !signer) continue;
    const status = checkedSignature(e, signer);
    if (status !== 'valid') flags[e.id] = status;
  }
  return flags;
}

/**
 * A matter with its petitions, petitioners and full timeline. A restricted matter is masked for a user who may
 * not read it, and every view of a restricted matter is written to the audit log (第三十条第三款, 第四十六条第五项).
 */
export async function caseDetail(ctx: DeskContext, c: CaseProjection, session: Session): Promise<CaseDetail> {
  const [eventDocs, petitionDocs, petitionerDocs, settings, tree] = await Promise.all([
    ctx.db.case_events.find({ selector: { caseId: c.id } }).exec(),
    ctx.db.petitions.findByIds([...c.petitionIds]).exec(),
    ctx.db.petitioners.findByIds([...c.petitionerIds]).exec(),
    ctx.settings(),
    readOfficeTree(ctx.db),
  ]);
  const masked = !mayReadRestricted(session, c);
  if (c.restricted) {
    await ctx.db.audit.insert({
      id: newId(),
      at: ctx.now().toISOString(),
      userId: session.user.id,
      officeId: session.office.id,
      action: 'view',
      caseId: c.id,
      detail: masked ? 'masked' : 'full',
    });
  }
  const petitions = [...petitionDocs.values()].map((d) => d.toMutableJSON());
  const petitioners = [...petitionerDocs.values()].map((d) => d.toMutableJSON());
  const events = causalOrder(eventDocs.map((d) => asCaseEvent(d.toMutableJSON())));
  const actors = await ctx.db.users.findByIds([...new Set(events.map((e) => e.actor.userId))]).exec();
  const acts = masked ? { allowed: [], proposed: [] } : actsFor(c, session, settings.approvalActs, tree);
  return {
    case: masked ? maskProjection(c) : c,
    masked,
    events: masked ? events.map(maskEvent) : events,
    petitions: masked ? petitions.map(maskPetition) : amendedPetitions(petitions, c, events),
    petitioners: masked ? petitioners.map(maskPetitioner) : petitioners,
    // 第三十条第三款: an office accused in what it registered may only pass the matter on, seeing none of it.
    allowedActs: !masked
      ? acts.allowed
      : mayRouteOut(session, c)
        ? actsFor(c, session, settings.approvalActs, tree).allowed.filter((a) => ROUTE_OUT_ACTS.includes(a))
        : [],
    proposedActs: acts.proposed,
    today: today(ctx),
    signatures: signatureFlags(events, new Map([...actors].map(([id, d]) => [id, d.toMutableJSON()]))),
  };
}
