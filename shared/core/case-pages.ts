import type { MangoQuerySelector, RxCollection, RxDocumentData } from 'rxdb';
import type { CaseStatus } from '../domain/codes';
import type { CaseDoc } from '../domain/documents';
import { countStorage, queryStorage } from './read-all';

/**
 * Paging the matter list by position without reading everything in front of it.
 *
 * RxDB's Dexie storage walks an index forward only and applies `skip` by reading (and decoding) every row in front
 * of the page, and a descending sort is not served by any index: it reads and sorts the whole collection. At
 * 100,000 matters that is seconds per page, ten seconds for the first page of the newest-first list.
 *
 * So pages are read by key ("the rows after this one"), each read a bounded index range. A list by `receivedAt`
 * (the default, newest first, or oldest first) is served by a `Seek`: positions by counting on the index, so a
 * jump deep into the list costs a few counts. Newest first reads the ascending index in time windows just below
 * the last row, sized from the rows per millisecond seen so far. The other sorts (ascending only) are served by a
 * `Walk`, which learns, once, the row at every `STRIDE`-th position by reading forward in steps; a page at any
 * offset then starts from the nearest learned row, reading at most `STRIDE - 1` extra rows, and after each page
 * the walk reads on a way ahead, so a scrollbar drag far down usually lands on learned ground.
 *
 * Order: by the sort field, ties by id (ascending lists ascending, descending lists descending). A seek or a walk
 * describes one state of the collection; whoever owns it stops and drops it when a matter changes.
 *
 * A list leaves out the `UNLISTED` matters (作废): they are few, so a pager reads them once, passes over them while
 * reading, and takes them off its counts.
 */

/**
 * The status no list shows unless its filter asks for it: a registration made in error and 作废 by the 负责人
 * (第十九条) leaves every list and count, and stays readable, with its history, on its own page.
 */
export const UNLISTED = 'voided' satisfies CaseStatus;

/** Positions between two learned rows: a page reads at most this many rows in front of it. */
export const STRIDE = 200;
/** Rows one step of a walk reads. */
const WALK_STEP = 1_000;
/** The first window of a newest-first read, before any density is known. */
const FIRST_SPAN_MS = 7 * 86_400_000;
const MAX_SPAN_MS = 200 * 365 * 86_400_000;
/** Earliest instant a window may start at; below it the read takes everything that is left. */
const EARLIEST_MS = Date.UTC(1900, 0, 1);

export type SortField = 'receivedAt' | 'nextDue' | 'caseNumber';
export interface ListSort {
  readonly field: SortField;
  readonly direction: 'asc' | 'desc';
}

/** One row's place in the order: its sort value and its id. */
interface RowKey {
  readonly value: string;
  readonly id: string;
}

type Cases = RxCollection<CaseDoc>;
/** A stored row as the storage returns it (no RxDocument: a walk reads thousands and keeps none). */
export type StoredCaseRow = RxDocumentData<CaseDoc>;
/** The rows strictly after `after` in list order (from the first row when undefined), at most `n`. */
type ReadAfter = (after: RowKey | undefined, n: number) => Promise<StoredCaseRow[]>;
/** The unlisted rows by id, read once per pager (see `unlisted`). */
type ReadUnlisted = () => Promise<ReadonlyMap<string, StoredCaseRow>>;

/**
 * Whether a seek or a walk can serve this list: no filter but the leaving out of `UNLISTED` matters, which the
 * pagers do themselves (a filter picks another index, and RxDB then reads the matches anyway), and an order the `cases` indexes serve. Descending works on `receivedAt` only (a seek): its
 * values are instants, so a time window below a row is a key range; `nextDue` is '9999-12-31' for most closed
 * matters.
 */
export function walkable(selector: MangoQuerySelector<CaseDoc>, sort: ListSort): boolean {
  return Object.keys(selector).length === 0 && (sort.direction === 'asc' || sort.field === 'receivedAt');
}

/** An ascending sort's learned positions over one state of the collection. */
export class Walk {
  /** marks[k]: the row at position (k + 1) * STRIDE - 1. */
  private readonly marks: RowKey[] = [];
  private done = false;
  /** Marks the walk reads on to: what pages wait for, plus the way ahead of the latest page. */
  private target = 0;
  private walking = false;
  private waiters: { count: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private readonly read: ReadAfter;
  private readonly field: SortField;

  constructor(cases: Cases, field: SortField) {
    this.field = field;
    this.read = listed(ascending(cases, field), field, unlisted(cases));
  }

  /**
   * The rows at positions `offset` … `offset + limit - 1` (fewer at the end of the list). Then the walk reads on
   * `ahead` rows past this page while nobody waits, so a list being scrolled or dragged finds the way learned.
   */
  async page(offset: number, limit: number, ahead = 0): Promise<StoredCaseRow[]> {
    const stride = Math.floor(offset / STRIDE);
    await this.learn(stride);
    this.target = Math.max(this.target, stride + Math.ceil(ahead / STRIDE));
    void this.walk(); // nobody waits for this part: a failure is retried by the next page
    if (stride > this.marks.length) return []; // the list ended before `offset`
    const skip = offset - stride * STRIDE;
    const rows = await this.read(stride === 0 ? undefined : this.marks[stride - 1], skip + limit);
    return rows.slice(skip);
  }

  /** No more reading ahead (the collection changed): only the pages already waiting are walked to. */
  stop(): void {
    this.target = Math.max(0, ...this.waiters.map((w) => w.count));
  }

  /** Resolves once `count` marks are known or the list has ended; one walker, its steps shared by all. */
  private learn(count: number): Promise<void> {
    if (this.done || this.marks.length >= count) return Promise.resolve();
    this.target = Math.max(this.target, count);
    const known = new Promise<void>((resolve, reject) => this.waiters.push({ count, resolve, reject }));
    void this.walk();
    return known;
  }

  private async walk(): Promise<void> {
    if (this.walking) return;
    this.walking = true;
    try {
      while (!this.done && this.marks.length < this.target) {
        const rows = await this.read(this.marks.at(-1), WALK_STEP);
        rows.forEach((row, i) => {
          if (i % STRIDE === STRIDE - 1) this.marks.push({ value: row[this.field], id: row.id });
        });
        if (rows.length < WALK_STEP) this.done = true;
        this.waiters = this.waiters.filter((w) =>
          this.done || this.marks.length >= w.count ? (w.resolve(), false) : true,
        );
      }
    } catch (error) {
      for (const w of this.waiters) w.reject(error);
      this.waiters = [];
      this.target = this.marks.length;
    } finally {
      this.walking = false;
    }
  }
}

/** Rows a page may read past its nearest known position before a seek counts its way closer. */
const NEAR = 300;
/** Counts one seek may take; each narrows the bracket around the wanted position. */
const MAX_COUNTS = 8;
/** Parts the list is cut into by the boundaries counted up front. */
const SURVEY = 8;
/** Last rows of pages served, kept as starting points for the pages after them. */
const MAX_ROW_POINTS = 256;
/** Ids sorting after and before every id: a boundary mark with one of them falls between two values, not two rows. */
const HIGH_ID = '\uffff';
const LOW_ID = '';

/** A boundary between rows: `before` rows come before it in list order. `value` undefined: the list's start or end. */
interface Boundary {
  readonly value: string | undefined;
  readonly before: number;
  /** The instant used to interpolate: `value`'s, or at the ends the first or last row's. */
  readonly time: number;
}

/** A place to read a page from: forward after `mark` from position `at`, or backward from a boundary at `at`. */
interface ReadStart {
  readonly mark: RowKey | undefined;
  readonly at: number;
  readonly backward: boolean;
}

/**
 * Paging a list sorted by `receivedAt` (either direction) without learning every position in front of a page: the
 * position of an instant is a count on the index ("rows received after it"), which reads keys only and is many
 * times cheaper than reading the rows. A page far from every known position is found by interpolating an instant
 * between the known boundaries around it and counting the rows between the nearer one and it, until a boundary
 * lies within `NEAR` rows; the page is then read forward or backward from there. A scrollbar jump to any depth
 * costs a few counts and one short read, not a walk through everything in front of it.
 *
 * Each page's last row is kept, so the next page down reads with nothing to skip. Like a walk, a seek describes
 * one state of the collection, and is dropped when a matter changes.
 */
export class Seek {
  private readonly forward: ReadAfter;
  private readonly backward: ReadAfter;
  private readonly desc: boolean;
  /** Known boundaries by `before`: the start, any counted, the end (known once `ends` has run). */
  private bounds: Boundary[] = [];
  /** Row points: the position where the rows after a page's last row start, and that row's mark. */
  private readonly rows = new Map<number, RowKey>();
  private started: Promise<void> | undefined;

  private readonly total: () => Promise<number>;
  private readonly near: number;
  private readonly hidden: ReadUnlisted;

  /**
   * `total`: the list's length, unlisted matters left out (by default counted here; the handler passes RxDB's kept
   * counts, so the desk counts it once). `near`: rows a page may read past its nearest known position before
   * counting closer.
   */
  constructor(
    private readonly cases: Cases,
    sort: ListSort,
    now: () => Date,
    options: { readonly total?: () => Promise<number>; readonly near?: number } = {},
  ) {
    this.hidden = unlisted(cases);
    this.total =
      options.total ?? (async () => (await countStorage(cases, { selector: {} })) - (await this.hidden()).size);
    this.near = options.near ?? NEAR;
    this.desc = sort.direction === 'desc';
    const up = listed(ascending(cases, 'receivedAt'), 'receivedAt', this.hidden);
    const down = listed(newestFirst(cases, 'receivedAt', now), 'receivedAt', this.hidden);
    this.forward = this.desc ? down : up;
    this.backward = this.desc ? up : down;
  }

  /** The rows at positions `offset` … `offset + limit - 1`, exactly as a full sort would give them. */
  async page(offset: number, limit: number): Promise<StoredCaseRow[]> {
    let from = this.nearest(offset, limit);
    // Pages near the start do not wait for the ends: the first rows come before the count, which starts after them.
    if (this.bounds.length === 0 && cost(from, offset, limit) <= limit + this.near) {
      const rows = await this.readFrom(from, offset, limit);
      void this.counted().catch(() => undefined); // counted again by the next page that needs it
      return rows;
    }
    await this.counted();
    const length = this.bounds.at(-1)?.before ?? 0;
    if (offset >= length) return [];
    const wanted = Math.min(limit, length - offset); // a backward read from the end must not go on from the start
    from = this.nearest(offset, wanted);
    if (cost(from, offset, wanted) > wanted + this.near) {
      await this.locate(offset);
      from = this.nearest(offset, wanted);
    }
    return this.readFrom(from, offset, wanted);
  }

  /** Nothing runs between pages: there is nothing to stop. */
  stop(): void {}

  /** The ends, counted once (again after a failure). */
  private counted(): Promise<void> {
    return (this.started ??= this.ends().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    }));
  }

  /**
   * The list's two ends (its length, and the instants of its first and last rows, for interpolating), then a
   * survey: a boundary counted in each eighth of the list, so the first jump anywhere counts within one eighth.
   */
  private async ends(): Promise<void> {
    const [length, [first], [last]] = await Promise.all([
      this.total(),
      this.forward(undefined, 1),
      this.backward(undefined, 1),
    ]);
    const time = (row: StoredCaseRow | undefined) => (row ? Date.parse(row.receivedAt) : NaN);
    this.bounds = [
      { value: undefined, before: 0, time: time(first) },
      { value: undefined, before: length, time: time(last) },
    ];
    void this.survey(length).catch(() => undefined); // only a head start: a failed count is counted again by a jump
  }

  private async survey(length: number): Promise<void> {
    for (let k = 1; k < SURVEY; k++) await this.split(Math.floor((k * length) / SURVEY));
  }

  /** The cheapest known place to read the page at `offset` from. */
  private nearest(offset: number, limit: number): ReadStart {
    let best: ReadStart = { mark: undefined, at: 0, backward: false };
    const consider = (from: ReadStart) => {
      if (cost(from, offset, limit) < cost(best, offset, limit)) best = from;
    };
    this.bounds.forEach((b, i) => {
      if (b.before <= offset && i < this.bounds.length - 1)
        consider({ mark: this.markOf(b), at: b.before, backward: false });
      if (b.before > offset && i > 0) consider({ mark: this.markOf(b), at: b.before, backward: true });
    });
    for (const [at, mark] of this.rows) if (at <= offset) consider({ mark, at, backward: false });
    return best;
  }

  private async readFrom(from: ReadStart, offset: number, limit: number): Promise<StoredCaseRow[]> {
    if (!from.backward) {
      const rows = (await this.forward(from.mark, offset - from.at + limit)).slice(offset - from.at);
      const last = rows.at(-1);
      if (last) this.remember(offset + rows.length, { value: last.receivedAt, id: last.id });
      return rows;
    }
    const behind = (await this.backward(from.mark, from.at - offset)).reverse();
    const rest = limit > behind.length ? await this.forward(from.mark, limit - behind.length) : [];
    return [...behind, ...rest].slice(0, limit);
  }

  /** Counts boundaries in until one lies within `near` rows of `offset` (or the instants cannot be split further). */
  private async locate(offset: number): Promise<void> {
    for (let i = 0; i < MAX_COUNTS; i++) if (!(await this.split(offset))) return;
  }

  /**
   * One count: a boundary at the instant interpolated for `offset` between the known boundaries around it, counted
   * from the nearer one. False when there is nothing to do (a boundary is near enough) or nothing more to split.
   */
  private async split(offset: number): Promise<boolean> {
    const k = this.bounds.filter((b) => b.before <= offset).length - 1; // sorted by `before`
    const lo = this.bounds[k];
    const hi = this.bounds[k + 1];
    if (!lo || !hi || offset - lo.before <= this.near || hi.before - offset <= this.near) return false;
    const time = Math.round(lo.time + ((hi.time - lo.time) * (offset - lo.before)) / (hi.before - lo.before));
    if (!Number.isFinite(time)) return false;
    const value = new Date(time).toISOString();
    if (!this.inside(value, lo, hi) || this.bounds.some((b) => b.value === value)) return false;
    const fromLo = offset - lo.before <= hi.before - offset;
    const range = fromLo ? this.between(lo.value, value) : this.between(value, hi.value);
    const [all, hidden] = await Promise.all([
      countStorage(this.cases, { selector: { receivedAt: range } }),
      this.hidden(),
    ]);
    const counted = all - [...hidden.values()].filter((row) => within(row.receivedAt, range)).length;
    const boundary = { value, before: fromLo ? lo.before + counted : hi.before - counted, time };
    // Another page may have counted meanwhile: insert by position, not at the index found before the count.
    if (!this.bounds.some((b) => b.value === value))
      this.bounds = [...this.bounds, boundary].sort((a, b) => a.before - b.before);
    return true;
  }

  /** Whether `value` falls strictly between two boundaries in list order (so counting from either makes progress). */
  private inside(value: string, lo: Boundary, hi: Boundary): boolean {
    const [earlier, later] = this.desc ? [hi.value, lo.value] : [lo.value, hi.value];
    return (earlier === undefined || value > earlier) && (later === undefined || value < later);
  }

  /** The `receivedAt` range after boundary `a` and before boundary `b` (list order; undefined: the list's start, its end). */
  private between(a: string | undefined, b: string | undefined): Range {
    return this.desc
      ? { ...(a === undefined ? {} : { $lte: a }), ...(b === undefined ? {} : { $gt: b }) }
      : { ...(a === undefined ? {} : { $gte: a }), ...(b === undefined ? {} : { $lt: b }) };
  }

  /** A boundary as a mark to read after: between the rows before its instant and every row at it or beyond. */
  private markOf(b: Boundary): RowKey | undefined {
    return b.value === undefined ? undefined : { value: b.value, id: this.desc ? HIGH_ID : LOW_ID };
  }

  private remember(at: number, mark: RowKey): void {
    this.rows.delete(at);
    this.rows.set(at, mark);
    const oldest = this.rows.keys().next();
    if (this.rows.size > MAX_ROW_POINTS && !oldest.done) this.rows.delete(oldest.value);
  }
}

/** A key range as a selector states it. */
interface Range {
  readonly $gte?: string;
  readonly $gt?: string;
  readonly $lte?: string;
  readonly $lt?: string;
}

/** Whether `value` lies in `range`, as the storage's count decides it. */
function within(value: string, range: Range): boolean {
  return (
    (range.$gte === undefined || value >= range.$gte) &&
    (range.$gt === undefined || value > range.$gt) &&
    (range.$lte === undefined || value <= range.$lte) &&
    (range.$lt === undefined || value < range.$lt)
  );
}

/** The unlisted rows, read on the status index when first needed (again after a failure), kept by id. */
function unlisted(cases: Cases): ReadUnlisted {
  let rows: Promise<ReadonlyMap<string, StoredCaseRow>> | undefined;
  return () =>
    (rows ??= queryStorage(cases, { selector: { status: { $eq: UNLISTED } } }).then(
      (found) => new Map(found.map((row) => [row.id, row])),
      (error: unknown) => {
        rows = undefined;
        throw error;
      },
    ));
}

/** Rows a read takes beyond those it wants, where unlisted rows may be among them (saves a second read). */
const SPARE = 20;

/** A read that passes over the unlisted rows: it reads on past them until it has `n` listed rows or the list ends. */
function listed(read: ReadAfter, field: SortField, hidden: ReadUnlisted): ReadAfter {
  return async (after, n) => {
    const skip = await hidden();
    if (skip.size === 0) return read(after, n);
    const rows: StoredCaseRow[] = [];
    for (let from = after; ;) {
      const wanted = n - rows.length + Math.min(skip.size, SPARE);
      const raw = await read(from, wanted);
      rows.push(...raw.filter((row) => !skip.has(row.id)));
      const last = raw.at(-1);
      if (raw.length < wanted || last === undefined || rows.length >= n) return rows.slice(0, n);
      from = { value: last[field], id: last.id };
    }
  };
}

/** Rows read to serve `offset … offset + limit - 1` from `from`. */
function cost(from: ReadStart, offset: number, limit: number): number {
  return from.backward ? Math.max(from.at - offset, limit) : offset - from.at + limit;
}

/** Forward along the field's index: ties after the mark by id, then greater values; two index ranges. */
function ascending(cases: Cases, field: SortField): ReadAfter {
  const sort = [{ [field]: 'asc' as const }, { id: 'asc' as const }];
  return async (after, n) => {
    const rows: StoredCaseRow[] = [];
    if (after)
      rows.push(
        ...(await queryStorage(cases, {
          selector: { [field]: { $eq: after.value }, id: { $gt: after.id } },
          sort,
          limit: n,
        })),
      );
    if (rows.length < n) {
      const selector: MangoQuerySelector<CaseDoc> = after ? { [field]: { $gt: after.value } } : {};
      rows.push(...(await queryStorage(cases, { selector, sort, limit: n - rows.length })));
    }
    return rows;
  };
}

/**
 * Backward in time windows: each window [from, to) is one ascending index range read whole and reversed, so no
 * row is split between windows; its length is fitted to the rows still wanted at the density seen last.
 */
function newestFirst(cases: Cases, field: SortField, now: () => Date): ReadAfter {
  const sort = [{ [field]: 'asc' as const }, { id: 'asc' as const }];
  let perMs = 0; // rows per millisecond in the last window that had any
  return async (after, n) => {
    const rows: StoredCaseRow[] = [];
    if (after) {
      const ties = await queryStorage(cases, {
        selector: { [field]: { $eq: after.value }, id: { $lt: after.id } },
        sort,
      });
      rows.push(...ties.reverse());
    }
    // The first window ends nowhere: a clock ahead of this desk's may have stamped rows "in the future".
    let to: string | undefined = after?.value;
    let top = to === undefined ? now().getTime() : Date.parse(to);
    let span = perMs > 0 ? n / perMs : FIRST_SPAN_MS;
    while (rows.length < n) {
      const fromMs = Number.isFinite(top) ? top - Math.min(MAX_SPAN_MS, span * 1.25) : NaN;
      const from = fromMs >= EARLIEST_MS ? new Date(fromMs).toISOString() : undefined;
      const range = { ...(from === undefined ? {} : { $gte: from }), ...(to === undefined ? {} : { $lt: to }) };
      const window = await queryStorage(cases, { selector: { [field]: range }, sort });
      rows.push(...window.reverse());
      if (from === undefined) break; // everything below `to` has been read
      if (window.length > 0) perMs = window.length / (top - fromMs);
      const wanted = n - rows.length;
      span = window.length > 0 ? wanted / perMs : span * 4;
      to = from;
      top = fromMs;
    }
    return rows.slice(0, n);
  };
}
