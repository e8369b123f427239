import { createHash } from 'node:crypto';
import { getIndexableStringMonad, getPrimaryFieldOfPrimaryKey } from 'rxdb';
import type { RxDocumentData, RxJsonSchema } from 'rxdb';
import type { SqliteConnection, SqliteStatement } from './database';
import { SqliteStorageError } from './database';

/**
 * RxDB compares index strings by UTF-16 code unit; SQLite compares text as UTF-8 bytes, which puts
 * characters outside the BMP (emoji, CJK Ext-B) after RxDB's upper bound '\uFFFF'. Big-endian UTF-16
 * bytes compared with memcmp (SQLite's BLOB order) give exactly the code-unit order.
 */
export function toOrderedBlob(value: string): Buffer {
  return Buffer.from(value, 'utf16le').swap16();
}

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
};

const META_TABLE = 'rxdb_meta';

export function tableLayout<RxDocType>(
  databaseName: string,
  collectionName: string,
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
): TableLayout<RxDocType> {
  // The database is the file, so the table name needs only the collection and the schema version.
  void databaseName;
  const table = `c:${collectionName}:v${schema.version}`;
  const indexColumns = (schema.indexes ?? []).map((index, position) => {
    const fields = typeof index === 'string' ? [index] : [...index];
    return { fields, column: `i${position}`, indexableString: getIndexableStringMonad(schema, fields) };
  });
  return {
    table,
    attachmentTable: schema.attachments ? `${table}:att` : undefined,
    primaryPath: getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string,
    indexColumns,
    schemaHash: hashSchema(schema),
  };
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
      throw new SqliteStorageError(
        'SQLITE_SCHEMA_MISMATCH',
        `集合 ${layout.table} 已用另一个 schema 创建；修改 schema 时请提高 version 并迁移`,
      );
    }
    return;
  }
  const t = quoteIdent(layout.table);
  const indexCols = layout.indexColumns.map((c) => `, ${c.column} BLOB NOT NULL`).join('');
  const statements = [
    `CREATE TABLE ${t} (id TEXT PRIMARY KEY NOT NULL, idb BLOB NOT NULL, deleted INTEGER NOT NULL,
      lwt REAL NOT NULL, data TEXT NOT NULL${indexCols})`,
    ...layout.indexColumns.map((c) => `CREATE INDEX ${quoteIdent(`${layout.table}:${c.column}`)} ON ${t}(${c.column})`),
    // Checkpoint reads order by (lwt, id) in JS order; idb is the id as an ordered blob.
    `CREATE INDEX ${quoteIdent(`${layout.table}:lwt`)} ON ${t}(lwt, idb)`,
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

type StatementName =
  | 'insert' | 'update' | 'byIds' | 'byIdsNotDeleted' | 'byId' | 'changesFirst' | 'changesSince' | 'cleanupIds'
  | 'cleanup' | 'fullScan';
type AttachmentStatementName = 'attachmentPut' | 'attachmentDelete' | 'attachmentDeleteAll' | 'attachmentGet';
export type InstanceStatements = Record<StatementName, SqliteStatement> &
  Record<AttachmentStatementName, SqliteStatement | undefined>;

/** The fixed statements of one instance, prepared once. */
export function prepareStatements<RxDocType>(db: SqliteConnection, layout: TableLayout<RxDocType>): InstanceStatements {
  const t = quoteIdent(layout.table);
  const cols = layout.indexColumns.map((c) => c.column);
  const a = layout.attachmentTable ? quoteIdent(layout.attachmentTable) : undefined;
  return {
    insert: db.prepare(
      `INSERT INTO ${t} (id, idb, deleted, lwt, data${cols.map((c) => `, ${c}`).join('')})
       VALUES (?, ?, ?, ?, ?${cols.map(() => ', ?').join('')})`,
    ),
    update: db.prepare(
      `UPDATE ${t} SET deleted = ?, lwt = ?, data = ?${cols.map((c) => `, ${c} = ?`).join('')} WHERE id = ?`,
    ),
    // json_each keeps one statement for any number of ids. CROSS JOIN makes the id list the outer loop
    // (rows come back in the asked order, one primary-key seek each); +deleted keeps SQLite off a scan.
    byIds: db.prepare(`SELECT t.data FROM json_each(?) j CROSS JOIN ${t} t ON t.id = j.value`).pluck(),
    byIdsNotDeleted: db
      .prepare(`SELECT t.data FROM json_each(?) j CROSS JOIN ${t} t ON t.id = j.value WHERE +t.deleted = 0`)
      .pluck(),
    byId: db.prepare(`SELECT data FROM ${t} WHERE id = ?`).pluck(),
    changesFirst: db.prepare(`SELECT data FROM ${t} ORDER BY lwt, idb LIMIT ?`).pluck(),
    // Written as lwt >= ? AND (...) so SQLite seeks the (lwt, idb) index instead of scanning all of it.
    changesSince: db
      .prepare(`SELECT data FROM ${t} WHERE lwt >= ? AND (lwt > ? OR idb > ?) ORDER BY lwt, idb LIMIT ?`)
      .pluck(),
    cleanupIds: db.prepare(`SELECT id FROM ${t} WHERE deleted = 1 AND lwt <= ?`).pluck(),
    cleanup: db.prepare(`DELETE FROM ${t} WHERE deleted = 1 AND lwt <= ?`),
    fullScan: db.prepare(`SELECT data FROM ${t}`).pluck(),
    attachmentPut: a
      ? db.prepare(`INSERT OR REPLACE INTO ${a} (doc_id, att_id, digest, type, data) VALUES (?, ?, ?, ?, ?)`)
      : undefined,
    attachmentDelete: a ? db.prepare(`DELETE FROM ${a} WHERE doc_id = ? AND att_id = ?`) : undefined,
    attachmentDeleteAll: a ? db.prepare(`DELETE FROM ${a} WHERE doc_id = ?`) : undefined,
    attachmentGet: a ? db.prepare(`SELECT digest, type, data FROM ${a} WHERE doc_id = ? AND att_id = ?`) : undefined,
  };
}


/** The SQL parameters of one document row, in the column order of `insert`. */
export function rowValues<RxDocType>(
  layout: TableLayout<RxDocType>,
  doc: RxDocumentData<RxDocType>,
): { id: string; values: unknown[]; json: string } {
  // The primary path is a string field of every RxDB document (RxDB validates this on schema creation).
  const id = (doc as Record<string, unknown>)[layout.primaryPath] as string;
  const json = JSON.stringify(doc);
  const values: unknown[] = [doc._deleted ? 1 : 0, doc._meta.lwt, json];
  for (const c of layout.indexColumns) values.push(toOrderedBlob(c.indexableString(doc)));
  return { id, values, json };
}
