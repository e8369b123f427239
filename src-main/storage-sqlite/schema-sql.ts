import { createHash } from 'node:crypto';
import { getIndexableStringMonad, getPrimaryFieldOfPrimaryKey } from 'rxdb';
import type { RxDocumentData, RxJsonSchema } from 'rxdb';
import type { SqliteConnection } from './database';
import { sqliteStorageError } from './database';

/**
 * RxDB compares index strings by UTF-16 code unit; SQLite compares TEXT as UTF-8 bytes, which agree
 * only below U+D800 (a surrogate pair, e.g. emoji or CJK Ext-B, is 4 UTF-8 bytes and sorts after
 * U+E000..U+FFFF, and RxDB's upper bound is '\uFFFF'). So every code unit from U+D800 up becomes the
 * code point U+10000 + (unit - 0xD800): one code point per unit, monotonic, so UTF-8 byte order of
 * the result is exactly RxDB's order. Index strings are almost always below U+D800 (CJK is
 * U+4E00..U+9FFF): those are bound as they are, with no allocation.
 */
export function toOrderedText(value: string): string {
  // One pass with charCodeAt; the result is built only from the first high unit on (most keys have none).
  let out: string | undefined;
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0xd800) continue;
    // The surrogate pair of U+10000 + (unit - 0xD800).
    out =
      (out ?? '') +
      value.slice(from, i) +
      String.fromCharCode(0xd800 + ((unit - 0xd800) >> 10), 0xdc00 + (unit & 0x3ff));
    from = i + 1;
  }
  return out === undefined ? value : out + value.slice(from);
}

/**
 * The key encoding of tables created before toOrderedText (see KeyFormat): big-endian UTF-16 bytes,
 * whose memcmp order (SQLite's BLOB order) is the code-unit order too.
 */
export function toOrderedBlob(value: string): Buffer {
  return Buffer.from(value, 'utf16le').swap16();
}

/**
 * How a table stores its index keys, fixed when it was created; the columns tell (see readKeyFormat).
 * 'text': TEXT keys (toOrderedText); the change feed reads RxDB's own [_meta.lwt, primary] index column.
 * 'blob': the first layout: BLOB keys (toOrderedBlob), plus an `idb` column and a (lwt, idb) index for
 * the change feed. Still read and written as it is, so existing files keep working.
 */
export type KeyFormat = 'text' | 'blob';

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** One RxDB index (after RxDB added its defaults) and the column that holds its index string. */
export type IndexColumn<RxDocType> = {
  readonly fields: readonly string[];
  readonly column: string;
  readonly indexableString: (doc: RxDocumentData<RxDocType>) => string;
};

export type TableLayout<RxDocType> = {
  readonly table: string;
  readonly attachmentTable: string | undefined;
  readonly primaryPath: string;
  readonly indexColumns: readonly IndexColumn<RxDocType>[];
  readonly schemaHash: string;
  readonly keyFormat: KeyFormat;
  readonly encodeKey: (value: string) => string | Buffer;
  /** 'text' tables: the index column over [_meta.lwt, primary] that orders the change feed. */
  readonly changesColumn: IndexColumn<RxDocType> | undefined;
  /** How insertParams builds 'text' keys from shared parts (see keyParts). */
  readonly keyParts: KeyParts<RxDocType>;
  /**
   * Whether the table has a `rev` column (`_rev` of `data`), which lets reads check the parse memo
   * without touching `data` (see doc-cache.ts). Tables created before it have none and read `_rev`
   * with json_extract; they open and work as they are.
   */
  readonly revColumn: boolean;
};

/**
 * RxDB's index string is the concatenation of one part per field, and toOrderedText maps code units one by one,
 * so a key is the concatenation of its encoded parts. Each field's part is computed and encoded once per
 * document, however many indexes share it (the primary key ends every RxDB index, _deleted starts most).
 */
type KeyParts<RxDocType> = {
  readonly parts: readonly ((doc: RxDocumentData<RxDocType>) => string)[];
  /** Per index column (in order), the positions of its fields in `parts`. */
  readonly columns: readonly (readonly number[])[];
};

function keyParts<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  columns: readonly IndexColumn<RxDocType>[],
): KeyParts<RxDocType> {
  const fields: string[] = [];
  const positions = columns.map((c) =>
    c.fields.map((field) => {
      const known = fields.indexOf(field);
      return known >= 0 ? known : fields.push(field) - 1;
    }),
  );
  return { parts: fields.map((field) => getIndexableStringMonad(schema, [field])), columns: positions };
}

const META_TABLE = 'rxdb_meta';

/**
 * The layout of one instance's table. The database is the file, so the table name needs only the
 * collection and the schema version. An existing table keeps the key format it was created with.
 */
export function tableLayout<RxDocType>(
  db: SqliteConnection,
  collectionName: string,
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
): TableLayout<RxDocType> {
  const table = `c:${collectionName}:v${schema.version}`;
  const existing = readColumns(db, table);
  // The first layout is the one with an `idb` column; a new table is always 'text' with a rev column.
  const keyFormat: KeyFormat = existing?.includes('idb') ? 'blob' : 'text';
  // The schema says the primary key is a top-level string field (RxDB checks this on schema creation).
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string;
  const column = (fields: string[], name: string): IndexColumn<RxDocType> => ({
    fields,
    column: name,
    indexableString: getIndexableStringMonad(schema, fields),
  });
  const indexColumns = (schema.indexes ?? []).map((index, position) =>
    column(typeof index === 'string' ? [index] : [...index], `i${position}`),
  );
  let changesColumn: IndexColumn<RxDocType> | undefined;
  if (keyFormat === 'text') {
    // RxDB adds this index to every schema; a hand-made schema without it gets it as an extra column.
    changesColumn = indexColumns.find(
      (c) => c.fields.length === 2 && c.fields[0] === '_meta.lwt' && c.fields[1] === primaryPath,
    );
    if (!changesColumn) {
      changesColumn = column(['_meta.lwt', primaryPath], 'ilwt');
      indexColumns.push(changesColumn);
    }
  }
  return {
    table,
    attachmentTable: schema.attachments ? `${table}:att` : undefined,
    primaryPath,
    indexColumns,
    schemaHash: hashSchema(schema),
    keyFormat,
    encodeKey: keyFormat === 'text' ? toOrderedText : toOrderedBlob,
    changesColumn,
    keyParts: keyParts(schema, indexColumns),
    revColumn: existing ? existing.includes('rev') : true,
  };
}

/** The column names of an existing table (they tell its layout, see tableLayout); undefined if none. */
function readColumns(db: SqliteConnection, table: string): unknown[] | undefined {
  const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table);
  return columns.length === 0 ? undefined : columns;
}

function hashSchema(schema: unknown): string {
  return createHash('sha256').update(stableStringify(schema)).digest('hex');
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Creates the tables of one storage instance, or checks that the existing ones were made for the same
 * schema: an instance is (database, collection, schema version), and a changed schema under the same
 * version would silently misread the index columns.
 */
export function ensureTables<RxDocType>(db: SqliteConnection, layout: TableLayout<RxDocType>): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${META_TABLE} (tbl TEXT PRIMARY KEY NOT NULL, schema_hash TEXT NOT NULL)`);
  const existing = db.prepare(`SELECT schema_hash FROM ${META_TABLE} WHERE tbl = ?`).pluck().get(layout.table);
  if (existing !== undefined) {
    if (existing !== layout.schemaHash) {
      throw sqliteStorageError(
        'SQLITE_SCHEMA_MISMATCH',
        `Collection ${layout.table} was created with another schema; to change the schema, raise its version and migrate`,
      );
    }
    return;
  }
  const t = quoteIdent(layout.table);
  // New tables are always 'text' (tableLayout); 'blob' tables exist already and are never created here.
  const indexCols = layout.indexColumns.map((c) => `, ${c.column} TEXT NOT NULL`).join('');
  const statements = [
    `CREATE TABLE ${t} (id TEXT PRIMARY KEY NOT NULL, deleted INTEGER NOT NULL,
      lwt REAL NOT NULL, data TEXT NOT NULL, rev TEXT NOT NULL${indexCols})`,
    ...layout.indexColumns.map((c) => `CREATE INDEX ${quoteIdent(`${layout.table}:${c.column}`)} ON ${t}(${c.column})`),
    // cleanup() only looks at deleted documents, so a partial index keeps it off the live rows.
    `CREATE INDEX ${quoteIdent(`${layout.table}:deleted`)} ON ${t}(lwt) WHERE deleted = 1`,
  ];
  if (layout.attachmentTable) {
    statements.push(`CREATE TABLE ${quoteIdent(layout.attachmentTable)} (doc_id TEXT NOT NULL, att_id TEXT NOT NULL,
      digest TEXT NOT NULL, type TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (doc_id, att_id))`);
  }
  db.transaction(() => {
    for (const sql of statements) db.exec(sql);
    db.prepare(`INSERT INTO ${META_TABLE} (tbl, schema_hash) VALUES (?, ?)`).run(layout.table, layout.schemaHash);
  }).immediate();
}

/** Drops only this instance's tables (their indexes go with them). */
export function dropTables<RxDocType>(db: SqliteConnection, layout: TableLayout<RxDocType>): void {
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS ${quoteIdent(layout.table)}`);
    if (layout.attachmentTable) db.exec(`DROP TABLE IF EXISTS ${quoteIdent(layout.attachmentTable)}`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${META_TABLE} (tbl TEXT PRIMARY KEY NOT NULL, schema_hash TEXT NOT NULL)`);
    db.prepare(`DELETE FROM ${META_TABLE} WHERE tbl = ?`).run(layout.table);
  }).immediate();
}
