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
  // Made by whichever call comes first; another that loses the insert reads the winner's.
  const stored = (await db.getLocal<{ deskId: string }>(deskDoc)) ?? (await db.insertLocal(deskDoc, { deskId: newId().replace(/-/g, '').slice(-6).toUpperCase() }).catch(async () => db.getLocal<{ deskId: string }>(deskDoc)));
  if (!stored) throw new Error('desk id could not be created');
  const id = stored.get('deskId');
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
  const counter = (await db.getLocal<{ seq: number }>(key)) ?? (await db.insertLocal(key, { seq: 0 }).catch(async () => db.getLocal<{ seq: number }>(key))); // inserted meanwhile by the other caller
  if (!counter) throw new Error(`case number counter ${key} could not be created`);
  // RxDB queues concurrent modifications of one document and applies them in turn (again after a conflict): the
  // value this call's last run produced is the one written for it. (The returned document shows the latest state.)
  let seq = 0;
  await counter.incrementalModify((data) => ({ seq: (seq = data.seq + 1) }));
  return `${officeCode}-${year}-${desk}-${String(seq).padStart(5, '0')}`;
}
