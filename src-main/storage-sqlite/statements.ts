import type { RxDocumentData } from 'rxdb';
import type { SqliteConnection, SqliteStatement } from './database';
import type { TableLayout } from './schema-sql';
import { quoteIdent, toOrderedBlob, toOrderedText } from './schema-sql';

/**
 * What reading statements select. With the parse memo on: each row's version, `[id, _rev, lwt]`
 * (raw rows), and the JSON text only for the rows the memo does not hold (see doc-reader.ts); with
 * it off: the JSON text alone (plucked), which is then always parsed.
 */
export type ReadShape = {
  readonly versions: boolean;
  /**
   * The select list, columns prefixed by `alias` ('' or 't.'); `id` replaces the id column (by-id reads
   * select the position in the id list instead, see DocumentReader.findByIds).
   */
  readonly columns: (alias: string, id?: string) => string;
  /** Sets a statement's row mode to match the select list. */
  readonly mode: (statement: SqliteStatement) => SqliteStatement;
};

export function readShape<RxDocType>(layout: TableLayout<RxDocType>, versions: boolean): ReadShape {
  if (!versions) return { versions, columns: (a) => `${a}data`, mode: (s) => s.pluck() };
  // Older tables have no rev column: json_extract reads it from the text, in C, without returning it.
  const rev = (a: string) => (layout.revColumn ? `${a}rev` : `json_extract(${a}data, '$._rev')`);
  return { versions, columns: (a, id = `${a}id`) => `${id}, ${rev(a)}, ${a}lwt`, mode: (s) => s.raw() };
}

type StatementName =
  | 'insert'
  | 'update'
  | 'dataByIds'
  | 'dataByIdsNotDeleted'
  | 'readByIds'
  | 'readByIdsNotDeleted'
  | 'changesFirst'
  | 'changesSince'
  | 'cleanupIds'
  | 'cleanup';
type AttachmentStatementName = 'attachmentPut' | 'attachmentDelete' | 'attachmentDeleteAll' | 'attachmentGet';
export type InstanceStatements = Record<StatementName, SqliteStatement> &
  Record<AttachmentStatementName, SqliteStatement | undefined>;

/** The fixed statements of one instance, prepared once; reads select `shape`. */
export function prepareStatements<RxDocType>(
  db: SqliteConnection,
  layout: TableLayout<RxDocType>,
  shape: ReadShape,
): InstanceStatements {
  const t = quoteIdent(layout.table);
  const cols = [...(layout.revColumn ? ['rev'] : []), ...layout.indexColumns.map((c) => c.column)];
  const a = layout.attachmentTable ? quoteIdent(layout.attachmentTable) : undefined;
  const idb = layout.keyFormat === 'blob';
  // The change feed's order: RxDB's [_meta.lwt, primary] index string, or (lwt, idb) in 'blob' tables.
  const changes = layout.changesColumn?.column;
  // json_each keeps one statement for any number of ids. CROSS JOIN makes the id list the outer loop
  // (rows come back in the asked order, one primary-key seek each); +deleted keeps SQLite off a scan.
  const byIds = (select: string, where = '') =>
    `SELECT ${select} FROM json_each(?) j CROSS JOIN ${t} t ON t.id = j.value${where}`;
  const read = (sql: string) => shape.mode(db.prepare(sql));
  return {
    insert: db.prepare(
      `INSERT INTO ${t} (id, ${idb ? 'idb, ' : ''}deleted, lwt, data${cols.map((c) => `, ${c}`).join('')})
       VALUES (?, ${idb ? '?, ' : ''}?, ?, ?${cols.map(() => ', ?').join('')})`,
    ),
    update: db.prepare(
      `UPDATE ${t} SET deleted = ?, lwt = ?, data = ?${cols.map((c) => `, ${c} = ?`).join('')} WHERE id = ?`,
    ),
    dataByIds: db.prepare(byIds('t.data')).pluck(),
    dataByIdsNotDeleted: db.prepare(byIds('t.data', ' WHERE +t.deleted = 0')).pluck(),
    readByIds: read(byIds(shape.columns('t.', 'j.key'))),
    readByIdsNotDeleted: read(byIds(shape.columns('t.', 'j.key'), ' WHERE +t.deleted = 0')),
    changesFirst: read(`SELECT ${shape.columns('')} FROM ${t} ORDER BY ${changes ?? 'lwt, idb'} LIMIT ?`),
    // 'blob': written as lwt >= ? AND (...) so SQLite seeks the (lwt, idb) index instead of scanning it.
    changesSince: read(
      changes
        ? `SELECT ${shape.columns('')} FROM ${t} WHERE ${changes} > ? ORDER BY ${changes} LIMIT ?`
        : `SELECT ${shape.columns('')} FROM ${t} WHERE lwt >= ? AND (lwt > ? OR idb > ?) ORDER BY lwt, idb LIMIT ?`,
    ),
    cleanupIds: db.prepare(`SELECT id FROM ${t} WHERE deleted = 1 AND lwt <= ?`).pluck(),
    cleanup: db.prepare(`DELETE FROM ${t} WHERE deleted = 1 AND lwt <= ?`),
    attachmentPut: a
      ? db.prepare(`INSERT OR REPLACE INTO ${a} (doc_id, att_id, digest, type, data) VALUES (?, ?, ?, ?, ?)`)
      : undefined,
    attachmentDelete: a ? db.prepare(`DELETE FROM ${a} WHERE doc_id = ? AND att_id = ?`) : undefined,
    attachmentDeleteAll: a ? db.prepare(`DELETE FROM ${a} WHERE doc_id = ?`) : undefined,
    attachmentGet: a ? db.prepare(`SELECT digest, type, data FROM ${a} WHERE doc_id = ? AND att_id = ?`) : undefined,
  };
}

/** The parameters of `changesSince` after a checkpoint. */
export function changesSinceParams<RxDocType>(
  layout: TableLayout<RxDocType>,
  checkpoint: { readonly id: string; readonly lwt: number },
  limit: number,
): unknown[] {
  const column = layout.changesColumn;
  if (!column) return [checkpoint.lwt, checkpoint.lwt, toOrderedBlob(checkpoint.id), limit];
  // The index string reads only the two indexed fields, so a stand-in with just those gives the checkpoint's key.
  const key = column.indexableString({
    _meta: { lwt: checkpoint.lwt },
    [layout.primaryPath]: checkpoint.id,
  } as unknown as RxDocumentData<RxDocType>);
  return [toOrderedText(key), limit];
}

/**
 * The SQL parameters of one document row: `insert` takes them as they are; `update` takes them with
 * the id (and idb) moved from the front to the end (see updateParams). The JSON text is at
 * `dataParam(layout)`.
 */
export function insertParams<RxDocType>(layout: TableLayout<RxDocType>, doc: RxDocumentData<RxDocType>): unknown[] {
  // The primary path is a string field of every RxDB document (RxDB validates this on schema creation).
  const id = (doc as Record<string, unknown>)[layout.primaryPath] as string;
  const params: unknown[] =
    layout.keyFormat === 'blob'
      ? [id, toOrderedBlob(id), doc._deleted ? 1 : 0, doc._meta.lwt, JSON.stringify(doc)]
      : [id, doc._deleted ? 1 : 0, doc._meta.lwt, JSON.stringify(doc)];
  if (layout.revColumn) params.push(doc._rev);
  if (layout.keyFormat === 'blob') {
    for (const c of layout.indexColumns) params.push(toOrderedBlob(c.indexableString(doc)));
    return params;
  }
  const { parts, columns } = layout.keyParts;
  const encoded = parts.map((part) => toOrderedText(part(doc)));
  for (const positions of columns) {
    let key = '';
    for (const position of positions) key += encoded[position];
    params.push(key);
  }
  return params;
}

/** Where insertParams puts the JSON text. */
export function dataParam<RxDocType>(layout: TableLayout<RxDocType>): number {
  return layout.keyFormat === 'blob' ? 4 : 3;
}

/** insertParams reordered for `update` (SET deleted, lwt, data, rev, keys… WHERE id = ?). */
export function updateParams<RxDocType>(layout: TableLayout<RxDocType>, params: unknown[]): unknown[] {
  const lead = layout.keyFormat === 'text' ? 1 : 2;
  const rest = params.slice(lead);
  rest.push(params[0]);
  return rest;
}
