import {
  getIndexableStringMonad,
  getQueryMatcher,
  getQueryPlan,
  getSortComparator,
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
} from 'rxdb';
import type { FilledMangoQuery, PreparedQuery, RxDocumentData, RxJsonSchema, RxQueryPlan } from 'rxdb';
import type { SqliteConnection, SqliteStatement } from './database';
import type { DocumentReader } from './doc-reader';
import type { IndexColumn, TableLayout } from './schema-sql';
import { quoteIdent } from './schema-sql';

type Doc<T> = RxDocumentData<T>;
type Statement = SqliteStatement;

/** Reads the range of one RxDB query plan from the matching index column, in index order. */
type PlanRange<T> = {
  readonly column: IndexColumn<T>;
  readonly lower: string | Buffer;
  readonly upper: string | Buffer;
  readonly plan: RxQueryPlan;
};

/** Turns RxDB query plans into SQL over the index columns; statements are prepared once per shape. */
export class QueryRunner<T> {
  private readonly statements = new Map<string, Statement>();
  private readonly columnByIndex: Map<string, IndexColumn<T>>;

  constructor(
    private readonly db: SqliteConnection,
    private readonly layout: TableLayout<T>,
    private readonly schema: RxJsonSchema<Doc<T>>,
    /** Turns the rows of reading statements into documents (through the storage's memo). */
    private readonly reader: DocumentReader<T>,
  ) {
    this.columnByIndex = new Map(layout.indexColumns.map((c) => [c.fields.join(','), c]));
  }

  query(prepared: PreparedQuery<T>): Doc<T>[] {
    const { query, queryPlan } = prepared;
    const skip = query.skip ?? 0;
    // `limit: 0` is a limit (RxDB's memory storage honours it), only a missing limit means "all".
    const limit = typeof query.limit === 'number' ? query.limit : Infinity;
    if (limit === 0) return [];
    const descending = this.descendingRange(query);
    if (descending) return this.readDescending(query, descending, skip, skip + limit);
    const range = this.range(queryPlan);
    if (!range) return this.fullScan(query, skip, skip + limit);
    const matcher = queryPlan.selectorSatisfiedByIndex ? undefined : getQueryMatcher(this.schema, query);
    if (queryPlan.sortSatisfiedByIndex && !matcher) {
      const sqlLimit = limit === Infinity ? -1 : limit;
      return this.reader.resolve(this.rangeStatement(range, 'ASC', true).all(range.lower, range.upper, sqlLimit, skip));
    }
    const rows: Doc<T>[] = [];
    const stopAt = queryPlan.sortSatisfiedByIndex ? skip + limit : Infinity;
    for (const doc of this.reader.iterate(this.rangeStatement(range, 'ASC', false), [range.lower, range.upper])) {
      if (matcher && !matcher(doc)) continue;
      rows.push(doc);
      if (rows.length >= stopAt) break;
    }
    if (!queryPlan.sortSatisfiedByIndex) rows.sort(getSortComparator(this.schema, query));
    return rows.slice(skip, skip + limit);
  }

  count(prepared: PreparedQuery<T>): number {
    const { query, queryPlan } = prepared;
    const range = this.range(queryPlan);
    if (!range) {
      const matcher = getQueryMatcher(this.schema, query);
      let n = 0;
      for (const doc of this.reader.iterate(this.fullScanStatement(), [])) if (matcher(doc)) n++;
      return n;
    }
    if (queryPlan.selectorSatisfiedByIndex) {
      const sql = `SELECT count(*) FROM ${quoteIdent(this.layout.table)} WHERE ${rangeWhere(range)}`;
      return this.statement(sql, (s) => s.pluck()).get(range.lower, range.upper) as number;
    }
    const matcher = getQueryMatcher(this.schema, query);
    let n = 0;
    for (const doc of this.reader.iterate(this.rangeStatement(range, 'ASC', false), [range.lower, range.upper])) {
      if (matcher(doc)) n++;
    }
    return n;
  }

  /**
   * The descending fast path. RxDB's planner never marks a descending sort as satisfied, so we ask it
   * for the plan of the same query sorted ascending: if an index satisfies that, reading it backwards
   * gives the descending order, except that ties on the sort fields come out with the primary key
   * descending too; `readDescending` fixes those runs.
   */
  private descendingRange(query: FilledMangoQuery<T>): PlanRange<T> | undefined {
    const sort = query.sort.map((part) => Object.entries(part)[0]);
    if (!sort.some((entry) => entry?.[1] === 'desc')) return undefined;
    const last = sort[sort.length - 1];
    if (!last || last[0] !== this.layout.primaryPath) return undefined;
    if (!sort.slice(0, -1).every((entry) => entry?.[1] === 'desc')) return undefined;
    const ascending = query.sort.map((part) => Object.fromEntries(Object.keys(part).map((k) => [k, 'asc'])));
    // Only the sort directions change, so the query keeps its FilledMangoQuery shape.
    const plan = getQueryPlan(this.schema, { ...query, sort: ascending } as FilledMangoQuery<T>);
    if (!plan.sortSatisfiedByIndex || plan.index[plan.index.length - 1] !== this.layout.primaryPath) return undefined;
    return this.range(plan);
  }

  private readDescending(query: FilledMangoQuery<T>, range: PlanRange<T>, skip: number, end: number): Doc<T>[] {
    const matcher = range.plan.selectorSatisfiedByIndex ? undefined : getQueryMatcher(this.schema, query);
    const runKey = getIndexableStringMonad(this.schema, range.column.fields.slice(0, -1));
    const rows: Doc<T>[] = [];
    const runStarts: number[] = [];
    let lastKey: string | undefined;
    for (const doc of this.reader.iterate(this.rangeStatement(range, 'DESC', false), [range.lower, range.upper])) {
      if (matcher && !matcher(doc)) continue;
      const key = runKey(doc);
      // A run of equal sort keys must be read whole: its order is reversed below.
      if (key !== lastKey) {
        if (rows.length >= end) break;
        runStarts.push(rows.length);
        lastKey = key;
      }
      rows.push(doc);
    }
    const comparator = getSortComparator(this.schema, query);
    runStarts.push(rows.length);
    const sorted: Doc<T>[] = [];
    for (let r = 0; r + 1 < runStarts.length; r++) {
      const run = rows.slice(runStarts[r], runStarts[r + 1]);
      sorted.push(...(run.length > 1 ? run.sort(comparator) : run));
    }
    return sorted.slice(skip, end);
  }

  private range(plan: RxQueryPlan): PlanRange<T> | undefined {
    const column = this.columnByIndex.get(plan.index.join(','));
    if (!column) return undefined;
    const lower = getStartIndexStringFromLowerBound(this.schema, plan.index, plan.startKeys);
    const upper = getStartIndexStringFromUpperBound(this.schema, plan.index, plan.endKeys);
    return { column, lower: this.layout.encodeKey(lower), upper: this.layout.encodeKey(upper), plan };
  }

  /** A query that forces an index this table does not have still gets an answer, by a full scan. */
  private fullScan(query: FilledMangoQuery<T>, skip: number, end: number): Doc<T>[] {
    const matcher = getQueryMatcher(this.schema, query);
    const rows: Doc<T>[] = [];
    for (const doc of this.reader.iterate(this.fullScanStatement(), [])) {
      if (matcher(doc)) rows.push(doc);
    }
    rows.sort(getSortComparator(this.schema, query));
    return rows.slice(skip, end);
  }

  private fullScanStatement(): Statement {
    return this.statement(
      `SELECT ${this.reader.shape.columns('')} FROM ${quoteIdent(this.layout.table)}`,
      this.reader.shape.mode,
    );
  }

  private rangeStatement(range: PlanRange<T>, order: 'ASC' | 'DESC', paged: boolean): Statement {
    const c = range.column.column;
    const sql =
      `SELECT ${this.reader.shape.columns('')} FROM ${quoteIdent(this.layout.table)} WHERE ${rangeWhere(range)} ORDER BY ${c} ${order}` +
      (paged ? ' LIMIT ? OFFSET ?' : '');
    return this.statement(sql, this.reader.shape.mode);
  }

  /** A statement prepared once per SQL text; `mode` sets its row shape (plucked value or raw array). */
  private statement(sql: string, mode: (statement: Statement) => Statement): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = mode(this.db.prepare<unknown[]>(sql));
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Every SQL text this runner has prepared, for EXPLAIN QUERY PLAN checks. */
  preparedSql(): string[] {
    return [...this.statements.keys()];
  }
}

function rangeWhere<T>(range: PlanRange<T>): string {
  const c = range.column.column;
  return `${c} ${range.plan.inclusiveStart ? '>=' : '>'} ? AND ${c} ${range.plan.inclusiveEnd ? '<=' : '<'} ?`;
}
