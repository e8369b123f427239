import type { RxDocumentData } from 'rxdb';

type StoredDoc = RxDocumentData<unknown>;
type Entry = { readonly doc: StoredDoc; readonly chars: number };

/**
 * A memo of parsed stored documents, so reads skip both JSON.parse and fetching the JSON text.
 *
 * Entries are keyed by primary key within a scope (one table of one file) and are only returned for
 * the state the row holds now: the reader first selects each row's (`_rev`, `_meta.lwt`) and asks for
 * the document of exactly that pair. RxDB's `_rev` is `${height}-${databaseInstanceToken}`, so after a
 * purge and re-insert one process writes '1-<token>' again with other contents; but every write through
 * RxDB stamps `_meta.lwt` with its `now()`, which never returns the same value twice in a process, and the
 * token differs between processes. So (id, _rev, lwt) names one document state, and an entry can be
 * stale but never wrong: no write path, other connection, cleanup or remove has to invalidate anything.
 *
 * Written documents are kept too (the object RxDB handed to bulkWrite, as RxDB's memory storage keeps
 * it), and the documents are shared between callers: RxDB treats storage results as immutable (and
 * deep-freezes them in dev-mode). Bounded by characters of JSON with two generations: when the young
 * maps of all scopes together pass half the budget, every scope's young map becomes its old map and the
 * previous old maps are dropped, O(scopes), no per-entry eviction work on the write path; a hit in an
 * old map moves the entry back to the young one.
 */
export class DocumentMemo {
  private readonly scopes = new Map<string, MemoScope>();
  private youngChars = 0;

  /** `maxChars` 0 turns the memo off (every read parses). */
  constructor(readonly maxChars: number) {}

  get enabled(): boolean {
    return this.maxChars > 0;
  }

  /** The memo of one table of one file, shared by every instance that opens it. */
  scope(filePath: string, table: string): MemoScope {
    const key = `${filePath}\u0000${table}`;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = new MemoScope(this);
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /** Called by a scope after it took `chars` more characters into its young map. */
  grew(chars: number): void {
    this.youngChars += chars;
    if (this.youngChars * 2 <= this.maxChars) return;
    for (const scope of this.scopes.values()) scope.age();
    this.youngChars = 0;
  }

  /** Called by a scope that dropped its young map early (clear). */
  shrank(chars: number): void {
    this.youngChars = Math.max(0, this.youngChars - chars);
  }
}

export class MemoScope {
  private young = new Map<string, Entry>();
  private old = new Map<string, Entry>();
  private youngChars = 0;

  constructor(private readonly memo: DocumentMemo) {}

  /** The remembered document of `id` if it is the state (`rev`, `lwt`) the row holds. */
  get(id: string, rev: unknown, lwt: unknown): StoredDoc | undefined {
    let entry = this.young.get(id);
    if (entry === undefined) {
      entry = this.old.get(id);
      if (entry === undefined) return undefined;
      if (entry.doc._rev === rev && entry.doc._meta.lwt === lwt) this.keep(id, entry);
    }
    return entry.doc._rev === rev && entry.doc._meta.lwt === lwt ? entry.doc : undefined;
  }

  /** Whether some state of `id` is remembered (it may be stale); cheap, for choosing a read plan. */
  has(id: string): boolean {
    return this.young.has(id) || this.old.has(id);
  }

  /** Remembers a stored document; `chars` is the length of its JSON, for the budget. */
  set(id: string, doc: StoredDoc, chars: number): void {
    if (this.memo.enabled) this.keep(id, { doc, chars });
  }

  /** Drops everything (the table was removed). */
  clear(): void {
    this.memo.shrank(this.youngChars);
    this.young = new Map();
    this.old = new Map();
    this.youngChars = 0;
  }

  /** The young generation becomes the old one (see DocumentMemo). */
  age(): void {
    this.old = this.young;
    this.young = new Map();
    this.youngChars = 0;
  }

  private keep(id: string, entry: Entry): void {
    this.young.set(id, entry);
    this.youngChars += entry.chars;
    // Last: it may age this scope, which is harmless for the entry just set (it moves to `old`).
    this.memo.grew(entry.chars);
  }
}

/** About 10,000 documents of the desk's size; 0 turns the memo off. */
export const DEFAULT_DOCUMENT_CACHE_CHARS = 4_000_000;
