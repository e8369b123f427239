import type { Session } from '../contract/api';
import type { ActType } from '../domain/act-payloads';
import type { CaseEvent, CaseProjection } from '../domain/case-types';
import type { PetitionDoc, PetitionerDoc } from '../domain/documents';
import { maskIdNumber } from '../domain/identity';
import { maskPhone } from '../domain/phone';

/**
 * Who may read a restricted (检举控告) matter: handlers and approvers of an office that has held it, never an
 * office it accuses (第三十条第三款, 第四十六条第五项). Everyone else sees it masked, and every view is audited.
 */
export function mayReadRestricted(session: Session, c: Pick<CaseProjection, 'restricted' | 'officeIds' | 'accusedOfficeIds'>): boolean {
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
export function mayRouteOut(session: Session, c: Pick<CaseProjection, 'restricted' | 'accusedOfficeIds' | 'currentOfficeId'>): boolean {
  return c.restricted && c.accusedOfficeIds.includes(session.office.id) && c.currentOfficeId === session.office.id;
}

/**
 * Who may read a 信访人: anyone who may read one of their matters. A petitioner seen only through restricted
 * matters the user may not read is shown masked and may not be edited (第三十条第三款).
 */
export function mayReadPetitioner(session: Session, cases: readonly Pick<CaseProjection, 'restricted' | 'officeIds' | 'accusedOfficeIds'>[]): boolean {
  return cases.length === 0 || cases.some((c) => mayReadRestricted(session, c));
}

/** The text shown in place of restricted content. */
export const MASKED_TITLE = '（检举控告事项，内容不予显示）';

export function maskPetitioner(p: PetitionerDoc): PetitionerDoc {
  const { address: _address, birthDate: _birth, history: _history, ...rest } = p;
  return {
    ...rest,
    name: p.name ? `${[...p.name][0] ?? ''}**` : '',
    nameInitials: '',
    idNumber: p.idNumber ? maskIdNumber(p.idNumber) : '',
    phone: p.phone ? maskPhone(p.phone) : '',
    history: [],
  };
}

export function maskPetition(p: PetitionDoc): PetitionDoc {
  const { request: _r, facts: _f, reasons: _x, ...rest } = p;
  return rest;
}

/**
 * A restricted matter as a user who may not read it sees it (第三十条第三款): its course (status, clocks, offices
 * that held it) without its content: no title, no accused offices or persons, no amended text, no proposed payloads.
 */
export function maskProjection(c: CaseProjection): CaseProjection {
  return { ...c, title: MASKED_TITLE, accusedOfficeIds: [], accusedPersons: [], amendments: [], proposals: c.proposals.map((p) => ({ ...p, payload: {} })) };
}

/**
 * An act of a restricted matter as a user who may not read it sees it (第三十条第三款): which act, by whom and when.
 * A 登记 keeps its channel, times and class with the title masked and the accused left out; any other act keeps
 * nothing of its payload (notes, reasons, texts and targets are its content).
 */
export function maskEvent(e: CaseEvent): CaseEvent {
  if (e.type === 'register') {
    const { accusedPersons: _persons, contentProfile: _profile, ...payload } = e.payload;
    return { ...e, payload: { ...payload, title: MASKED_TITLE, accusedOfficeIds: [] } };
  }
  return { ...e, payload: {} } as CaseEvent; // the envelope of a valid event with its content withheld; read only by the timeline
}
