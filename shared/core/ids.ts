import type { RxLocalDocument } from 'rxdb';
import { uuidv7 } from 'uuidv7';
import type { DeskDatabase } from './database';

/** Time-ordered unique ids (UUIDv7) for every document the desk creates. */
export function newId(): string {
  return uuidv7();
}

const deskDoc = 'desk';
const counterDoc = 'case-number-counter';

/** Desk ids once read: the id never changes, and each registration would read it again before answering. */
const knownDeskIds = new WeakMap<DeskDatabase, string>();

/** This desk's short id, made once on first start; part of every provisional case number. */
export async function deskId(db: DeskDatabase): Promise<string> {
  const known = knownDeskIds.get(db);
  if (known) return known;
  const id = (await localOnce(db, deskDoc, { deskId: newId().replace(/-/g, '').slice(-6).toUpperCase() })).get(
    'deskId',
  );
  knownDeskIds.set(db, id);
  return id;
}

/**
 * A provisional human case number `<office code>-<year>-<desk>-<seq>` (design.md §2): unique without the server
 * because the desk id is unique per desk and the sequence is kept by this desk alone. The counter is advanced by
 * RxDB's incremental write, which retries on a revision conflict: two cores on one database (two tabs of the web
 * edition) or two calls at once never take the same number.
 */
export async function nextCaseNumber(db: DeskDatabase, officeCode: string, year: number): Promise<string> {
  const desk = await deskId(db);
  const key = `${counterDoc}-${year}`;
  const counter = await localOnce(db, key, { seq: 0 });
  // RxDB queues concurrent modifications of one document and applies them in turn (again after a conflict): the
  // value this call's last run produced is the one written for it. (The returned document shows the latest state.)
  let seq = 0;
  await counter.incrementalModify((data) => ({ seq: (seq = data.seq + 1) }));
  return `${officeCode}-${year}-${desk}-${String(seq).padStart(5, '0')}`;
}

/** A local document, created with `initial` by whichever call comes first; a call that loses the insert reads the winner's. */
async function localOnce<T extends object>(
  db: DeskDatabase,
  id: string,
  initial: T,
): Promise<RxLocalDocument<DeskDatabase, T>> {
  const doc =
    (await db.getLocal<T>(id)) ?? (await db.insertLocal<T>(id, initial).catch(async () => db.getLocal<T>(id)));
  if (!doc) throw new Error(`local document ${id} could not be created`);
  return doc;
}
