import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { parseQueryCode, queryCode, type QueryCodeProblem } from '#shared/domain/query-code';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHAPE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]$/;
const ID = '019a5f3c-7e21-7b4d-9c3e-5a1f2b3c4d5e';

describe('第二十一条第二款 查询码: derived from the matter id', () => {
  it('第二十一条: is XXXXX-XXXXX-C in Crockford base32 (no I, L, O, U) and the same for the same id', () => {
    const code = queryCode(ID);
    expect(code).toMatch(SHAPE);
    expect(queryCode(ID)).toBe(code);
    expect(queryCode(ID.toUpperCase())).toBe(code);
    expect(queryCode(ID.replace(/-/g, ''))).toBe(code);
  });

  it.each([
    // The low 50 bits of the id, 5 bits a character, then the Luhn mod 32 check character.
    ['all zero bits', '00000000-0000-7000-8000-000000000000', '00000-00000-0'],
    ['low bit set', '00000000-0000-7000-8000-000000000001', '00000-00001-Y'],
    ['all 50 low bits set', '00000000-0000-7000-8003-ffffffffffff', 'ZZZZZ-ZZZZZ-A'],
    ['bits above the 50th ignored', 'ffffffff-ffff-7fff-bffc-000000000000', '00000-00000-0'],
  ])('第二十一条: %s → %s', (_case, id, code) => {
    expect(queryCode(id)).toBe(code);
    expect(parseQueryCode(code)).toEqual({ ok: true, code });
  });

  it('第二十一条: two ids of one millisecond (the counter counts up) and 20,000 fresh ids never share a code', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect(new Set(ids.map(queryCode)).size).toBe(ids.length);
  });

  it('第二十一条: an id that is not a UUID is hashed, still to a valid code', () => {
    const code = queryCode('case-1');
    expect(code).toMatch(SHAPE);
    expect(code).not.toBe(queryCode('case-2'));
    expect(parseQueryCode(code)).toEqual({ ok: true, code });
  });
});

describe('第二十一条第二款 查询码 as typed by a person', () => {
  const code = queryCode(ID);
  const bare = code.replace(/-/g, '');
  it.each([
    ['as printed', code],
    ['lower case', code.toLowerCase()],
    ['no dashes', bare],
    ['spaces', `${bare.slice(0, 4)} ${bare.slice(4, 8)} ${bare.slice(8)}`],
    [
      'surrounding whitespace and full-width characters',
      `\u3000${[...code].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')} `,
    ],
    ['en dashes', code.replace(/-/g, '–')],
  ])('第二十一条: %s → accepted', (_case, typed) => {
    expect(parseQueryCode(typed)).toEqual({ ok: true, code });
  });

  it.each([
    ['O read as 0', '0000O-00000-0', '00000-00000-0'],
    ['i and L read as 1', '00000-0000i-Y', '00000-00001-Y'],
    ['L read as 1', '00000-0000L-Y', '00000-00001-Y'],
  ])('第二十一条: %s', (_case, typed, expected) => {
    expect(parseQueryCode(typed)).toEqual({ ok: true, code: expected });
  });

  it.each<[string, string, QueryCodeProblem]>([
    ['empty', '', 'query-code-length'],
    ['one character short', code.slice(0, -1), 'query-code-length'],
    ['one character too many', `${code}0`, 'query-code-length'],
    ['the case number instead', '999901101-2025-ABC123-00001', 'query-code-length'],
    ['U is not a digit', `U${bare.slice(1)}`, 'query-code-character'],
    ['punctuation', `${bare.slice(0, 10)}*`, 'query-code-character'],
    [
      'wrong check character',
      `${bare.slice(0, 10)}${ALPHABET[(ALPHABET.indexOf(bare.slice(-1)) + 1) % 32]}`,
      'query-code-check',
    ],
  ])('第二十一条: %s → %s', (_case, typed, problem) => {
    expect(parseQueryCode(typed)).toEqual({ ok: false, problem });
  });

  it('第二十一条: every single mistyped character is caught, and every swap of neighbours but 0↔Z', () => {
    const missed: string[] = [];
    const caught = (typed: string) => {
      const parsed = parseQueryCode(typed);
      if (parsed.ok || parsed.problem !== 'query-code-check') missed.push(typed);
    };
    for (const id of Array.from({ length: 200 }, () => uuidv7())) {
      const chars = [...queryCode(id).replace(/-/g, '')];
      chars.forEach((original, i) => {
        for (const other of ALPHABET)
          if (other !== original) caught([...chars.slice(0, i), other, ...chars.slice(i + 1)].join(''));
      });
      for (let i = 0; i + 1 < chars.length; i++) {
        const [a, b] = [chars[i]!, chars[i + 1]!];
        if (a !== b && [a, b].sort().join('') !== '0Z')
          caught([...chars.slice(0, i), b, a, ...chars.slice(i + 2)].join(''));
      }
    }
    expect(missed).toEqual([]);
  });
});
