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
  const existing = await db.getLocal<{ deskId: string }>(deskDoc);
  const id = existing ? existing.get('deskId') : newId().replace(/-/g, '').slice(-6).toUpperCase();
  if (!existing) await db.insertLocal(deskDoc, { deskId: id });
  knownDeskIds.set(db, id);
  return id;
}

/**
 * A provisional human case number `<office code>-<year>-<desk>-<seq>` (design.md §2): unique without the server
 * because the desk id is unique per desk and the sequence is kept by this desk alone.
 */
export async function nextCaseNumber(db: DeskDatabase, officeCode: string, year: number): Promise<string> {
  const desk = await deskId(db);
  const key = `${counterDoc}-${year}`;
  const current = await db.getLocal<{ seq: number }>(key);
  const seq = (current?.get('seq') ?? 0) + 1;
  await db.upsertLocal(key, { seq });
  return `${officeCode}-${year}-${desk}-${String(seq).padStart(5, '0')}`;
}
