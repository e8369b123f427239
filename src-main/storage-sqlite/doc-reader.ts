import type { RxDocumentData } from 'rxdb';
import type { SqliteStatement } from './database';
import type { MemoScope } from './doc-cache';
import type { InstanceStatements, ReadShape } from './statements';

type Doc<T> = RxDocumentData<T>;
/** A row of a versions statement (see ReadShape): id, `_rev`, `_meta.lwt`. */
type VersionRow = [id: string, rev: unknown, lwt: unknown];

/** The first chunk of a streamed read is small: a paged query with a matcher often stops early. */
const FIRST_CHUNK = 16;
const MAX_CHUNK = 512;

/**
 * Turns what reading statements return into documents. With the memo on, rows are versions: a row whose
 * (id, _rev, lwt) the memo holds costs a map lookup; the others are fetched as JSON text in one
 * statement and parsed (and remembered). With it off, rows are JSON texts and are parsed.
 * Callers run each read in one transaction (see the instance's `read`), so both statements see one state.
 */
export class DocumentReader<T> {
  constructor(
    private readonly memo: MemoScope,
    readonly shape: ReadShape,
    private readonly primaryPath: string,
    private readonly statements: InstanceStatements,
  ) {}

  /** The stored documents of `ids` (in no promised order). */
  findByIds(ids: readonly string[], withDeleted: boolean): Doc<T>[] {
    const json = JSON.stringify(ids);
    const s = this.statements;
    // A versions read pays a second statement for what the memo misses; when it knows few of the ids
    // (a cold read, or new ids in a write's conflict check) the text is fetched and parsed directly.
    if (this.shape.versions && this.knowsMost(ids)) {
      // Raw rows of [position in `ids`, _rev, lwt] (see prepareStatements): an integer comes back cheaper
      // than the id text, and the caller's id strings have their hashes cached for the memo's maps.
      const rows = (withDeleted ? s.readByIds : s.readByIdsNotDeleted).all(json) as unknown[][];
      for (const row of rows) row[0] = ids[row[0] as number];
      return this.resolve(rows);
    }
    return this.parseAll((withDeleted ? s.dataByIds : s.dataByIdsNotDeleted).all(json));
  }

  /** The documents of the rows a `shape` statement returned, in their order. */
  resolve(rows: readonly unknown[]): Doc<T>[] {
    if (!this.shape.versions) return this.parseAll(rows);
    const docs: (Doc<T> | undefined)[] = new Array(rows.length);
    let missing: string[] | undefined;
    for (let i = 0; i < rows.length; i++) {
      const [id, rev, lwt] = rows[i] as VersionRow;
      const doc = this.memo.get(id, rev, lwt) as Doc<T> | undefined;
      if (doc === undefined) (missing ??= []).push(id);
      else docs[i] = doc;
    }
    if (missing === undefined) return docs as Doc<T>[];
    const fetched = new Map<string, Doc<T>>();
    for (const doc of this.parseAll(this.statements.dataByIds.all(JSON.stringify(missing)))) {
      fetched.set(this.idOf(doc), doc);
    }
    const result: Doc<T>[] = [];
    for (let i = 0; i < rows.length; i++) {
      const doc = docs[i] ?? fetched.get((rows[i] as VersionRow)[0]);
      if (doc !== undefined) result.push(doc);
    }
    return result;
  }

  /** Like resolve, for rows read one by one: resolves them in growing chunks, so an early stop reads little. */
  *iterate(statement: SqliteStatement, params: readonly unknown[]): Generator<Doc<T>> {
    const rows = statement.iterate(...params);
    if (!this.shape.versions) {
      for (const text of rows) yield this.parse(text as string);
      return;
    }
    let size = FIRST_CHUNK;
    let chunk: unknown[] = [];
    for (const row of rows) {
      chunk.push(row);
      if (chunk.length < size) continue;
      yield* this.resolve(chunk);
      chunk = [];
      size = Math.min(size * 2, MAX_CHUNK);
    }
    if (chunk.length > 0) yield* this.resolve(chunk);
  }

  /** Remembers a document just written; `chars` is the length of its JSON text. */
  remember(doc: Doc<T>, chars: number): void {
    this.memo.set(this.idOf(doc), doc, chars);
  }

  private parseAll(texts: readonly unknown[]): Doc<T>[] {
    return texts.map((text) => this.parse(text as string));
  }

  private parse(text: string): Doc<T> {
    // The data column only ever holds JSON.stringify of an RxDocumentData (see insertParams).
    const doc = JSON.parse(text) as Doc<T>;
    this.memo.set(this.idOf(doc), doc, text.length);
    return doc;
  }

  private knowsMost(ids: readonly string[]): boolean {
    let known = 0;
    for (const id of ids) if (this.memo.has(id) && ++known * 2 >= ids.length) return true;
    return false;
  }

  private idOf(doc: Doc<T>): string {
    // RxDB requires the primary key to be a top-level string field.
    return (doc as Record<string, unknown>)[this.primaryPath] as string;
  }
}
