import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkDocumentNumber, checkIdNumber } from '#shared/domain/identity';
import type { IdNumberReason } from '#shared/domain/identity';
import { idTypes, type IdType } from '#shared/domain/codes';

// Independent re-statement of GB 11643-1999 (ISO 7064 MOD 11-2) so the tests do not trust the code under test.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function withCheck(body: string): string {
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * (WEIGHTS[i] ?? 0), 0);
  return body + '10X98765432'.charAt(sum % 11);
}

const PROVINCES = [
  ...[11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46],
  ...[50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83],
].map(String);

describe('GB 11643-1999 / 第十九条: valid numbers', () => {
  it.each([
    // Fixed literals, check characters verified by hand against the weights.
    ['11010519491231002X', '1949-12-31', 'F'],
    ['440306199001011236', '1990-01-01', 'M'],
    ['510107198506152471', '1985-06-15', 'M'],
    ['110101200002290018', '2000-02-29', 'M'],
    // Bodies hand-picked, check character computed by the test's own implementation.
    [withCheck('32010219770707004'), '1977-07-07', 'F'],
    [withCheck('65010219000101009'), '1900-01-01', 'M'],
    [withCheck('54010220231231998'), '2023-12-31', 'F'],
  ])('GB 11643: %s is valid (born %s, sex %s)', (id, birthDate, sex) => {
    expect(checkIdNumber(id)).toEqual({ ok: true, normalized: id, birthDate, sex });
  });

  it.each([
    ['11', withCheck('11010519800101001')],
    ['15', withCheck('15010219800101001')],
    ['46', withCheck('46010219800101001')],
    ['71 (台湾)', withCheck('71000019800101001')],
    ['81 (香港)', withCheck('81000019800101001')],
    ['82 (澳门)', withCheck('82000019800101001')],
    ['83 (台湾居民居住证)', withCheck('83000019800101001')],
  ])('GB/T 2260: province prefix %s accepted', (_prefix, id) => {
    expect(checkIdNumber(id).ok).toBe(true);
  });

  it.each([
    ['110103 崇文区 (merged into 东城区 2010)', withCheck('11010319650312003')],
    ['110104 宣武区 (merged into 西城区 2010)', withCheck('11010419650312003')],
    ['342601 former 巢湖 prefecture (abolished 2011)', withCheck('34260119650312003')],
  ])('domain-rules 登记 4: retired region code %s with a valid checksum is accepted', (_code, id) => {
    expect(checkIdNumber(id).ok).toBe(true);
  });
});

describe('GB 11643 / 第十九条: input normalisation', () => {
  it.each([
    ['lower-case x accepted and stored upper-case', '11010519491231002x'],
    ['surrounding whitespace trimmed', '  11010519491231002X\t'],
    ['ideographic spaces trimmed', '\u300011010519491231002X\u3000'],
    ['full-width digits and Ｘ from a Chinese IME', '１１０１０５１９４９１２３１００２Ｘ'],
    ['full-width lower-case ｘ', '１１０１０５１９４９１２３１００２ｘ'],
  ])('GB 11643 / 第十九条: %s', (_rule, raw) => {
    expect(checkIdNumber(raw)).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it.each([
    ['110105491231002', '11010519491231002X', '1949-12-31', 'F'],
    ['440306900101123', '440306199001011236', '1990-01-01', 'M'],
    ['１１０１０５４９１２３１００２', '11010519491231002X', '1949-12-31', 'F'],
  ])('GB 11643-1989 legacy 15-digit %s converted to %s', (raw, normalized, birthDate, sex) => {
    expect(checkIdNumber(raw)).toEqual({ ok: true, normalized, birthDate, sex });
  });
});

describe('GB 11643 / 第十九条: every reason code', () => {
  it.each<[string, string, IdNumberReason]>([
    ['empty string', '', 'id-empty'],
    ['only whitespace', ' \u3000 ', 'id-empty'],
    ['17 characters', '11010519491231002', 'id-length'],
    ['16 digits', '1101051949123100', 'id-length'],
    ['19 characters', '11010519491231002X1', 'id-length'],
    ['X not in last place', '1101051949123100X2', 'id-format'],
    ['letter other than X', '11010519491231002Y', 'id-format'],
    ['inner space', '110105 9491231002X', 'id-format'],
    ['15-digit with X', '11010549123100X', 'id-format'],
    ['province 00', withCheck('00010519491231002'), 'id-province'],
    ['province 16', withCheck('16010519491231002'), 'id-province'],
    ['province 91 (test generators)', withCheck('91010519491231002'), 'id-province'],
    ['legacy 15-digit with province 99', '990105491231002', 'id-province'],
    ['month 13', withCheck('11010519491301002'), 'id-birth-date'],
    ['month 00', withCheck('11010519490001002'), 'id-birth-date'],
    ['day 00', withCheck('11010519491200002'), 'id-birth-date'],
    ['February 30', withCheck('11010519490230002'), 'id-birth-date'],
    ['April 31', withCheck('11010519490431002'), 'id-birth-date'],
    ['before 1900 (checksum valid: 440524188001010014)', '440524188001010014', 'id-birth-date'],
    ['1899-12-31', withCheck('11010518991231002'), 'id-birth-date'],
    ['legacy 15-digit with February 30', '110105490230002', 'id-birth-date'],
    ['wrong check digit', '110105194912310021', 'id-checksum'],
    ['X where a digit is due', '44030619900101123X', 'id-checksum'],
    ['two digits swapped', '11010519491231020X', 'id-checksum'],
  ])('GB 11643: %s → %s', (_rule, raw, reason) => {
    expect(checkIdNumber(raw)).toEqual({ ok: false, reason });
  });
});

describe('GB 11643 birth date (GB/T 7408): leap years and today', () => {
  it.each([
    ['2000-02-29 (divisible by 400)', '20000229', true],
    ['2024-02-29 (divisible by 4)', '20240229', true],
    ['1996-02-29', '19960229', true],
    ['1900-02-29 (divisible by 100, not 400)', '19000229', false],
    ['2023-02-29', '20230229', false],
    ['2100-02-29 (divisible by 100, not 400)', '21000229', false],
  ])('GB 11643: Feb 29 %s valid = %s', (_rule, date, valid) => {
    const id = withCheck(`110105${date}001`);
    expect(checkIdNumber(id).ok).toBe(valid);
  });

  it.each([
    ['born the day after today is refused', '20250602', '2025-06-01', false],
    ['born today is accepted', '20250601', '2025-06-01', true],
    ['born next year is refused', '20260101', '2025-06-01', false],
  ])('GB 11643 / 第十九条: %s', (_rule, date, today, valid) => {
    const id = withCheck(`110105${date}001`);
    expect(checkIdNumber(id, { today })).toEqual(
      valid ? expect.objectContaining({ ok: true }) : { ok: false, reason: 'id-birth-date' },
    );
  });

  it('GB 11643: a future birth date is only refused when today is given (shared code never reads the clock)', () => {
    expect(checkIdNumber(withCheck('11010520990101001')).ok).toBe(true);
  });

  it.each(['2025-6-1', '20250601', ''])('programming error: malformed today %j throws', (today) => {
    expect(() => checkIdNumber('11010519491231002X', { today })).toThrow(RangeError);
  });
});

describe('证件类型 each by its own check (checkDocumentNumber)', () => {
  it.each(['11010519491231002X', '11010519491231002x', '110105491231002', '110105194912310021', ''])(
    '居民身份证法 第三条 / GB 11643: 居民身份证 %j is checked exactly as checkIdNumber checks it',
    (raw) => {
      expect(checkDocumentNumber('resident-id', raw)).toEqual(checkIdNumber(raw));
    },
  );

  it.each([
    ['香港 810000', withCheck('81000019800101001'), '1980-01-01', 'M'],
    ['澳门 820000', withCheck('82000019900228002'), '1990-02-28', 'F'],
    ['台湾 830000', withCheck('83000019751231003'), '1975-12-31', 'M'],
  ])('GB 11643: 港澳台居民居住证 under %s is valid (born %s, sex %s)', (_prefix, id, birthDate, sex) => {
    expect(checkDocumentNumber('hmt-residence-permit', id)).toEqual({ ok: true, normalized: id, birthDate, sex });
  });

  it('GB 11643: a 港澳台居民居住证 number typed with a lower-case x or full-width digits is stored half-width, X upper-case', () => {
    const body = [...Array(10).keys()]
      .map((n) => `81000019800101${String(n).padStart(3, '0')}`)
      .find((b) => withCheck(b).endsWith('X'));
    expect(body).toBeDefined();
    const id = withCheck(body ?? '');
    expect(checkDocumentNumber('hmt-residence-permit', id.toLowerCase())).toMatchObject({ ok: true, normalized: id });
    const fullWidth = [...id].map((c) => (c === 'X' ? 'ｘ' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('');
    expect(checkDocumentNumber('hmt-residence-permit', fullWidth)).toMatchObject({ ok: true, normalized: id });
  });

  it.each<[string, string, IdNumberReason]>([
    ['empty', ' \u3000', 'id-number-empty'],
    ['17 characters', withCheck('81000019800101001').slice(0, 17), 'hmt-permit-length'],
    ['a 15-digit legacy number (居住证 numbers are 18 only)', '810000800101001', 'hmt-permit-length'],
    ['a letter inside', '81000019800101A01X', 'hmt-permit-format'],
    ['a 居民身份证 number of 北京', '11010519491231002X', 'hmt-permit-prefix'],
    ['81 with a county code (not 810000)', withCheck('81010019800101001'), 'hmt-permit-prefix'],
    ['710000 (台湾 province code, not the 居住证 830000)', withCheck('71000019800101001'), 'hmt-permit-prefix'],
    ['February 30', withCheck('83000019800230001'), 'hmt-permit-birth-date'],
    [
      'wrong check character',
      `${withCheck('82000019900228002').slice(0, 17)}${withCheck('82000019900228002').endsWith('0') ? '1' : '0'}`,
      'hmt-permit-checksum',
    ],
  ])('GB 11643: 港澳台居民居住证 %s → %s', (_rule, raw, reason) => {
    expect(checkDocumentNumber('hmt-residence-permit', raw)).toEqual({ ok: false, reason });
  });

  it('GB 11643: a 港澳台居民居住证 born after today is refused when today is given', () => {
    expect(
      checkDocumentNumber('hmt-residence-permit', withCheck('81000020250602001'), { today: '2025-06-01' }),
    ).toEqual({ ok: false, reason: 'hmt-permit-birth-date' });
    expect(() =>
      checkDocumentNumber('hmt-residence-permit', withCheck('81000020250602001'), { today: '2025-6-1' }),
    ).toThrow(RangeError);
  });

  it.each([
    ['H12345678', 'H12345678'],
    ['M87654321', 'M87654321'],
    ['H1234567801 (10 digits: renewals counted)', 'H1234567801'],
    [' h12345678 ', 'H12345678'],
    ['Ｍ１２３４５６７８', 'M12345678'],
  ])('港澳居民来往内地通行证 %s is valid, stored %s', (raw, normalized) => {
    expect(checkDocumentNumber('hk-macao-travel-permit', raw.replace(/ \(.*\)$/, ''))).toEqual({
      ok: true,
      normalized,
    });
  });

  it.each([
    'H1234567',
    'H123456789',
    'H123456789012',
    'K12345678',
    '12345678',
    'HM12345678',
    'H1234 5678',
    '11010519491231002X',
  ])('港澳居民来往内地通行证 %j is refused with hk-macao-permit-format', (raw) => {
    expect(checkDocumentNumber('hk-macao-travel-permit', raw)).toEqual({ ok: false, reason: 'hk-macao-permit-format' });
  });

  it.each([
    ['12345678', '12345678'],
    ['1234567801', '1234567801'],
    ['12345678B', '12345678B'],
    ['12345678(B)', '12345678(B)'],
    ['12345678（b）', '12345678(B)'],
    ['12345678(10)', '12345678(10)'],
    ['１２３４５６７８', '12345678'],
  ])('台湾居民来往大陆通行证 %j is valid, stored %j', (raw, normalized) => {
    expect(checkDocumentNumber('taiwan-travel-permit', raw)).toEqual({ ok: true, normalized });
  });

  it.each(['1234567', '12345678901', 'T12345678', '12345678(', '12345678()', '12345678(ABC)', '1234567B', 'ABCDEFGH'])(
    '台湾居民来往大陆通行证 %j is refused with taiwan-permit-format',
    (raw) => {
      expect(checkDocumentNumber('taiwan-travel-permit', raw)).toEqual({ ok: false, reason: 'taiwan-permit-format' });
    },
  );

  it.each([
    'hk-macao-travel-permit',
    'taiwan-travel-permit',
    'passport',
    'residence-permit',
    'hk-macao-taiwan-pass',
    'other',
  ] as const)('证件类型 %s: a blank number is refused with id-number-empty, never stored empty', (idType) => {
    expect(checkDocumentNumber(idType, ' \t')).toEqual({ ok: false, reason: 'id-number-empty' });
  });

  it.each<[IdType, string]>([
    ['passport', 'E12345678'],
    ['foreign-permanent', '933156199001010019'],
    ['residence-permit', '11010519491231002X'],
    ['hk-macao-taiwan-pass', 'H1234567800'],
    ['other', '军官证 第123号'],
  ])('证件类型 %s keeps its number free form (trimmed): stored records of every code still read', (idType, raw) => {
    expect(checkDocumentNumber(idType, ` ${raw} `)).toEqual({ ok: true, normalized: raw });
  });

  it('every 证件类型 code has a check', () => {
    for (const idType of idTypes) expect(checkDocumentNumber(idType, '').ok).toBe(false);
  });
});

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const validBody = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    county: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, county, birth, sequence }) => {
    const date = `${pad(birth.getUTCFullYear(), 4)}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}`;
    return { body: `${province}${pad(county, 4)}${date}${pad(sequence, 3)}`, date, sequence };
  });

describe('GB 11643 (ISO 7064 MOD 11-2) properties', () => {
  it('GB 11643: any body with a valid province and date plus its check char is valid; every single substitution fails', () => {
    fc.assert(
      fc.property(validBody, ({ body, date, sequence }) => {
        const id = withCheck(body);
        const result = checkIdNumber(id);
        expect(result).toEqual({
          ok: true,
          normalized: id,
          birthDate: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`,
          sex: sequence % 2 === 1 ? 'M' : 'F',
        });
        for (let i = 0; i < 18; i++) {
          for (const c of '0123456789X') {
            if (c === id[i]) continue;
            const changed = id.slice(0, i) + c + id.slice(i + 1);
            expect(checkIdNumber(changed).ok, changed).toBe(false);
          }
        }
      }),
    );
  });

  it('GB 11643-1989 → 1999: a legacy 15-digit number converts to "19" inserted plus the check char', () => {
    const legacy = validBody.filter(({ date }) => date.startsWith('19'));
    fc.assert(
      fc.property(legacy, ({ body }) => {
        const fifteen = body.slice(0, 6) + body.slice(8);
        expect(checkIdNumber(fifteen)).toMatchObject({ ok: true, normalized: withCheck(body) });
      }),
    );
  });
});
