import type { Session } from '../contract/api';
import type { ActPayload, ActType } from '../domain/act-payloads';
import type { CaseEvent, CaseProjection } from '../domain/case-types';
import type { PetitionDoc, PetitionerDoc } from '../domain/documents';

/**
 * Who may read a restricted (检举控告) matter: handlers and approvers of an office that has held it, never an
 * office it accuses (第三十条第三款, 第四十六条第五项). Everyone else sees it masked, and every view is audited.
 */
export function mayReadRestricted(
  session: Session,
  c: Pick<CaseProjection, 'restricted' | 'officeIds' | 'accusedOfficeIds'>,
): boolean {
  if (!c.restricted) return true;
  if (c.accusedOfficeIds.includes(session.office.id)) return false;
  const handles = session.user.roles.some((r) => r === 'handler' || r === 'approver');
  return handles && c.officeIds.includes(session.office.id);
}

/** The acts that pass a matter on: 转送 (第二十二条) and 转纪检监察/转政法 (第二十二条第二款). */
export const ROUTE_OUT_ACTS: readonly ActType[] = ['forward', 'transfer'];

/**
 * An office a 检举控告 accuses may not read it, yet what a petitioner brings to it must be registered there
 * (第四十四条第一项) and passed on: while it holds the matter it may route it out (never to an office accused,
 * 第三十条第三款, checked by the act's guard) and do nothing else with it.
 */
export function mayRouteOut(
  session: Session,
  c: Pick<CaseProjection, 'restricted' | 'accusedOfficeIds' | 'currentOfficeId'>,
): boolean {
  return c.restricted && c.accusedOfficeIds.includes(session.office.id) && c.currentOfficeId === session.office.id;
}

/**
 * Who may read a 信访人: anyone who may read one of their matters. A petitioner seen only through restricted
 * matters the user may not read is shown masked and may not be edited (第三十条第三款).
 */
export function mayReadPetitioner(
  session: Session,
  cases: readonly Pick<CaseProjection, 'restricted' | 'officeIds' | 'accusedOfficeIds'>[],
): boolean {
  return cases.length === 0 || cases.some((c) => mayReadRestricted(session, c));
}

/** The text shown in place of restricted content. */
export const MASKED_TITLE = '（检举控告事项，内容不予显示）';

/**
 * What a reader who may not read a restricted matter sees of each record: a whitelist (第三十条第三款, 第四十六条第五项).
 * Ids, act types, dates, statuses, codes and clocks are shown; every text a person typed (title, request, facts,
 * reasons, notes, names, contact data, categories) is left out. Each table names every field of its record, so a
 * field added later does not compile until it is classified here; a field a stored record carries beyond its type
 * is never copied.
 */
type Shown<T> = { readonly [K in keyof T]-?: boolean };

function pick<T extends object>(record: T, shown: Shown<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => (shown as Record<string, boolean>)[key] === true),
  ) as Partial<T>; // only keys of T pass the table
}

const shownPetitioner: Shown<PetitionerDoc> = {
  id: true,
  kind: true,
  name: false,
  nameInitials: false,
  idType: true,
  idNumber: false,
  birthDate: false,
  sex: false,
  phone: false,
  address: false,
  regionCode: false,
  officeId: true,
  history: false,
  updatedAt: true,
};

/** A 信访人 as a user who may not read them sees the record: that a person or organisation is there, no more. */
export function maskPetitioner(p: PetitionerDoc): PetitionerDoc {
  return {
    ...(pick(p, shownPetitioner) as Pick<PetitionerDoc, 'id' | 'kind' | 'idType' | 'officeId' | 'updatedAt'>),
    name: '',
    nameInitials: '',
    idNumber: '',
    phone: '',
    history: [],
  };
}

const shownPetition: Shown<PetitionDoc> = {
  id: true,
  caseId: true,
  officeId: true,
  channel: true,
  receivedAt: true,
  petitionerIds: true,
  headcount: true,
  request: false,
  facts: false,
  reasons: false,
  flags: true,
  repeat: true,
  registeredBy: true,
  recordedAt: true,
};

export function maskPetition(p: PetitionDoc): PetitionDoc {
  return pick(p, shownPetition) as PetitionDoc; // every required field of a petition is shown
}

const shownProjection: Shown<CaseProjection> = {
  id: true,
  caseNumber: true,
  status: true,
  class: true,
  procedure: true,
  channel: true,
  title: false,
  receivedAt: true,
  receivedDay: true,
  registeringOfficeId: true,
  currentOfficeId: true,
  handedOverBy: true,
  officeIds: true,
  petitionIds: true,
  petitionerIds: true,
  flags: true,
  restricted: true,
  accusedOfficeIds: false,
  accusedPersons: false,
  problemRegion: false,
  contentCategory: false,
  clocks: true,
  extensionDays: true,
  hearingDays: true,
  hearingOpenSince: true,
  receivedBy: true,
  pendingObjection: true,
  untoldOfficeId: true,
  decidedBy: true,
  reviewOfficeId: true,
  reReviewOfficeId: true,
  pendingLateRequest: true,
  answerEventId: true,
  servedAnswerId: true,
  awaitingReceipt: true,
  proposals: false,
  assigneeUserId: true,
  leaders: false,
  answer: true,
  outcome: true,
  closeGround: true,
  finalAfterReReview: true,
  recusedUserIds: true,
  repeatCount: true,
  contentProfile: false,
  amendments: false,
  conflicts: true,
  eventCount: true,
  lastEventId: true,
  lastEventAt: true,
};

/**
 * A restricted matter as a user who may not read it sees it (第三十条第三款): its course (status, clocks, offices
 * that held it) without its content: no title, no accused offices or persons, no region or category, no amended
 * text, no 包案 leaders, no proposed payloads, not even the content profile repeat detection reads.
 */
export function maskProjection(c: CaseProjection): CaseProjection {
  const content = {
    title: MASKED_TITLE,
    accusedOfficeIds: [],
    accusedPersons: [],
    amendments: [],
    leaders: [],
    contentProfile: [],
    proposals: c.proposals.map((p) => ({ eventId: p.eventId, act: p.act, payload: {}, userId: p.userId })),
  };
  return { ...(pick(c, shownProjection) as Omit<CaseProjection, keyof typeof content>), ...content };
}

// The signature is withheld too: with it, a guessed text could be confirmed against the hidden one.
const shownEvent: Shown<CaseEvent> = {
  id: true,
  caseId: true,
  type: true,
  payload: false,
  actor: true,
  occurredAt: true,
  recordedAt: true,
  article: true,
  after: true,
  signature: false,
};

const shownRegistration: Shown<ActPayload<'register'>> = {
  caseNumber: true,
  receivedAt: true,
  channel: true,
  petitionIds: true,
  petitionerIds: true,
  title: false,
  class: true,
  purpose: true,
  flags: true,
  problemRegion: false,
  contentCategory: false,
  accusedOfficeIds: false,
  accusedPersons: false,
  contentProfile: false,
};

/**
 * An act of a restricted matter as a user who may not read it sees it (第三十条第三款): which act, by whom and when.
 * A 登记 keeps its number, channel, times, class and flags with the title masked; any other act keeps nothing of
 * its payload (notes, reasons, texts, names and targets are its content).
 */
export function maskEvent(e: CaseEvent): CaseEvent {
  const envelope = pick(e, shownEvent);
  if (e.type === 'register')
    return {
      ...envelope,
      payload: { ...pick(e.payload, shownRegistration), title: MASKED_TITLE, accusedOfficeIds: [] },
    } as CaseEvent; // a 登记 with its shown fields
  return { ...envelope, payload: {} } as CaseEvent; // the envelope of a valid event with its content withheld; read only by the timeline
}
