import { type MangoQuery, type MangoQuerySelector, type RxCollection, type RxDocumentData } from 'rxdb';
import type { CaseDoc } from '../domain/documents';
import { queryStorage } from './read-all';

/**
 * Paging the matter list by position without reading everything in front of it (issue 6).
 *
 * RxDB's Dexie storage walks an index forward only and applies `skip` by reading (and decoding) every row in front
 * of the page, and a descending sort is not served by any index: it reads and sorts the whole collection. At
 * 100,000 matters that is seconds per page, ten seconds for the first page of the newest-first list.
 *
 * So pages are read by key ("the rows after this one"), each read a bounded index range. A `Walk` per sort learns,
 * once, the row at every `STRIDE`-th position by reading forward in steps; a page at any offset then starts from
 * the nearest learned row, reading at most `STRIDE - 1` extra rows. Descending order (newest first) reads the
 * ascending index in time windows just below the last row, sized from the rows per millisecond seen so far.
 *
 * After each page the walk reads on a way ahead (while pages keep being asked for), so a scrollbar drag far down
 * usually lands on learned ground. Order: by the sort field, ties by id (ascending lists ascending, descending
 * lists descending). A walk describes one state of the collection; whoever owns it stops and drops it when a
 * matter changes.
 */

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
interface Mark {
  readonly value: string;
  readonly id: string;
}

type Cases = RxCollection<CaseDoc>;
/** A stored row as the storage returns it (no RxDocument: a walk reads thousands and keeps none). */
export type CaseRow = RxDocumentData<CaseDoc>;
/** The rows strictly after `after` in list order (from the first row when undefined), at most `n`. */
type Read = (after: Mark | undefined, n: number) => Promise<CaseRow[]>;

/**
 * Whether a walk can serve this list: no filter (a filter picks another index, and RxDB then reads the matches
 * anyway), and an order the `cases` indexes serve. Newest-first works on `receivedAt` only: its values are
 * instants, so a time window below a row is a key range; `nextDue` is '9999-12-31' for most closed matters.
 */
export function walkable(selector: MangoQuerySelector<CaseDoc>, sort: ListSort): boolean {
  return Object.keys(selector).length === 0 && (sort.direction === 'asc' || sort.field === 'receivedAt');
}

/** A sort's learned positions over one state of the collection. */
export class Walk {
  /** marks[k]: the row at position (k + 1) * STRIDE - 1. */
  private readonly marks: Mark[] = [];
  private done = false;
  /** Marks the walk reads on to: what pages wait for, plus the way ahead of the latest page. */
  private target = 0;
  private walking = false;
  private waiters: { count: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private readonly read: Read;
  private readonly field: SortField;

  constructor(cases: Cases, sort: ListSort, now: () => Date) {
    this.field = sort.field;
    this.read = sort.direction === 'asc' ? ascending(cases, sort.field) : newestFirst(cases, sort.field, now);
  }

  /**
   * The rows at positions `offset` … `offset + limit - 1` (fewer at the end of the list). Then the walk reads on
   * `ahead` rows past this page while nobody waits, so a list being scrolled or dragged finds the way learned.
   */
  async page(offset: number, limit: number, ahead = 0): Promise<CaseRow[]> {
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
        this.waiters = this.waiters.filter((w) => (this.done || this.marks.length >= w.count ? (w.resolve(), false) : true));
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

const query = (cases: Cases, mango: MangoQuery<CaseDoc>): Promise<CaseRow[]> => queryStorage(cases, mango);

/** Forward along the field's index: ties after the mark by id, then greater values; two index ranges. */
function ascending(cases: Cases, field: SortField): Read {
  const sort = [{ [field]: 'asc' as const }, { id: 'asc' as const }];
  return async (after, n) => {
    const rows: CaseRow[] = [];
    if (after) rows.push(...(await query(cases, { selector: { [field]: { $eq: after.value }, id: { $gt: after.id } }, sort, limit: n })));
    if (rows.length < n) {
      const selector: MangoQuerySelector<CaseDoc> = after ? { [field]: { $gt: after.value } } : {};
      rows.push(...(await query(cases, { selector, sort, limit: n - rows.length })));
    }
    return rows;
  };
}

/**
 * Backward in time windows: each window [from, to) is one ascending index range read whole and reversed, so no
 * row is split between windows; its length is fitted to the rows still wanted at the density seen last.
 */
function newestFirst(cases: Cases, field: SortField, now: () => Date): Read {
  const sort = [{ [field]: 'asc' as const }, { id: 'asc' as const }];
  let perMs = 0; // rows per millisecond in the last window that had any
  return async (after, n) => {
    const rows: CaseRow[] = [];
    if (after) {
      const ties = await query(cases, { selector: { [field]: { $eq: after.value }, id: { $lt: after.id } }, sort });
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
      const window = await query(cases, { selector: { [field]: range }, sort });
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
