import type { Session } from '../contract/api';
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

/** The matter without its content: the title, the accused persons, the text of its 补充/更正 (第三十条第三款). */
export function maskProjection(c: CaseProjection): CaseProjection {
  return { ...c, title: MASKED_TITLE, accusedPersons: [], amendments: [] };
}

/** An act without the content it carried: the title, accused persons, the text of a 补充/更正 (第三十条第三款). */
export function maskEvent(e: CaseEvent): CaseEvent {
  switch (e.type) {
    case 'register': {
      const { accusedPersons: _persons, ...payload } = e.payload;
      return { ...e, payload: { ...payload, title: MASKED_TITLE } };
    }
    case 'accept': {
      const { accusedPersons: _persons, ...payload } = e.payload;
      return { ...e, payload };
    }
    case 'supplement': {
      const { accusedPersons: _persons, ...payload } = e.payload;
      return { ...e, payload: { ...payload, value: MASKED_TITLE } };
    }
    case 'correct':
      return { ...e, payload: { ...e.payload, oldValue: MASKED_TITLE, value: MASKED_TITLE } };
    default:
      return e;
  }
}
