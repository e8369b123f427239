import type { Session } from '../contract/api';
import type { CaseProjection } from '../domain/case-types';
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

export function maskProjection(c: CaseProjection): CaseProjection {
  return { ...c, title: MASKED_TITLE };
}
