/**
 * A memo of JSON.parse for stored documents, keyed by the exact JSON text SQLite returns.
 *
 * Parsing is most of the cost of every read (a 400-character document with non-Latin text takes
 * several microseconds; the SQLite lookup is about one). Because the key is the full text, an entry
 * can never be stale: a changed document has a different text and misses. So no write path, other
 * connection, cleanup or remove has to invalidate anything, and one memo serves every file and
 * instance of a storage object. Bounded by total characters; the oldest entries go first.
 *
 * The documents are shared between callers, as RxDB's memory storage shares its stored objects:
 * RxDB treats storage results as immutable (and deep-freezes them in dev-mode).
 */
export class ParsedDocumentCache {
  private readonly byText = new Map<string, object>();
  private chars = 0;

  /** `maxChars` 0 turns the memo off (every read parses). */
  constructor(private readonly maxChars: number) {}

  parse<D>(text: unknown): D {
    // The data column only ever holds JSON.stringify of an RxDocumentData (see rowValues).
    const json = text as string;
    const hit = this.byText.get(json);
    // The entry was stored for this very text, so it is what JSON.parse(json) returns.
    if (hit !== undefined) return hit as D;
    const doc = JSON.parse(json) as D;
    this.remember(json, doc);
    return doc;
  }

  /** Keeps a parsed document for its text (reads call this; writes do not, see write.ts). */
  remember(json: string, doc: unknown): void {
    if (this.maxChars <= 0 || typeof doc !== 'object' || doc === null || this.byText.has(json)) return;
    this.byText.set(json, doc);
    this.chars += json.length;
    if (this.chars <= this.maxChars) return;
    // Evicts down to 90% in one pass: asking a Map for its first key after many front deletions walks
    // over the deleted slots each time, which made a full memo cost more per insert than the insert.
    for (const oldest of this.byText.keys()) {
      if (this.chars <= this.maxChars * 0.9) break;
      this.byText.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  clear(): void {
    this.byText.clear();
    this.chars = 0;
  }
}

/** About 10,000 documents of the desk's size; 0 turns the memo off. */
export const DEFAULT_DOCUMENT_CACHE_CHARS = 4_000_000;
