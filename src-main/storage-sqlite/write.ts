import { categorizeBulkWriteRows } from 'rxdb';
import type { BulkWriteRow, CategorizeBulkWriteRowsOutput, RxDocumentData, RxStorageInstance } from 'rxdb';
import type { SqliteConnection } from './database';
import type { DocumentReader } from './doc-reader';
import type { TableLayout } from './schema-sql';
import type { InstanceStatements } from './statements';
import { dataParam, insertParams, updateParams } from './statements';

/** Attachment bytes read ahead of the transaction, keyed by the Blob they came from. */
export type AttachmentBytes = Map<Blob, Buffer>;

/**
 * Blob bytes can only be read asynchronously, and nothing may be awaited between the conflict check
 * and the write; so the bytes of every attachment in the call are read first.
 */
export async function readAttachmentBytes<T>(rows: readonly BulkWriteRow<T>[]): Promise<AttachmentBytes> {
  const bytes: AttachmentBytes = new Map();
  for (const row of rows) {
    for (const attachment of Object.values(row.document._attachments ?? {})) {
      if ('data' in attachment && attachment.data instanceof Blob && !bytes.has(attachment.data)) {
        bytes.set(attachment.data, Buffer.from(await attachment.data.arrayBuffer()));
      }
    }
  }
  return bytes;
}

export function hasAttachmentData<T>(rows: readonly BulkWriteRow<T>[]): boolean {
  return rows.some((row) => Object.values(row.document._attachments ?? {}).some((a) => 'data' in a));
}

export type Writer<T> = (
  rows: BulkWriteRow<T>[],
  context: string,
  attachmentBytes: AttachmentBytes,
) => CategorizeBulkWriteRowsOutput<T>;

/**
 * The write path of one instance: reads the current rows, categorises the writes as RxDB requires
 * (409 on a missing or stale `previous`), and writes the accepted ones, all inside one BEGIN
 * IMMEDIATE transaction, so another connection cannot slip a write between the check and the write.
 * The transaction wrapper is built once here, not per call.
 *
 * Most rows without `previous` are new documents, and reading 500 ids that are not there cost up to a
 * tenth of a bulk insert; so the first attempt reads only the rows that have `previous` and assumes the
 * others are new. If one of them exists after all, its INSERT fails on the primary key, the transaction
 * rolls back (nothing was emitted or remembered yet), and the call is redone reading every row.
 */
export function createWriter<T>(
  db: SqliteConnection,
  instance: RxStorageInstance<T, unknown, unknown>,
  layout: TableLayout<T>,
  statements: InstanceStatements,
  reader: DocumentReader<T>,
): Writer<T> {
  // categorizeBulkWriteRows types the primary path as a key of the document type.
  const primaryPath = layout.primaryPath as Parameters<typeof categorizeBulkWriteRows<T>>[1];
  // RxDB requires the primary key to be a top-level string field.
  const idOf = (row: BulkWriteRow<T>) => (row.document as Record<string, unknown>)[layout.primaryPath] as string;
  const write = db.transaction(
    (rows: BulkWriteRow<T>[], context: string, attachmentBytes: AttachmentBytes, readAll: boolean) => {
      const ids = readAll ? rows.map(idOf) : rows.filter((row) => row.previous !== undefined).map(idOf);
      const docsInDb = new Map<string, RxDocumentData<T>>();
      if (ids.length > 0) {
        for (const doc of reader.findByIds(ids, true)) {
          docsInDb.set((doc as Record<string, unknown>)[layout.primaryPath] as string, doc);
        }
      }
      const categorized = categorizeBulkWriteRows<T>(instance, primaryPath, docsInDb, rows, context);
      // Spread, because better-sqlite3 binds an array argument slower than the same values as arguments.
      // Each returns the length of the JSON text, the memo's measure of a document.
      const data = dataParam(layout);
      const insertedChars = categorized.bulkInsertDocs.map((row) => {
        const params = insertParams(layout, row.document);
        statements.insert.run(...params);
        return (params[data] as string).length;
      });
      const updatedChars = categorized.bulkUpdateDocs.map((row) => {
        const params = insertParams(layout, row.document);
        statements.update.run(...updateParams(layout, params));
        return (params[data] as string).length;
      });
      writeAttachments(statements, categorized, attachmentBytes);
      // Written documents go into the memo (a map set by id): RxDB reads what it wrote soon after
      // (find-by-ids, queries), and the object is already the full stored document. Last, so an attempt
      // that fails above (a conflict on the primary key) leaves nothing behind.
      categorized.bulkInsertDocs.forEach((row, i) => reader.remember(row.document, insertedChars[i] ?? 0));
      categorized.bulkUpdateDocs.forEach((row, i) => reader.remember(row.document, updatedChars[i] ?? 0));
      return categorized;
    },
  );
  return (rows, context, attachmentBytes) => {
    try {
      return write.immediate(rows, context, attachmentBytes, false);
    } catch (error) {
      if (!isPrimaryKeyConflict(error)) throw error;
      return write.immediate(rows, context, attachmentBytes, true);
    }
  };
}

/** SQLite's error for an INSERT of an id that is already stored (a rowid table's TEXT primary key is a unique index). */
function isPrimaryKeyConflict(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function writeAttachments<T>(
  statements: InstanceStatements,
  categorized: CategorizeBulkWriteRowsOutput<T>,
  attachmentBytes: AttachmentBytes,
): void {
  const { attachmentPut, attachmentDelete } = statements;
  if (!attachmentPut || !attachmentDelete) return;
  for (const a of [...categorized.attachmentsAdd, ...categorized.attachmentsUpdate]) {
    const bytes = attachmentBytes.get(a.attachmentData.data);
    if (!bytes) throw new Error(`attachment bytes were not read ahead: ${a.documentId}/${a.attachmentId}`);
    attachmentPut.run(a.documentId, a.attachmentId, a.digest, a.attachmentData.type, bytes);
  }
  for (const a of categorized.attachmentsRemove) attachmentDelete.run(a.documentId, a.attachmentId);
}
