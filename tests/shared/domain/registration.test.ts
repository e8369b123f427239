import { describe, expect, it } from 'vitest';
import {
  checkRegistration,
  MAX_REPRESENTATIVES,
  routingHints,
  type RegistrationInput,
} from '#shared/domain/registration';
import { idNumberCheckChar } from '#shared/domain/identity';

const now = '2025-12-01T10:30:00+08:00';
const idBody = '11010519491231002';
const validId = idBody + idNumberCheckChar(idBody);

function input(extra: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    channel: 'visit',
    receivedAt: '2025-12-01T10:00:00+08:00',
    petitioners: [
      {
        kind: 'person',
        name: '张三',
        idType: 'resident-id',
        idNumber: validId,
        phone: '13800138000',
        address: '城关镇东街1号',
      },
    ],
    headcount: 1,
    request: '要求补发土地征收补偿款',
    facts: '2024年征地后补偿款未足额发放',
    reasons: '与补偿方案不符',
    flags: [],
    accusedOfficeIds: [],
    ...extra,
  };
}
const person = (i: number) => ({ kind: 'person' as const, name: `代表${i}` });

describe('registration (登记)', () => {
  it('GB 11643 a birth date is checked against the Beijing day: at 07:30 Beijing time (UTC still the day before) a child born that day is accepted, one born the next day is not', () => {
    const born = (day: string) => {
      const body = `110105${day}001`;
      return input({
        receivedAt: '2025-12-01T23:00:00Z',
        petitioners: [
          { kind: 'person', name: '张小宝', idType: 'resident-id', idNumber: body + idNumberCheckChar(body) },
        ],
      });
    };
    const beijingMorning = '2025-12-01T23:30:00Z'; // 2025-12-02 07:30 in Beijing
    expect(checkRegistration(born('20251202'), { now: beijingMorning })).toMatchObject({ ok: true });
    expect(checkRegistration(born('20251203'), { now: beijingMorning })).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ reason: 'id-birth-date' })],
    });
  });

  it('第十九条 a complete visit registers with nothing missing', () => {
    const r = checkRegistration(input(), { now });
    expect(r).toMatchObject({ ok: true, missing: [] });
  });

  it('第十九条 an oral registration with only what is known is saved, the missing items listed', () => {
    const r = checkRegistration(
      input({
        petitioners: [{ kind: 'person', name: '李四' }],
        request: undefined,
        facts: undefined,
        reasons: undefined,
      }),
      { now },
    );
    expect(r).toEqual(expect.objectContaining({ ok: true, missing: ['address', 'contact', 'request', 'facts'] }));
  });

  it('第十九条 a letter also needs its reasons (理由)', () => {
    const r = checkRegistration(input({ channel: 'letter', reasons: undefined }), { now });
    expect(r).toMatchObject({ ok: true, missing: ['reasons'] });
  });

  it('第二十条第三款 a group visit with 5 representatives and a headcount of 30 is accepted and flagged 集体访', () => {
    const r = checkRegistration(input({ petitioners: [1, 2, 3, 4, 5].map(person), headcount: 30 }), { now });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.registration.flags).toContain('group');
  });

  it('第二十条第三款 a sixth representative is refused with representatives-over-limit', () => {
    const r = checkRegistration(input({ petitioners: [1, 2, 3, 4, 5, 6].map(person), headcount: 30 }), { now });
    expect(r).toEqual({
      ok: false,
      problems: [{ reason: 'representatives-over-limit', field: `petitioners.${MAX_REPRESENTATIVES}` }],
    });
  });

  it('第二十条第三款 the limit is on visits only: a joint letter (联名信) may carry more signatories', () => {
    const r = checkRegistration(
      input({ channel: 'letter', petitioners: [1, 2, 3, 4, 5, 6, 7].map(person), headcount: 7 }),
      { now },
    );
    expect(r.ok).toBe(true);
  });

  it('第二十条第三款 a crowd without elected representatives is still registered, representatives listed as missing', () => {
    const r = checkRegistration(input({ petitioners: [], headcount: 40 }), { now });
    expect(r).toMatchObject({ ok: true, missing: expect.arrayContaining(['representatives']) });
  });

  it.each([
    ['headcount-below-representatives', input({ petitioners: [person(1), person(2)], headcount: 1 })],
    ['received-at-future', input({ receivedAt: '2025-12-02T10:00:00+08:00' })],
    [
      'id-checksum',
      input({
        petitioners: [
          {
            kind: 'person',
            name: '张三',
            idType: 'resident-id',
            idNumber: idBody + (validId.endsWith('0') ? '1' : '0'),
          },
        ],
      }),
    ],
    ['phone-mobile-format', input({ petitioners: [{ kind: 'person', name: '张三', phone: '12800138000' }] })],
    ['id-type-required', input({ petitioners: [{ kind: 'person', name: '张三', idNumber: 'E12345678' }] })],
    [
      'duplicate-petitioner',
      input({
        petitioners: [
          { kind: 'person', name: '张三', idType: 'resident-id', idNumber: validId },
          { kind: 'person', name: '张三', idType: 'resident-id', idNumber: validId.toLowerCase() },
        ],
      }),
    ],
  ])('第十九条 wrong input is refused with %s', (reason, bad) => {
    const r = checkRegistration(bad, { now });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.reason)).toContain(reason);
  });

  it.each([
    ['channel-required', { channel: 'pigeon' }],
    ['received-at-invalid', { receivedAt: '昨天' }],
    ['headcount-invalid', { headcount: 0 }],
    ['registration-malformed', { petitioners: 'many' }],
  ])('第十七条 malformed input is refused with %s, never thrown', (reason, bad) => {
    const r = checkRegistration({ ...input(), ...bad }, { now });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.reason).toBe(reason);
  });

  it('第十九条 a lower-case x in a 身份证 number is stored upper-case; a +86 phone is normalised', () => {
    const body = '44052419800101001';
    const check = idNumberCheckChar(body);
    const raw = body + check.toLowerCase();
    const r = checkRegistration(
      input({
        petitioners: [
          { kind: 'person', name: '王五', idType: 'resident-id', idNumber: raw, phone: '+86 138-0013-8000' },
        ],
      }),
      { now },
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.registration.petitioners[0]).toMatchObject({ idNumber: body + check, phone: '13800138000' });
  });

  it('第十九条 an anonymous letter registers and is flagged 匿名', () => {
    const r = checkRegistration(input({ channel: 'letter', petitioners: [] }), { now });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.registration.flags).toContain('anonymous');
  });

  it.each([
    ['a lone visitor who gives no name', input({ petitioners: [], headcount: 1 })],
    ['a crowd the receptionist marks 匿名 herself', input({ petitioners: [], headcount: 8, flags: ['anonymous'] })],
    ['an anonymous joint letter', input({ channel: 'letter', petitioners: [], headcount: 3 })],
  ])('第十九条 %s is flagged 匿名', (_case, raw) => {
    const r = checkRegistration(raw, { now });
    expect(r.ok && r.registration.flags).toContain('anonymous');
  });

  it.each([
    ['no representative row yet', []],
    ['representative rows with only a phone', [{ kind: 'person' as const, phone: '13800138000' }]],
  ])(
    '第二十条第三款 a group visit whose representatives are not yet named (%s) is not 匿名: the representatives are listed missing',
    (_case, petitioners) => {
      const r = checkRegistration(input({ petitioners, headcount: 6 }), { now });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.registration.flags).not.toContain('anonymous');
      expect(r.registration.flags).toContain('group');
      expect(r.missing).toContain('representatives');
    },
  );

  it('第二十条第三款 once one representative is named, none is missing', () => {
    const r = checkRegistration(input({ petitioners: [person(1)], headcount: 6 }), { now });
    expect(r.ok && r.missing).not.toContain('representatives');
  });
});

describe('registration (登记): 证件号码 by 证件类型', () => {
  const withId = (idType: NonNullable<RegistrationInput['petitioners'][number]['idType']>, idNumber: string) =>
    input({ petitioners: [{ kind: 'person', name: '陈大文', idType, idNumber }] });

  it.each([
    ['hmt-residence-permit', '810000194912310021', 'hmt-permit-checksum'], // check character 8 is due
    ['hmt-residence-permit', validId, 'hmt-permit-prefix'],
    ['hk-macao-travel-permit', 'H1234567', 'hk-macao-permit-format'],
    ['taiwan-travel-permit', 'T1234567', 'taiwan-permit-format'],
  ] as const)('GB 11643 / 第十九条: a %s number %s is refused with %s on its field', (idType, idNumber, reason) => {
    const r = checkRegistration(withId(idType, idNumber), { now });
    expect(r).toEqual({ ok: false, problems: [{ reason, field: 'petitioners.0.idNumber' }] });
  });

  it.each([
    ['hk-macao-travel-permit', 'h12345678', 'H12345678'],
    ['taiwan-travel-permit', '12345678（b）', '12345678(B)'],
    ['hk-macao-taiwan-pass', 'H1234567800', 'H1234567800'],
    ['residence-permit', '  44052419800101001X ', '44052419800101001X'],
    ['passport', 'E12345678', 'E12345678'],
  ] as const)(
    '第十九条 a %s number %j registers, stored as %j (codes stored before keep reading)',
    (idType, idNumber, stored) => {
      const r = checkRegistration(withId(idType, idNumber), { now });
      expect(r.ok && r.registration.petitioners[0]).toMatchObject({ idType, idNumber: stored });
    },
  );
});

describe('routing at registration (domain-rules 登记 6)', () => {
  it.each([
    [
      '第二十条第二款、第二十二条第二款 a 涉法涉诉 visit: 释法明理 and guidance',
      { channel: 'visit', flags: ['litigation'] },
      ['litigation'],
    ],
    [
      '第二十二条第二款 a 涉法涉诉 call is met like a visit',
      { channel: 'call', flags: ['litigation'] },
      ['litigation'],
    ],
    [
      '第三十一条第一项至第四项 a 涉法涉诉 letter: the statutory routes told',
      { channel: 'letter', flags: ['litigation'] },
      ['litigation-letter'],
    ],
    ['第三十条 检举控告 to 纪检监察', { channel: 'online', class: 'accusation', flags: [] }, ['accusation']],
    ['第二十五条 urgent', { channel: 'visit', flags: ['urgent', 'litigation'] }, ['litigation', 'urgent']],
    ['none before anything is marked', { flags: [] }, []],
  ] as const)('%s', (_rule, draft, hints) => {
    expect(routingHints(draft)).toEqual(hints);
  });
});
