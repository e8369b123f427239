import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  PROFILE_MAX_GRAMS,
  closedByReReview,
  contentProfile,
  contentSimilarity,
  findRepeats,
  mergeRepeats,
  petitionerMatch,
  scoreRepeat,
} from '#shared/domain/repeat';
import type { PetitionerKey, PetitionerMatch, RepeatCandidate } from '#shared/domain/repeat';

const sim = (a: string, b: string): number => contentSimilarity(contentProfile(a), contentProfile(b));

// Two phrasings of one land-compensation complaint, and two unrelated complaints.
const LAND_A = '我村2019年被镇政府征收土地30亩，至今未足额发放征地补偿款，要求镇政府尽快按标准发放拖欠的补偿款。';
const LAND_B = '2019年镇政府征收了我们村30亩土地，征地补偿款到现在还没有足额发放，请求尽快按照标准发放拖欠的补偿款！';
const NOISE = '小区楼下餐馆夜间油烟和噪音扰民，多次向城管反映没有处理，请求依法查处。';
const BRIBE = '反映镇卫生院医生收受红包，要求纪委调查处理。';

/** Deterministic pseudo-random CJK text (LCG), `length` characters drawn from `alphabet` code points. */
function cjkText(seed: number, length: number, alphabet = 3000): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += String.fromCodePoint(0x4e00 + (state % alphabet));
  }
  return text;
}

describe('第十九条第三款: content profile', () => {
  it('is sorted ascending, de-duplicated, 32-bit unsigned integers, and survives JSON', () => {
    const profile = contentProfile(LAND_A + LAND_A);
    expect(profile.length).toBeGreaterThan(0);
    for (let i = 1; i < profile.length; i++) expect(profile[i]).toBeGreaterThan(profile[i - 1] ?? Infinity);
    for (const gram of profile) expect(Number.isInteger(gram) && gram >= 0 && gram <= 0xffffffff).toBe(true);
    expect(JSON.parse(JSON.stringify(profile))).toEqual(profile);
    expect(Array.isArray(profile)).toBe(true);
  });

  it.each([
    ['Chinese punctuation and spaces', '征地 补偿，款！（拖欠）', '征地补偿款拖欠'],
    ['quotes, book titles, dashes, ellipsis', '“征地”《补偿》【款】——……', '征地补偿款'],
    ['full-width Latin and digits (NFKC)', 'ＡＢＣ１２３', 'abc123'],
    ['upper and lower case', 'ABC', 'abc'],
    ['line breaks and ideographic spaces', '征地\n补偿\u3000款', '征地补偿款'],
  ])('第十九条: normalisation ignores %s', (_rule, a, b) => {
    expect(contentProfile(a)).toEqual(contentProfile(b));
  });

  it.each([
    ['empty', ''],
    ['punctuation only', '，。！？……'],
    ['whitespace only', ' \u3000\n'],
  ])('第十九条: %s text → empty profile', (_rule, text) => {
    expect(contentProfile(text)).toEqual([]);
  });

  it.each([
    ['emoji', 'a😀b', 2],
    ['CJK Extension B', '甲𠀀乙', 2],
    ['repeated emoji', '😀😀😀', 1],
    ['single Extension B character', '𠀀', 1],
  ])('Unicode code points: %s counted as one character', (_rule, text, grams) => {
    expect(contentProfile(text)).toHaveLength(grams);
  });

  it.each([
    ['emoji sharing a high surrogate', '好😀', '好😁'],
    ['Extension B characters sharing a high surrogate', '甲𠀀', '甲𠀁'],
  ])('Unicode code points: %s share no gram', (_rule, a, b) => {
    expect(sim(a, b)).toBe(0);
  });

  it('bottom-k sketch: a very long text keeps the PROFILE_MAX_GRAMS smallest hashes', () => {
    const long = cjkText(7, 8000);
    const profile = contentProfile(long);
    expect(profile).toHaveLength(PROFILE_MAX_GRAMS);
    // Grams from any part of the text that fall below the cut-off are in the sketch.
    const cut = profile[profile.length - 1] ?? 0;
    const tail = contentProfile(long.slice(6000)).filter((gram) => gram <= cut);
    expect(tail.every((gram) => profile.includes(gram))).toBe(true);
  });
});

describe('第十九条第三款 / 第三十六条第三款: content similarity (Dice over bigrams)', () => {
  it.each([
    ['identical texts', LAND_A, LAND_A, 1, 1],
    ['identical after punctuation is removed', '征地补偿款！', '征地，补偿款', 1, 1],
    ['two phrasings of one land-compensation complaint', LAND_A, LAND_B, 0.5, 1],
    ['land compensation vs. restaurant noise', LAND_A, NOISE, 0, 0.1],
    ['land compensation vs. bribery report', LAND_A, BRIBE, 0, 0.1],
    ['disjoint texts', '征地补偿', '噪音扰民', 0, 0],
    ['empty vs. text', '', LAND_A, 0, 0],
    ['empty vs. empty', '', '', 0, 0],
  ])('第十九条第三款: %s', (_rule, a, b, min, max) => {
    const value = sim(a, b);
    expect(value).toBeGreaterThanOrEqual(min);
    expect(value).toBeLessThanOrEqual(max);
  });

  it('bottom-k: long texts compare with themselves as 1 and with a lightly edited copy as high', () => {
    const long = cjkText(11, 6000);
    expect(sim(long, long)).toBe(1);
    expect(sim(long, long.slice(0, 5800) + cjkText(99, 200))).toBeGreaterThan(0.9);
    expect(sim(long, cjkText(12, 6000))).toBeLessThan(0.05);
    // A short text against a cut profile is compared only below the cut-off, not against all 2,000 grams.
    expect(sim(long, long.slice(0, 1500))).toBeGreaterThan(0.3);
  });

  it('is symmetric, in [0, 1], and 1 for any non-empty text with itself', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        (a, b) => {
          const [pa, pb] = [contentProfile(a), contentProfile(b)];
          const value = contentSimilarity(pa, pb);
          expect(value).toBe(contentSimilarity(pb, pa));
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
          expect(contentSimilarity(pa, pa)).toBe(pa.length === 0 ? 0 : 1);
        },
      ),
    );
  });
});

describe('第十九条第三款: same petitioner', () => {
  it.each<[string, PetitionerKey, PetitionerKey, PetitionerMatch | null]>([
    [
      'same 证件号码',
      { idNumber: '11010519491231002X', name: '王伟' },
      { idNumber: '11010519491231002X', name: '王 伟' },
      'id-number',
    ],
    [
      'id before phone',
      { idNumber: '11010519491231002X', phone: '13812345678' },
      { idNumber: '11010519491231002X', phone: '13812345678' },
      'id-number',
    ],
    [
      'same phone, different ids',
      { idNumber: '11010519491231002X', phone: '13812345678' },
      { idNumber: '440306199001011236', phone: '13812345678' },
      'phone',
    ],
    [
      'same name and address',
      { name: '王伟', address: '城关镇东风村三组12号' },
      { name: '王伟', address: '城关镇东风村三组12号' },
      'name-address',
    ],
    [
      'name and address differ only in spacing and width',
      { name: '王　伟', address: '东风村 三组１２号' },
      { name: '王伟', address: '东风村三组12号' },
      'name-address',
    ],
    [
      'address contained (≥ 6 characters)',
      { name: '王伟', address: '东风村三组12号' },
      { name: '王伟', address: '城关镇东风村三组12号' },
      'name-address',
    ],
    [
      'address contained, the other way round',
      { name: '王伟', address: '城关镇东风村三组12号' },
      { name: '王伟', address: '东风村三组12号' },
      'name-address',
    ],
    [
      'address contained but only 5 characters',
      { name: '王伟', address: '东风村三组' },
      { name: '王伟', address: '城关镇东风村三组' },
      null,
    ],
    [
      'same name, different address',
      { name: '王伟', address: '城关镇东风村三组' },
      { name: '王伟', address: '城关镇红旗村一组' },
      null,
    ],
    [
      'same address, different name',
      { name: '王伟', address: '城关镇东风村三组' },
      { name: '李娜', address: '城关镇东风村三组' },
      null,
    ],
    ['same name, one address missing', { name: '王伟', address: '城关镇东风村三组' }, { name: '王伟' }, null],
    ['empty ids and phones never match', { idNumber: '', phone: '' }, { idNumber: '', phone: '' }, null],
    ['nothing known', {}, {}, null],
    [
      'different everything',
      { idNumber: '11010519491231002X', phone: '13812345678' },
      { idNumber: '440306199001011236', phone: '13912345678' },
      null,
    ],
  ])('第十九条第三款: %s → %s', (_rule, a, b, expected) => {
    expect(petitionerMatch(a, b)).toBe(expected);
    expect(petitionerMatch(b, a)).toBe(expected);
  });
});

const WANG: PetitionerKey = {
  idNumber: '11010519491231002X',
  phone: '13812345678',
  name: '王伟',
  address: '城关镇东风村三组12号',
};
const input = { petitioners: [WANG], profile: contentProfile(LAND_A) };
const candidate = (caseId: string, text: string, petitioners: PetitionerKey[] = []): RepeatCandidate => ({
  caseId,
  petitioners,
  profile: contentProfile(text),
});

describe('第十九条第三款 / 第三十六条第三款: scoring and ranking', () => {
  it('scoreRepeat: same 证件号码 and same content', () => {
    const score = scoreRepeat(input, candidate('c1', LAND_A, [{ idNumber: WANG.idNumber }]));
    expect(score).toEqual({ caseId: 'c1', samePetitioner: 'id-number', similarity: 1, score: 3.5 });
  });

  it('scoreRepeat: the strongest match over all pairs of a group petition (第二十条)', () => {
    const group = [
      { name: '李娜', address: '城关镇东风村一组' },
      { phone: '13812345678' },
      { name: '王伟', address: '东风村三组12号' },
    ];
    expect(scoreRepeat(input, candidate('c2', NOISE, group)).samePetitioner).toBe('phone');
  });

  it('findRepeats: same petitioner first, then similar content; unrelated matters left out', () => {
    const result = findRepeats(input, [
      candidate('unrelated', NOISE, [{ name: '赵敏', address: '城关镇' }]),
      candidate('other-person-same-complaint', LAND_B, [{ name: '李娜', idNumber: '440306199001011236' }]),
      candidate('same-person-other-complaint', BRIBE, [{ idNumber: WANG.idNumber }]),
      candidate('same-phone-same-complaint', LAND_B, [{ phone: WANG.phone }]),
      candidate('same-name-address', NOISE, [{ name: '王伟', address: '城关镇东风村三组12号' }]),
    ]);
    expect(result.map((r) => [r.caseId, r.samePetitioner])).toEqual([
      ['same-phone-same-complaint', 'phone'],
      ['same-person-other-complaint', 'id-number'],
      ['same-name-address', 'name-address'],
      ['other-person-same-complaint', null],
    ]);
  });

  it.each([
    ['limit', { limit: 2 }, ['a', 'b']],
    ['minSimilarity', { minSimilarity: 0.95 }, ['a', 'b', 'c']],
    ['limit 0', { limit: 0 }, []],
  ])('findRepeats: option %s', (_rule, options, expected) => {
    const candidates = [candidate('c', LAND_A), candidate('b', LAND_A), candidate('d', LAND_B), candidate('a', LAND_A)];
    expect(findRepeats(input, candidates, options).map((r) => r.caseId)).toEqual(expected);
  });

  it('findRepeats: similarity 0 never qualifies without a petitioner match, even with minSimilarity 0', () => {
    expect(findRepeats(input, [candidate('x', '噪音扰民')], { minSimilarity: 0 })).toEqual([]);
  });

  it('findRepeats: equal scores are ordered by caseId', () => {
    const ids = ['m-3', 'm-1', 'm-2', 'M-9'];
    const result = findRepeats(
      input,
      ids.map((id) => candidate(id, LAND_A)),
    );
    expect(result.map((r) => r.caseId)).toEqual(['M-9', 'm-1', 'm-2', 'm-3']);
  });

  it('findRepeats: the order of candidates does not change the result', () => {
    const texts = [LAND_A, LAND_B, NOISE, BRIBE, `${LAND_A}${NOISE}`, `${BRIBE}${LAND_B}`];
    const others: PetitionerKey[] = [
      {},
      { phone: WANG.phone },
      { idNumber: WANG.idNumber },
      { name: '李娜', address: '红旗村' },
    ];
    const pool = Array.from({ length: 24 }, (_, i) =>
      candidate(`case-${i}`, texts[i % texts.length] ?? '', [others[i % 4] ?? {}]),
    );
    const expected = findRepeats(input, pool, { limit: 7 });
    expect(expected).toHaveLength(7);
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, { minLength: pool.length }), (shuffled) => {
        expect(findRepeats(input, shuffled, { limit: 7 })).toEqual(expected);
      }),
    );
  });

  it('findRepeats: equals scoring every candidate with scoreRepeat, filtering, sorting and cutting (early exits are exact)', () => {
    const fragments = [LAND_A, LAND_B, NOISE, BRIBE, '征地补偿', '拖欠工资', cjkText(3, 2500), cjkText(4, 300)];
    // Near-copies give scores that differ by little, where an inexact early exit would show.
    fragments.push(LAND_A.slice(2), LAND_A.slice(0, -3), LAND_B.slice(1), `${LAND_A}。`, `${LAND_B}补偿`);
    const keys: PetitionerKey[] = [
      WANG,
      { phone: WANG.phone },
      { name: '王伟', address: '东风村三组12号' },
      { name: '李娜' },
      {},
    ];
    const arbitraryCandidate = fc.record({
      caseId: fc.stringMatching(/^[a-c][0-9]$/),
      petitioners: fc.array(fc.constantFrom(...keys), { maxLength: 2 }),
      text: fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')),
    });
    fc.assert(
      fc.property(
        fc.array(arbitraryCandidate, { maxLength: 30 }),
        fc.constantFrom(...fragments),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(0, 0.1, 0.3, 0.6),
        (raw, text, limit, minSimilarity) => {
          const subject = { petitioners: [WANG], profile: contentProfile(text) };
          const pool = raw.map((c) => candidate(c.caseId, c.text, c.petitioners));
          const reference = pool
            .map((c) => scoreRepeat(subject, c))
            .filter((s) => s.samePetitioner !== null || (s.similarity > 0 && s.similarity >= minSimilarity))
            .sort((x, y) => y.score - x.score || (x.caseId < y.caseId ? -1 : x.caseId > y.caseId ? 1 : 0))
            .slice(0, limit);
          const result = findRepeats(subject, pool, { limit, minSimilarity });
          expect(result.map((r) => r.score)).toEqual(reference.map((r) => r.score));
          // Equal score and caseId may come from two candidates: compare the ranked keys, not object identity.
          expect(result.map((r) => [r.caseId, r.samePetitioner, r.similarity])).toEqual(
            reference.map((r) => [r.caseId, r.samePetitioner, r.similarity]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('mergeRepeats: a scan in slices, merged, equals one scan of every candidate (the desk scans 100k in slices)', () => {
    const texts = [LAND_A, LAND_B, NOISE, BRIBE, `${LAND_A}${NOISE}`, `${BRIBE}${LAND_B}`, LAND_A.slice(3)];
    const others: PetitionerKey[] = [
      {},
      { phone: WANG.phone },
      { idNumber: WANG.idNumber },
      { name: '李娜', address: '红旗村' },
    ];
    const pool = Array.from({ length: 40 }, (_, i) =>
      candidate(`case-${i % 17}-${i}`, texts[i % texts.length] ?? '', [others[i % 4] ?? {}]),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), (size, limit) => {
        let merged = mergeRepeats([], [], limit);
        for (let i = 0; i < pool.length; i += size)
          merged = mergeRepeats(merged, findRepeats(input, pool.slice(i, i + size), { limit }), limit);
        expect(merged).toEqual(findRepeats(input, pool, { limit }));
      }),
    );
  });

  it('findRepeats: accepts any iterable (a generator over stored matters)', () => {
    function* stored(): Generator<RepeatCandidate> {
      yield candidate('g1', LAND_B);
      yield candidate('g2', NOISE);
    }
    expect(findRepeats(input, stored()).map((r) => r.caseId)).toEqual(['g1']);
  });
});

describe('第三十六条第三款 a matter closed by a final 复核', () => {
  it.each<[string, Parameters<typeof closedByReReview>[0], boolean]>([
    ['复核 upheld', { status: 're-reviewed', finalAfterReReview: true }, true],
    ['终结 as 复核完毕', { status: 'closed', finalAfterReReview: true, closeGround: 're-review-done' }, true],
    [
      '终结 otherwise after a final 复核',
      { status: 'closed', finalAfterReReview: true, closeGround: 'withdrawn' },
      true,
    ],
    ['复核 sent back to the 复查 organ', { status: 'in-review', finalAfterReReview: false }, false],
    [
      '终结 after the 复查 window lapsed',
      { status: 'closed', finalAfterReReview: false, closeGround: 'review-window-lapsed' },
      false,
    ],
    ['still being handled', { status: 'accepted', finalAfterReReview: false }, false],
  ])('第三十六条第三款 %s', (_name, c, final) => {
    expect(closedByReReview(c)).toBe(final);
  });
});
