/**
 * 查询码: the code a petitioner quotes later to ask how their matter stands (《信访工作条例》第二十一条第二款: 信访人
 * 可以查询、评价信访事项办理情况; domain-research §7.4: the 受理告知书 carries it). It is not the provisional case
 * number (which names the desk and its sequence): it is derived from the matter's id, so it is never stored, is
 * the same on every desk and the server, and needs no network to print.
 *
 * Shape: 10 characters of Crockford base32 (50 bits) and a check character, printed `XXXXX-XXXXX-C`. The
 * alphabet has no I, L, O or U, so nothing reads as another character; a Luhn mod 32 check character catches
 * every single mistyped character and every swap of two neighbouring characters except 0↔Z.
 */

/** Crockford's base32 digits: 0–9 and the letters but I, L, O and U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = 32;
const DATA_LENGTH = 10;
const DATA_BITS = 2 ** (5 * DATA_LENGTH);

/** Why a typed 查询码 was not accepted (the UI maps each to Chinese). */
export type QueryCodeProblem = 'query-code-length' | 'query-code-character' | 'query-code-check';

/**
 * The 查询码 of a matter (第二十一条第二款). A matter's id is a UUIDv7: its low 50 bits are 32 bits drawn fresh
 * for each id and the low 18 bits of a counter that starts at a random value every millisecond and counts up
 * within it, so two ids of one millisecond never share them and any two others do with odds of 2⁻⁵⁰ (among a
 * million matters, about one chance in 2,000 that some two share a code; among 100,000, one in 200,000). An
 * id of another form is hashed to 50 bits instead.
 */
export function queryCode(caseId: string): string {
  const data = toBase32(lowBits(caseId));
  return format(data + ALPHABET.charAt(luhnCheck(data)));
}

/**
 * Reads a 查询码 as a person types or reads it out: case, spaces, dashes and full-width characters do not matter,
 * and the letters most often confused with digits are read as them (O → 0, I and L → 1). Returns the code as
 * `queryCode` prints it, or why it cannot be one (a wrong check character is a typing mistake, never a match).
 * @internal
 */
export function parseQueryCode(input: string): { ok: true; code: string } | { ok: false; problem: QueryCodeProblem } {
  const compact = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\u2010-\u2015\u2212_-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== DATA_LENGTH + 1) return { ok: false, problem: 'query-code-length' };
  if ([...compact].some((ch) => !ALPHABET.includes(ch))) return { ok: false, problem: 'query-code-character' };
  if (luhnCheck(compact.slice(0, DATA_LENGTH)) !== ALPHABET.indexOf(compact.slice(-1)))
    return { ok: false, problem: 'query-code-check' };
  return { ok: true, code: format(compact) };
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The id's low 50 bits (13 hex digits are 52 bits: exact in a double). */
function lowBits(id: string): number {
  if (UUID.test(id)) return parseInt(id.replace(/-/g, '').slice(-13), 16) % DATA_BITS;
  return hash53(id) % DATA_BITS;
}

/** cyrb53 (public domain): a 53-bit string hash, for ids that are not UUIDs. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function toBase32(value: number): string {
  let out = '';
  for (let i = 0; i < DATA_LENGTH; i++) {
    out = ALPHABET.charAt(value % BASE) + out;
    value = Math.floor(value / BASE);
  }
  return out;
}

/** Luhn mod N (N = 32) over base32 digits: the check value that makes the weighted sum a multiple of 32. */
function luhnCheck(data: string): number {
  let sum = 0;
  let factor = 2;
  for (let i = data.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(data.charAt(i));
    sum += Math.floor(addend / BASE) + (addend % BASE);
    factor = 3 - factor;
  }
  return (BASE - (sum % BASE)) % BASE;
}

/** XXXXX-XXXXX-C. */
function format(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5, DATA_LENGTH)}-${code.slice(DATA_LENGTH)}`;
}
