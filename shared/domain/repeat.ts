import type { CaseProjection } from './case-types';

/**
 * Repeat detection at registration (重复信访, 《信访工作条例》第十九条第三款, 第三十六条第三款; domain-rules.md
 * "Registration" item 5): show the receptionist earlier matters of the same petitioner (证件号码, phone, name+address)
 * and matters with similar content, so the petition is linked to an existing matter (重件) or opens a new one (初件).
 * The scorer only ranks; the petition is registered either way (第四十四条第一项).
 *
 * Content similarity uses character bigrams (Chinese needs no word segmentation for this). The work is split so the
 * desk can score 100,000 stored matters quickly: {@link contentProfile} runs once per text and its result is stored;
 * comparing two profiles is linear in their sizes (bench/repeat.ts measures a full scan).
 */

/**
 * The bigram profile of a text: 32-bit FNV-1a hashes of its character bigrams, sorted ascending, without duplicates.
 * A plain `number[]` so it can be stored as JSON. Long texts keep only the {@link PROFILE_MAX_GRAMS} smallest hashes
 * (a bottom-k sketch).
 */
export type ContentProfile = readonly number[];

/**
 * Cap on the number of distinct grams kept per profile. Texts with more keep the smallest hashes (bottom-k sketch,
 * Broder 1997); {@link contentSimilarity} then compares both profiles only below the smaller cut-off, which estimates
 * the similarity of the full texts without bias. A profile of exactly this length is treated as cut.
 */
export const PROFILE_MAX_GRAMS = 2000;

/** Whitespace, separators, controls and punctuation (ASCII and Chinese: ，。、；：？！“”‘’（）《》【】—…) carry no content. */
const NOISE = /[\s\p{Z}\p{Cc}\p{P}]/gu;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the 3 low bytes of a code point (code points are < 0x110000). */
function fnvCodePoint(hash: number, codePoint: number): number {
  let h = Math.imul(hash ^ (codePoint & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((codePoint >>> 8) & 0xff), FNV_PRIME);
  return Math.imul(h ^ (codePoint >>> 16), FNV_PRIME);
}

/**
 * Builds the stored content profile of a petition's text (第十九条: 请求、事实、理由) for repeat detection.
 * The text is NFKC-normalised (full-width → half-width), lower-cased and stripped of whitespace and punctuation; its
 * characters are Unicode code points, so an emoji or a CJK Extension B character counts as one. Each bigram is
 * hashed with 32-bit FNV-1a. A one-character text yields that character as a single gram; an empty text an empty
 * profile.
 */
export function contentProfile(text: string): ContentProfile {
  const codePoints: number[] = [];
  for (const ch of text.normalize('NFKC').toLowerCase().replace(NOISE, '')) codePoints.push(ch.codePointAt(0) ?? 0);
  if (codePoints.length === 0) return [];
  // 0xff can never be the top byte of a code point, so a unigram hash stream differs from every bigram stream.
  if (codePoints.length === 1) return [Math.imul(fnvCodePoint(FNV_OFFSET, codePoints[0] ?? 0) ^ 0xff, FNV_PRIME) >>> 0];

  const grams = new Set<number>();
  let previous = codePoints[0] ?? 0;
  for (let i = 1; i < codePoints.length; i++) {
    const current = codePoints[i] ?? 0;
    grams.add(fnvCodePoint(fnvCodePoint(FNV_OFFSET, previous), current) >>> 0);
    previous = current;
  }
  // Via a typed array: numeric sort, and the plain array it yields holds unboxed doubles (hashes above 2^31 are not
  // small integers), which keeps the scan in findRepeats fast. Stored profiles read back from JSON are the same.
  const sorted = Uint32Array.from(grams).sort();
  return Array.from(sorted.length > PROFILE_MAX_GRAMS ? sorted.subarray(0, PROFILE_MAX_GRAMS) : sorted);
}

/** Number of leading entries of a sorted profile that are ≤ limit (linear: only cut profiles get here). */
function countAtMost(profile: ContentProfile, limit: number): number {
  let n = 0;
  while (n < profile.length && (profile[n] ?? Infinity) <= limit) n++;
  return n;
}

/** Dice coefficient, or 0 early when it cannot reach `atLeast` (the size bound needs no merge). */
function dice(a: ContentProfile, b: ContentProfile, atLeast: number): number {
  let na = a.length;
  let nb = b.length;
  if (na >= PROFILE_MAX_GRAMS || nb >= PROFILE_MAX_GRAMS) {
    // Bottom-k: beyond the smaller cut-off one side's grams are unknown, so compare only below it.
    const limit = Math.min(
      na >= PROFILE_MAX_GRAMS ? (a[na - 1] ?? Infinity) : Infinity,
      nb >= PROFILE_MAX_GRAMS ? (b[nb - 1] ?? Infinity) : Infinity,
    );
    na = countAtMost(a, limit);
    nb = countAtMost(b, limit);
  }
  if (na === 0 || nb === 0 || (2 * Math.min(na, nb)) / (na + nb) < atLeast) return 0;

  let i = 0,
    j = 0,
    shared = 0;
  while (i < na && j < nb) {
    // i < na ≤ a.length and j < nb ≤ b.length: both reads are in range.
    const x = a[i] as number;
    const y = b[j] as number;
    if (x <= y) i++;
    if (y <= x) j++;
    if (x === y) shared++;
  }
  return (2 * shared) / (na + nb);
}

/**
 * The input profile indexed for scoring against many candidates: a 65,536-bit filter (8 KiB, cache-resident) on the
 * low 16 bits of each gram, then an open-addressing table (load ≤ 1/4) on the high bits to confirm a filter hit. One
 * mostly-missing, well-predicted probe per candidate gram is about twice as fast as merging the two arrays.
 */
function indexProfile(profile: ContentProfile) {
  const filter = new Uint32Array(2048);
  let size = 64;
  while (size < profile.length * 4) size *= 2;
  const table = new Float64Array(size).fill(-1);
  const mask = size - 1;
  for (const gram of profile) {
    filter[(gram >>> 5) & 2047] = (filter[(gram >>> 5) & 2047] ?? 0) | (1 << (gram & 31));
    let slot = (gram >>> 16) & mask;
    while (table[slot] !== -1) slot = (slot + 1) & mask;
    table[slot] = gram;
  }
  return { profile, filter, table, mask };
}
type IndexedProfile = ReturnType<typeof indexProfile>;

function indexHolds({ filter, table, mask }: IndexedProfile, gram: number): boolean {
  if (((filter[(gram >>> 5) & 2047] ?? 0) & (1 << (gram & 31))) === 0) return false;
  for (let slot = (gram >>> 16) & mask; ; slot = (slot + 1) & mask) {
    const value = table[slot] ?? -1;
    if (value === -1) return false;
    if (value === gram) return true;
  }
}

/** Same value as `dice(input.profile, b, atLeast)`, computed by probing the index with each gram of `b`. */
function indexedDice(input: IndexedProfile, b: ContentProfile, atLeast: number): number {
  const na = input.profile.length;
  const nb = b.length;
  if (na >= PROFILE_MAX_GRAMS || nb >= PROFILE_MAX_GRAMS) return dice(input.profile, b, atLeast);
  if (na === 0 || nb === 0 || (2 * Math.min(na, nb)) / (na + nb) < atLeast) return 0;

  // The fewest shared grams whose Dice value (computed as below) reaches atLeast: give up once out of reach.
  let needed = Math.max(0, Math.ceil((atLeast * (na + nb)) / 2) - 1);
  while ((2 * needed) / (na + nb) < atLeast) needed++;
  let shared = 0;
  for (let j = 0; j < nb; j++) {
    if (shared + nb - j < needed) return 0;
    if (indexHolds(input, b[j] ?? -1)) shared++;
  }
  return (2 * shared) / (na + nb);
}

/**
 * Content similarity of two petitions in [0, 1] (第十九条第三款 同一信访事项; 第三十六条第三款 同一事实和理由): the
 * Sørensen–Dice coefficient 2|A∩B| / (|A|+|B|) over the bigram sets, by a linear merge of the sorted profiles. Dice
 * rather than Jaccard: a rephrased complaint shares few exact bigrams and Dice spreads those low overlaps more
 * readably (Dice = 2J/(1+J), so the ranking is the same). Identical texts → 1, disjoint or empty → 0.
 */
export function contentSimilarity(a: ContentProfile, b: ContentProfile): number {
  return dice(a, b, 0);
}

/**
 * What identifies a petitioner for repeat detection (第十九条: 姓名（名称）、住址; 证件号码 and phone as recorded).
 * `idNumber` and `phone` are already normalised (see `checkIdNumber`, `checkPhone`); name and address are free text.
 */
export interface PetitionerKey {
  idNumber?: string;
  phone?: string;
  name?: string;
  address?: string;
}

/** How two petitioner records were found to be the same person, strongest first. */
export type PetitionerMatch = 'id-number' | 'phone' | 'name-address';

/** Address containment counts only when the contained address has at least this many characters. */
const MIN_CONTAINED_ADDRESS = 6;

/** NFKC and no whitespace: a name typed with an ideographic space (U+3000) equals the same name without it. */
function normalizeKeyText(text: string | undefined): string {
  if (text === undefined) return '';
  // Fast path for the common case (it runs per candidate): printable ASCII without space and CJK Unified
  // Ideographs U+4E00–U+9FFF are NFKC-stable, so such a string is already normalised.
  let simple = true;
  for (let i = 0; i < text.length && simple; i++) {
    const c = text.charCodeAt(i);
    simple = (c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff);
  }
  return simple ? text : text.normalize('NFKC').replace(/\s+/g, '');
}

function sameAddress(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  // Count code points, not UTF-16 units (Extension B place-name characters are one character each).
  let chars = 0;
  for (const _ of shorter) chars++;
  return chars >= MIN_CONTAINED_ADDRESS && longer.includes(shorter);
}

/** A key with every field present: id and phone as given ('' if absent), name and address normalised. */
type PreparedKey = Required<PetitionerKey>;

function prepareKey({ idNumber = '', phone = '', name, address }: PetitionerKey): PreparedKey {
  return { idNumber, phone, name: normalizeKeyText(name), address: normalizeKeyText(address) };
}

/** Compares a prepared key with a raw one, normalising the raw name/address only when needed. */
function matchPrepared(a: PreparedKey, b: PetitionerKey): PetitionerMatch | null {
  if (a.idNumber !== '' && a.idNumber === b.idNumber) return 'id-number';
  if (a.phone !== '' && a.phone === b.phone) return 'phone';
  if (a.name === '' || a.address === '' || b.name === undefined || b.address === undefined) return null;
  if (a.name !== b.name && a.name !== normalizeKeyText(b.name)) return null;
  return sameAddress(a.address, normalizeKeyText(b.address)) ? 'name-address' : null;
}

/**
 * Whether two petitioner records are the same person (第十九条第三款 repeat by the same 信访人; domain-rules.md
 * "Registration" item 5): same 证件号码, else same phone, else same name (NFKC, whitespace removed) and same address
 * (same normalisation; equal, or one containing the other when the contained one has ≥ 6 characters). Empty fields
 * never match.
 * @internal
 */
export function petitionerMatch(a: PetitionerKey, b: PetitionerKey): PetitionerMatch | null {
  return matchPrepared(prepareKey(a), b);
}

/**
 * Score weight of a petitioner match, also its strength. Every match (≥ 2) outranks every content-only candidate
 * (similarity ≤ 1); among matches similarity still counts, the kind adding up to 0.5 for the stronger identification.
 */
const MATCH_WEIGHT: Readonly<Record<PetitionerMatch, number>> = { 'id-number': 2.5, phone: 2.25, 'name-address': 2 };

function bestMatch(inputs: readonly PreparedKey[], others: readonly PetitionerKey[]): PetitionerMatch | null {
  let best: PetitionerMatch | null = null;
  for (const a of inputs) {
    for (const b of others) {
      const match = matchPrepared(a, b);
      if (match !== null && (best === null || MATCH_WEIGHT[match] > MATCH_WEIGHT[best])) best = match;
      if (best === 'id-number') return best;
    }
  }
  return best;
}

/** The petition being registered: its petitioners and its content profile. */
export interface RepeatInput {
  petitioners: readonly PetitionerKey[];
  profile: ContentProfile;
}

/** An earlier matter (信访事项) to compare against. */
export interface RepeatCandidate extends RepeatInput {
  caseId: string;
}

/**
 * How an earlier matter relates to the petition being registered (第十九条第三款, 第三十六条第三款). `score` =
 * match weight (id-number 2.5, phone 2.25, name-address 2, none 0) + `similarity`; higher ranks first.
 */
export interface RepeatScore {
  caseId: string;
  samePetitioner: PetitionerMatch | null;
  similarity: number;
  score: number;
}

function toScore(caseId: string, samePetitioner: PetitionerMatch | null, similarity: number): RepeatScore {
  return {
    caseId,
    samePetitioner,
    similarity,
    score: (samePetitioner ? MATCH_WEIGHT[samePetitioner] : 0) + similarity,
  };
}

/**
 * Scores one earlier matter against the petition being registered (第十九条第三款, 第三十六条第三款): the strongest
 * petitioner match over all pairs of petitioners, and the content similarity.
 * @internal
 */
export function scoreRepeat(input: RepeatInput, candidate: RepeatCandidate): RepeatScore {
  const samePetitioner = bestMatch(input.petitioners.map(prepareKey), candidate.petitioners);
  return toScore(candidate.caseId, samePetitioner, contentSimilarity(input.profile, candidate.profile));
}

/** Best first; equal scores by caseId (code-unit order, locale-independent) so results are deterministic. */
function ranksBefore(x: RepeatScore, y: RepeatScore): boolean {
  return x.score > y.score || (x.score === y.score && x.caseId < y.caseId);
}

/**
 * The best `limit` of two ranked lists, each the best of its own candidates: a scan done in slices ends with the
 * same list as one scan of them all (every member of the overall best is among the best of its slice).
 */
export function mergeRepeats(a: readonly RepeatScore[], b: readonly RepeatScore[], limit: number): RepeatScore[] {
  return [...a, ...b].sort((x, y) => (ranksBefore(x, y) ? -1 : ranksBefore(y, x) ? 1 : 0)).slice(0, Math.max(0, limit));
}

/**
 * The earlier matters to show the receptionist at registration (第十九条第三款, 第三十六条第三款; domain-rules.md
 * "Registration" item 5): every candidate with a petitioner match or a similarity ≥ `minSimilarity` (default 0.3;
 * a similarity of 0 never qualifies on its own), best `limit` (default 10) first, ties by caseId. The result does not
 * depend on the order of `candidates`; it equals scoring every candidate with {@link scoreRepeat}, filtering and
 * sorting, but the scan stops early on candidates that can no longer qualify or enter the list.
 */
export function findRepeats(
  input: RepeatInput,
  candidates: Iterable<RepeatCandidate>,
  options?: { limit?: number; minSimilarity?: number },
): RepeatScore[] {
  const limit = options?.limit ?? 10;
  const minSimilarity = options?.minSimilarity ?? 0.3;
  const prepared = input.petitioners.map(prepareKey);
  const indexed = indexProfile(input.profile);
  const top: RepeatScore[] = [];
  if (limit <= 0) return top;

  for (const candidate of candidates) {
    const samePetitioner = bestMatch(prepared, candidate.petitioners);
    const worst = top[limit - 1];
    // Below `floor` a candidate can neither qualify nor beat the current last place, so the scan may stop early (the
    // 1e-9 slack keeps this exact despite rounding: distinct Dice values differ by far more).
    const beat = worst === undefined ? 0 : worst.score - (samePetitioner ? MATCH_WEIGHT[samePetitioner] : 0) - 1e-9;
    const floor = Math.max(samePetitioner === null ? minSimilarity : 0, beat);
    if (floor > 1) continue;
    const similarity = indexedDice(indexed, candidate.profile, floor);
    if (samePetitioner === null && (similarity < minSimilarity || similarity === 0)) continue;

    const scored = toScore(candidate.caseId, samePetitioner, similarity);
    if (worst !== undefined && !ranksBefore(scored, worst)) continue;
    let at = top.length;
    for (let before = top[at - 1]; before !== undefined && ranksBefore(scored, before); before = top[at - 1]) at--;
    top.splice(at, 0, scored);
    if (top.length > limit) top.pop();
  }
  return top;
}

/**
 * 第三十六条第三款: a matter whose 复核 is final (upheld or changed, not sent back), or closed as 复核完毕. The same
 * facts and reasons brought again are 不再受理, though still registered (第十九条、第四十四条第一项).
 */
export function closedByReReview(c: Pick<CaseProjection, 'status' | 'finalAfterReReview' | 'closeGround'>): boolean {
  if (c.status === 're-reviewed') return c.finalAfterReReview;
  return c.status === 'closed' && (c.finalAfterReReview || c.closeGround === 're-review-done');
}
