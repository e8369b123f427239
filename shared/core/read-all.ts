import {
  getChangedDocumentsSince,
  normalizeMangoQuery,
  prepareQuery,
  type MangoQuery,
  type RxCollection,
  type RxDocumentData,
} from 'rxdb';

const PAGE = 5_000;

/**
 * Every live document of a collection, as plain data, in pages of the storage's changes feed ((_meta.lwt, id)
 * order, read on the [_meta.lwt, id] index every collection has): a query sorted by `id` has no index to use on
 * Dexie (RxDB adds [_deleted, id] only to schemas without indexes) and scanned and sorted the whole collection per
 * page, blocking the worker and every write behind it for seconds at 100,000 matters. A document written while
 * the pages are read moves to the end of the feed and is read again there.
 */
export async function* readAll<T extends { id: string }>(collection: RxCollection<T>): AsyncGenerator<T> {
  let checkpoint: { id: string; lwt: number } | undefined;
  for (;;) {
    const page = await getChangedDocumentsSince(collection.storageInstance, PAGE, checkpoint);
    for (const doc of page.documents) if (!doc._deleted) yield doc as unknown as T; // plus RxDB's meta fields
    if (page.documents.length < PAGE) return;
    checkpoint = page.checkpoint as { id: string; lwt: number };
  }
}

/**
 * One query straight to the storage, for reads whose results are used once (a fold, a page of a walk): building
 * RxDocuments and caching the query (RxDB's query cache holds a hundred) would be work thrown away. Live
 * documents only, as RxQuery reads them.
 */
export async function queryStorage<T>(collection: RxCollection<T>, mango: MangoQuery<T>): Promise<RxDocumentData<T>[]> {
  const { documents } = await collection.storageInstance.query(liveQuery(collection, mango));
  return documents;
}

/** The documents a query matches, counted by the storage on the query's index without reading them. */
export async function countStorage<T>(collection: RxCollection<T>, mango: MangoQuery<T>): Promise<number> {
  return (await collection.storageInstance.count(liveQuery(collection, mango))).count;
}

/** A query prepared for the storage as RxQuery prepares it: live documents only. */
function liveQuery<T>(collection: RxCollection<T>, mango: MangoQuery<T>) {
  const schema = collection.schema.jsonSchema;
  const normal = normalizeMangoQuery(schema, mango);
  normal.selector = { ...normal.selector, _deleted: { $eq: false } }; // what RxQuery adds for every find
  return prepareQuery(schema, normal);
}
