import type { CaseEventDoc, PetitionDoc, PetitionerDoc } from '../domain/documents';
import type { DeskDatabase } from './database';

/**
 * Never lose a registration (第四十四条第一项 punishes not registering). RxDB has no transaction across
 * collections, so a registration writes its petitioners, petition and event only after it has written all of
 * them as one intent (a single local document, one storage write); if the desk dies in between, the next start
 * finishes the intent. Registrations run one at a time (the desk's serial queue), so one intent slot suffices.
 */
export interface RegistrationIntent {
  readonly petitioners: PetitionerDoc[];
  readonly petition: PetitionDoc;
  readonly event: CaseEventDoc;
}

const intentDoc = 'pending-registration';

export async function writeIntent(db: DeskDatabase, intent: RegistrationIntent): Promise<void> {
  await db.upsertLocal<RegistrationIntent>(intentDoc, intent);
}

/** Applies an intent; each write is idempotent, so applying a half-applied intent again is safe. */
export async function applyIntent(db: DeskDatabase, intent: RegistrationIntent): Promise<void> {
  if (intent.petitioners.length > 0) await db.petitioners.bulkUpsert(intent.petitioners);
  if (!(await db.petitions.findOne(intent.petition.id).exec())) await db.petitions.insert(intent.petition);
  if (!(await db.case_events.findOne(intent.event.id).exec())) await db.case_events.insert(intent.event);
  const left = await db.getLocal(intentDoc);
  await left?.remove();
}

/** At start: finishes a registration that a crash interrupted; returns its matter id, if there was one. */
export async function finishPendingRegistration(db: DeskDatabase): Promise<string | undefined> {
  const pending = await db.getLocal<RegistrationIntent>(intentDoc);
  if (!pending) return undefined;
  const intent = pending.toMutableJSON().data;
  await applyIntent(db, intent);
  return intent.event.caseId;
}
