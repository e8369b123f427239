import { describe, expect, it } from 'vitest';
import type { PetitionerDoc } from '#shared/domain/documents';
import { editPetitioner, type PetitionerChanges } from '#shared/domain/petitioner-edit';
import type { ReasonCode } from '#shared/domain/reasons';

const before: PetitionerDoc = {
  id: 'pp-1',
  kind: 'person',
  name: '张三',
  nameInitials: 'zs',
  idType: 'resident-id',
  idNumber: '11010519491231002X',
  birthDate: '1949-12-31',
  sex: 'F',
  phone: '13800138000',
  address: '青山镇东街1号',
  officeId: 'office-qingshan',
  history: [],
  updatedAt: '2026-01-05T02:00:00.000Z',
};
const today = '2026-01-06';

describe('第十九条 更正信访人信息: the intake’s checks, the replaced values kept', () => {
  it.each<[string, PetitionerChanges, Partial<PetitionerDoc>, Record<string, string>]>([
    ['a phone is normalised', { phone: '＋86 139-0013-9000' }, { phone: '13900139000' }, { phone: '13800138000' }],
    [
      'an address that was unknown',
      { address: '青山镇西街2号' },
      { address: '青山镇西街2号' },
      { address: '青山镇东街1号' },
    ],
    [
      'a lower-case x is stored upper-case, birth date and sex follow the number',
      { idNumber: '11010519800101069x' },
      { idNumber: '11010519800101069X', birthDate: '1980-01-01', sex: 'M' },
      { idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'F' },
    ],
    [
      'a passport carries no birth date or sex',
      { idType: 'passport', idNumber: 'E12345678' },
      { idType: 'passport', idNumber: 'E12345678', birthDate: undefined, sex: undefined },
      { idType: 'resident-id', idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'F' },
    ],
    [
      'a cleared address is dropped, its old value kept',
      { address: '' },
      { address: undefined },
      { address: '青山镇东街1号' },
    ],
    [
      'the same value changes nothing',
      { name: '张三', phone: '138 0013 8000' },
      { name: '张三', phone: '13800138000' },
      {},
    ],
  ])('第十九条 %s', (_name, changes, expected, previous) => {
    const edit = editPetitioner(before, changes, today);
    if (!edit.ok) throw new Error(JSON.stringify(edit.problems));
    for (const [field, value] of Object.entries(expected))
      expect(edit.contact[field as keyof typeof edit.contact]).toBe(value);
    expect(edit.previous).toEqual(previous);
  });

  it('第十九条 a region code: the old value of a field that was unknown is recorded as ""', () => {
    const edit = editPetitioner(before, { regionCode: '999901101' }, today);
    expect(edit).toMatchObject({ ok: true, contact: { regionCode: '999901101' }, previous: { regionCode: '' } });
  });

  it.each<[string, PetitionerChanges, ReasonCode, keyof PetitionerChanges]>([
    ['GB 11643 a wrong check character', { idNumber: '110105194912310021' }, 'id-checksum', 'idNumber'],
    ['GB 11643 a birth date after today', { idNumber: '110105203001010011' }, 'id-birth-date', 'idNumber'],
    ['a 证件号码 without a 证件类型', { idType: 'none', idNumber: 'E12345678' }, 'id-type-required', 'idType'],
    ['a mobile of 11 digits that is not one', { phone: '12345678901' }, 'phone-mobile-format', 'phone'],
    ['a landline with letters', { phone: '0551-abcdefg' }, 'phone-format', 'phone'],
  ])('第十九条 refused as at the intake: %s', (_name, changes, reason, field) => {
    expect(editPetitioner(before, changes, today)).toEqual({ ok: false, problems: [{ reason, field }] });
  });
});
