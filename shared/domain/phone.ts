/**
 * Telephone numbers recorded at registration (登记, 《信访工作条例》第十九条: the petitioner's contact details; 第十七条
 * names 电话 as a channel). Mobile numbers are checked strictly (`^1[3-9]\d{9}$`, common practice); landlines stay
 * free-form (domain-rules.md "Registration" item 4; domain-research.md §8).
 */

/**
 * Why a telephone number was refused (domain-rules.md "Registration" item 4).
 * - `phone-empty`: nothing but whitespace was entered.
 * - `phone-mobile-format`: not an 11-digit mainland mobile number `1[3-9]xxxxxxxxx` (after removing +86 etc.).
 * - `phone-format`: not a usable landline (characters other than digits, spaces, `-+()`, 转/ext; or not 7–20 digits).
 */
export type PhoneReason = 'phone-empty' | 'phone-mobile-format' | 'phone-format';

const MOBILE = /^1[3-9]\d{9}$/;
/** Hyphen, the Unicode dashes (‐‑‒–—―) and minus sign, all read as a separator. */
const DASHES = /[\u2010-\u2015\u2212]/g;
const LANDLINE_CHARS = /^(?:[\d \-+()转]|ext\.?)+$/i;

/** NFKC folds full-width digits, ＋, （）and the ideographic space typed by Chinese IMEs into ASCII. */
function fold(raw: string): string {
  return raw.normalize('NFKC').replace(DASHES, '-').trim();
}

/** Removes separators and a leading country code ((+86), +86, 0086, or 86 in front of 11 digits). */
function mobileDigits(folded: string): string {
  const compact = folded.replace(/[\s-]/g, '');
  const withoutCountry = compact.replace(/^(?:\(\+?86\)|\+86|0086)/, '');
  return withoutCountry.length === 13 && withoutCountry.startsWith('86') ? withoutCountry.slice(2) : withoutCountry;
}

/**
 * Checks a mainland mobile number (domain-rules.md "Registration" item 4: `^1[3-9]\d{9}$`). Spaces, dashes,
 * full-width digits and a leading +86 / 0086 / 86 are removed; `normalized` is the bare 11 digits.
 * @internal
 */
export function checkMobile(raw: string): { ok: true; normalized: string } | { ok: false; reason: PhoneReason } {
  const folded = fold(raw);
  if (folded === '') return { ok: false, reason: 'phone-empty' };
  const digits = mobileDigits(folded);
  return MOBILE.test(digits) ? { ok: true, normalized: digits } : { ok: false, reason: 'phone-mobile-format' };
}

/**
 * Checks any telephone number a petitioner gives (第十九条 contact details; domain-rules.md "Registration" item 4).
 * Something that looks like a mobile (11 digits starting with 1 once separators and +86 are removed) must be a valid
 * mobile and is normalised to its 11 digits. Anything else is a landline, kept free-form (area codes, 转 extensions
 * and office switchboards vary): digits, spaces, `-`, `+`, `(`, `)`, `转` or `ext` only, with 7–20 digits in total;
 * `normalized` is the NFKC-folded text with runs of whitespace collapsed to one space.
 */
export function checkPhone(
  raw: string,
): { ok: true; normalized: string; kind: 'mobile' | 'landline' } | { ok: false; reason: PhoneReason } {
  const folded = fold(raw);
  if (folded === '') return { ok: false, reason: 'phone-empty' };

  const digits = mobileDigits(folded);
  if (/^1\d{10}$/.test(digits)) {
    return MOBILE.test(digits)
      ? { ok: true, normalized: digits, kind: 'mobile' }
      : { ok: false, reason: 'phone-mobile-format' };
  }

  const landline = folded.replace(/\s+/g, ' ');
  if (!LANDLINE_CHARS.test(landline)) return { ok: false, reason: 'phone-format' };
  const digitCount = landline.replace(/\D/g, '').length;
  if (digitCount < 7 || digitCount > 20) return { ok: false, reason: 'phone-format' };
  return { ok: true, normalized: landline, kind: 'landline' };
}
