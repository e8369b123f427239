import { z } from 'zod';
import { regionCode } from './act-payloads';
import { idTypes } from './codes';
import type { PetitionerDoc } from './documents';
import { checkIdNumber } from './identity';
import { checkPhone } from './phone';
import type { ReasonCode } from './reasons';

/**
 * 更正信访人信息 (第十九条 如实记录): a petitioner's contact data is corrected with the same checks as at the
 * intake (身份证 by GB 11643, phones, 证件类型 with a 证件号码), and the replaced values stay readable in the
 * record's history beside who changed them and why: the 变更记录 exists, the edit does not erase.
 */

/** What a person may change on a 信访人 record; '' clears a field (the value is no longer known). */
export const petitionerChanges = z.object({
  name: z.string().trim().max(100).optional(),
  idType: z.enum(['none', ...idTypes]).optional(),
  idNumber: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(40).optional(),
  address: z.string().trim().max(300).optional(),
  regionCode: z.union([regionCode, z.literal('')]).optional(),
});
export type PetitionerChanges = z.infer<typeof petitionerChanges>;

/** The fields of a 信访人 a correction sets, or derives (出生日期 and 性别 from a 身份证). */
const contactFields = ['name', 'idType', 'idNumber', 'birthDate', 'sex', 'phone', 'address', 'regionCode'] as const;
type ContactField = (typeof contactFields)[number];
const optionalFields = ['birthDate', 'sex', 'address', 'regionCode'] as const;
export type PetitionerContact = Pick<PetitionerDoc, ContactField>;

export interface PetitionerEditProblem {
  readonly reason: ReasonCode;
  readonly field: keyof PetitionerChanges;
}

export type PetitionerEdit =
  | {
      readonly ok: true;
      /** The record's contact fields after the correction (absent optional fields are unknown). */
      readonly contact: PetitionerContact;
      /** The value each changed field held before ('' where it was unknown): one history entry (design.md §2). */
      readonly previous: Readonly<Partial<Record<ContactField, string>>>;
    }
  | { readonly ok: false; readonly problems: readonly PetitionerEditProblem[] };

/**
 * Applies `changes` to the contact data of `before` (第十九条), checking them as the registration does:
 * a 证件号码 needs a 证件类型 ('id-type-required'), a 身份证 passes GB 11643 and is stored upper-case with the
 * birth date and sex it encodes, a phone passes `checkPhone` and is stored normalised. Pure: `today` is the
 * Beijing day (a birth date after it is refused).
 */
export function editPetitioner(before: PetitionerDoc, changes: PetitionerChanges, today: string): PetitionerEdit {
  const problems: PetitionerEditProblem[] = [];
  const contact: Partial<Record<ContactField, string>> = Object.fromEntries(
    contactFields.flatMap((f) => (before[f] === undefined ? [] : [[f, before[f]]])),
  );
  if (changes.name !== undefined) contact.name = changes.name;
  if (changes.address !== undefined) contact.address = changes.address;
  if (changes.regionCode !== undefined) contact.regionCode = changes.regionCode;
  if (changes.phone !== undefined) {
    const phone = changes.phone === '' ? undefined : checkPhone(changes.phone);
    if (phone && !phone.ok) problems.push({ reason: phone.reason, field: 'phone' });
    contact.phone = phone?.ok ? phone.normalized : '';
  }
  if (changes.idType !== undefined || changes.idNumber !== undefined) identity(contact, changes, today, problems);
  if (problems.length > 0) return { ok: false, problems };

  // Indexed fields are required and keep '' for unknown; an optional field that is '' is dropped.
  const after = {
    name: contact.name ?? '',
    idType: contact.idType ?? 'none',
    idNumber: contact.idNumber ?? '',
    phone: contact.phone ?? '',
    ...Object.fromEntries(optionalFields.flatMap((f) => (contact[f] ? [[f, contact[f]]] : []))),
  } as PetitionerContact; // each value is the record's own or was checked above
  const previous = Object.fromEntries(
    contactFields.filter((f) => (after[f] ?? '') !== (before[f] ?? '')).map((f) => [f, before[f] ?? '']),
  );
  return { ok: true, contact: after, previous };
}

/** 证件类型 and 证件号码 checked together; a 身份证's birth date and sex follow its number, other 证件 carry none. */
function identity(
  contact: Partial<Record<ContactField, string>>,
  changes: PetitionerChanges,
  today: string,
  problems: PetitionerEditProblem[],
): void {
  const idType = changes.idType ?? contact.idType ?? 'none';
  let idNumber = changes.idNumber ?? contact.idNumber ?? '';
  delete contact.birthDate;
  delete contact.sex;
  if (idNumber !== '' && idType === 'none') problems.push({ reason: 'id-type-required', field: 'idType' });
  if (idNumber !== '' && idType === 'resident-id') {
    const check = checkIdNumber(idNumber, { today });
    if (check.ok) {
      idNumber = check.normalized;
      contact.birthDate = check.birthDate;
      contact.sex = check.sex;
    } else problems.push({ reason: check.reason, field: 'idNumber' });
  }
  contact.idType = idType;
  contact.idNumber = idNumber;
}
