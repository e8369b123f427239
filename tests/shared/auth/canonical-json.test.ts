import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '#shared/auth/canonical-json';

/** The text signatures are made over (event-signatures.ts): one text per JSON value, whatever its key order. */
describe('canonical JSON (RFC 8785 for the values our documents hold)', () => {
  it('sorts keys at every depth, by UTF-16 code unit, with no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: '信访' }, B: 'x' })).toBe(
      '{"B":"x","a":{"c":"信访","d":[true,null]},"b":1}',
    );
    expect(canonicalJson({ '\u00e9': 1, z: 2, '\ud83d\ude00': 3, '\uffff': 4 })).toBe(
      '{"z":2,"é":1,"😀":3,"\uffff":4}',
    );
  });

  it('writes strings and numbers as JSON.stringify does (JCS), escapes included', () => {
    expect(canonicalJson(['a"b\\c\n\u0001', 1e21, 0.1, -0, 100])).toBe('["a\\"b\\\\c\\n\\u0001",1e+21,0.1,0,100]');
  });

  it('leaves out undefined members as JSON.stringify does, and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('refuses what JSON cannot carry unchanged rather than sign something else', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });

  it('is the same text for a value and for its JSON round trip with keys in any order (as jsonb returns it)', () => {
    const reorder = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reorder)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reorder(x)]),
            )
          : v;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalJson(value);
        expect(canonicalJson(JSON.parse(JSON.stringify(reorder(value))))).toBe(canonical);
        expect(JSON.parse(canonical)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});
