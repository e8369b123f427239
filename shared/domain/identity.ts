import type { IdType } from './codes';

/**
 * 公民身份号码 (citizen identity number) checks, GB 11643-1999, and the checks of the other 证件 (港澳台居民居住证,
 * 港澳居民来往内地通行证, 台湾居民来往大陆通行证).
 *
 * Used at registration (登记, 《信访工作条例》第十九条: 信访人载明其姓名（名称）、住址) to check the petitioner's
 * 证件号码 and to key repeat detection (第十九条第三款, 第三十六条第三款). Other 证件 types keep their own checks.
 * See domain-rules.md "Registration" item 4 and domain-research.md §8.
 */

/**
 * Why a 公民身份号码 was refused (GB 11643-1999; domain-rules.md "Registration" item 4).
 * - `id-empty`: nothing but whitespace was entered.
 * - `id-length`: neither 18 characters nor a 15-digit legacy number.
 * - `id-format`: wrong characters (only digits, plus a final X on 18-character numbers).
 * - `id-province`: the first two digits are not a province-level code (GB/T 2260) in use.
 * - `id-birth-date`: not a real calendar date, before 1900-01-01, or after `today`.
 * - `id-checksum`: the ISO 7064 MOD 11-2 check character does not match.
 */
export type ResidentIdReason = 'id-empty' | 'id-length' | 'id-format' | 'id-province' | 'id-birth-date' | 'id-checksum';

/**
 * Why the number of another 证件 was refused (see {@link checkDocumentNumber}).
 * - `id-number-empty`: nothing but whitespace was entered.
 * - `hmt-permit-*`: a 港澳台居民居住证 number is not 18 characters, has wrong characters, is not under 810000 /
 *   820000 / 830000, carries no real birth date, or fails the GB 11643 check character.
 * - `hk-macao-permit-format`: a 港澳居民来往内地通行证 number is not H or M and 8 or 10 digits.
 * - `taiwan-permit-format`: a 台湾居民来往大陆通行证 number is not 8 digits (with an older card's check after them).
 */
export type PermitNumberReason =
  | 'id-number-empty'
  | 'hmt-permit-length'
  | 'hmt-permit-format'
  | 'hmt-permit-prefix'
  | 'hmt-permit-birth-date'
  | 'hmt-permit-checksum'
  | 'hk-macao-permit-format'
  | 'taiwan-permit-format';

/** Why any 证件号码 was refused: the reason codes of identity checks (reasons.ts takes them from here). */
export type IdNumberReason = ResidentIdReason | PermitNumberReason;

/**
 * Result of {@link checkIdNumber}: the normalised 18-character number with the birth date and sex it encodes
 * (GB 11643-1999 §4, sequence code odd = male, even = female), or a reason code.
 */
export type IdNumberCheck =
  { ok: true; normalized: string; birthDate: string; sex: 'M' | 'F' } | { ok: false; reason: ResidentIdReason };

/** GB 11643-1999 weights W_i = 2^(17-i) mod 11 for the first 17 characters. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * Province-level prefixes (GB/T 2260): 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 (台湾), 81 (香港), 82 (澳门),
 * and 83, used by 港澳台居民居住证 for Taiwan residents. County codes are deliberately not checked: retired codes stay
 * valid on numbers issued before the change (domain-research.md §8).
 */
const PROVINCE_RANGES: readonly (readonly [number, number])[] = [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
  [71, 71],
  [81, 83],
];
const PROVINCES: ReadonlySet<string> = new Set(
  PROVINCE_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))),
);

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Computes the GB 11643-1999 check character (ISO 7064:1983 MOD 11-2) for a 17-digit body.
 * The caller guarantees `body` is 17 ASCII digits.
 */
export function idNumberCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  // sum mod 11 is in 0..10 and CHECK_CHARS has 11 characters.
  return CHECK_CHARS.charAt(sum % 11);
}

/** Full-width digits and X (typed by Chinese IMEs) → ASCII; lower-case x → X. */
function normalizeInput(raw: string): string {
  return raw
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[xX\uFF38\uFF58]/g, 'X');
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `yyyymmdd` (8 ASCII digits) → 'YYYY-MM-DD' if it is a real date on or after 1900-01-01, else null. */
function birthDateOf(yyyymmdd: string): string | null {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const monthDays = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day > monthDays) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Checks a 公民身份号码 by GB 11643-1999 (domain-rules.md "Registration" item 4; 《信访工作条例》第十九条).
 *
 * Accepts surrounding whitespace, full-width digits/Ｘ and a lower-case x (stored upper-case). A 15-digit legacy number
 * (GB 11643-1989: address + YYMMDD + sequence) is converted to 18 characters by inserting "19" and computing the check
 * character. Checks, in order: length, characters, province prefix, birth date (a real date, not before 1900-01-01,
 * not after `options.today`), check character. A valid number whose county code has been retired is accepted.
 *
 * @param options.today 'YYYY-MM-DD' (Beijing date, passed in: shared code never reads the clock); birth dates after it
 *   are refused. Throws a RangeError if it is not in that form (a programming error, not user input).
 */
export function checkIdNumber(raw: string, options?: { today?: string }): IdNumberCheck {
  const today = options?.today;
  if (today !== undefined && !DATE_PATTERN.test(today)) throw new RangeError(`today must be YYYY-MM-DD: ${today}`);

  const input = normalizeInput(raw);
  if (input === '') return { ok: false, reason: 'id-empty' };
  if (input.length !== 18 && input.length !== 15) return { ok: false, reason: 'id-length' };
  const pattern = input.length === 18 ? /^\d{17}[\dX]$/ : /^\d{15}$/;
  if (!pattern.test(input)) return { ok: false, reason: 'id-format' };
  if (!PROVINCES.has(input.slice(0, 2))) return { ok: false, reason: 'id-province' };

  const legacy = input.length === 15;
  const body = legacy ? `${input.slice(0, 6)}19${input.slice(6)}` : input.slice(0, 17);
  const birthDate = birthDateOf(body.slice(6, 14));
  // 'YYYY-MM-DD' strings compare chronologically.
  if (birthDate === null || (today !== undefined && birthDate > today)) return { ok: false, reason: 'id-birth-date' };

  const check = idNumberCheckChar(body);
  if (!legacy && input.charAt(17) !== check) return { ok: false, reason: 'id-checksum' };

  const sex = (body.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
  return { ok: true, normalized: body + check, birthDate, sex };
}

/** Result of {@link checkDocumentNumber}: the number as stored, with the birth date and sex where it encodes them. */
export type DocumentNumberCheck =
  { ok: true; normalized: string; birthDate?: string; sex?: 'M' | 'F' } | { ok: false; reason: IdNumberReason };

/** Address codes of 港澳台居民居住证 numbers: 香港, 澳门, 台湾. */
const HMT_PREFIXES: ReadonlySet<string> = new Set(['810000', '820000', '830000']);

/** Full-width ASCII (digits, letters, brackets typed by Chinese IMEs) → half-width; trimmed; upper-case. */
function halfWidth(raw: string): string {
  return raw
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/**
 * A 港澳台居民居住证 number: its holder's 公民身份号码-shaped number, 18 characters by GB 11643 (check character by
 * ISO 7064 MOD 11-2, a real birth date) under the address code 810000 (香港), 820000 (澳门) or 830000 (台湾).
 */
function checkHmtResidencePermit(raw: string, today: string | undefined): DocumentNumberCheck {
  const input = normalizeInput(raw);
  if (input === '') return { ok: false, reason: 'id-number-empty' };
  if (input.length !== 18) return { ok: false, reason: 'hmt-permit-length' };
  if (!/^\d{17}[\dX]$/.test(input)) return { ok: false, reason: 'hmt-permit-format' };
  if (!HMT_PREFIXES.has(input.slice(0, 6))) return { ok: false, reason: 'hmt-permit-prefix' };
  const birthDate = birthDateOf(input.slice(6, 14));
  if (birthDate === null || (today !== undefined && birthDate > today))
    return { ok: false, reason: 'hmt-permit-birth-date' };
  if (input.charAt(17) !== idNumberCheckChar(input.slice(0, 17))) return { ok: false, reason: 'hmt-permit-checksum' };
  return { ok: true, normalized: input, birthDate, sex: (input.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F' };
}

/** A 港澳居民来往内地通行证 number: H (香港) or M (澳门), then 8 digits, or 10 on cards that count their renewals. */
const HK_MACAO_PERMIT = /^[HM]\d{8}(?:\d{2})?$/;
/**
 * A 台湾居民来往大陆通行证 number: 8 digits. Older cards carry a 1–2 character check after them, written bare or in
 * brackets (12345678(B), 1234567801): accepted as written, the brackets half-width.
 */
const TAIWAN_PERMIT = /^\d{8}(?:[A-Z\d]{1,2}|\([A-Z\d]{1,2}\))?$/;

/**
 * Checks a 证件号码 by the rule of its 证件类型 (domain-rules.md "Registration" item 4; 《信访工作条例》第十九条 asks
 * for the petitioner's name and address, and the number keys repeat detection, 第十九条第三款):
 * - 居民身份证 by GB 11643 ({@link checkIdNumber}; 《居民身份证法》第三条: the 公民身份号码 follows the national standard);
 * - 港澳台居民居住证 by GB 11643 under 810000 / 820000 / 830000;
 * - 港澳居民来往内地通行证: H or M and 8 or 10 digits; 台湾居民来往大陆通行证: 8 digits (an older card's check after);
 * - every other type is free form, but never empty.
 * Input is trimmed and full-width characters made half-width; letters are stored upper-case.
 *
 * @param options.today as for {@link checkIdNumber}: birth dates after it are refused.
 */
export function checkDocumentNumber(idType: IdType, raw: string, options?: { today?: string }): DocumentNumberCheck {
  switch (idType) {
    case 'resident-id':
      return checkIdNumber(raw, options);
    case 'hmt-residence-permit': {
      const today = options?.today;
      if (today !== undefined && !DATE_PATTERN.test(today)) throw new RangeError(`today must be YYYY-MM-DD: ${today}`);
      return checkHmtResidencePermit(raw, today);
    }
    case 'hk-macao-travel-permit':
    case 'taiwan-travel-permit': {
      const input = halfWidth(raw);
      if (input === '') return { ok: false, reason: 'id-number-empty' };
      if (idType === 'hk-macao-travel-permit')
        return HK_MACAO_PERMIT.test(input)
          ? { ok: true, normalized: input }
          : { ok: false, reason: 'hk-macao-permit-format' };
      return TAIWAN_PERMIT.test(input)
        ? { ok: true, normalized: input }
        : { ok: false, reason: 'taiwan-permit-format' };
    }
    default: {
      const input = raw.trim();
      return input === '' ? { ok: false, reason: 'id-number-empty' } : { ok: true, normalized: input };
    }
  }
}
