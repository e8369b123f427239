import type { RxCollection } from 'rxdb';
import type { CaseEventDoc, PetitionDoc, PetitionerDoc } from '../domain/documents';
import type { DeskDatabase } from './database';

/**
 * Never lose a registration (第四十四条第一项 punishes not registering). RxDB has no transaction across
 * collections, so a registration writes its petitioners, petition and event only after it has written all of
 * them as one intent (a single local document, one storage write); if the desk dies in between, the next start
 * finishes the intent. Registrations run one at a time (the desk's serial queue), so one intent slot suffices.
 *
 * The written intent is what makes a registration durable, so the desk confirms it as soon as the intent is
 * written and applies it right after (handlers/petitions.ts); reads wait for that (`AppliedWrites`), so nobody
 * is told "saved" and then reads a desk without it.
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

/**
 * Applies an intent; each write is idempotent, so applying a half-applied intent again is safe. The three writes
 * go to three collections at once: RxDB orders nothing across collections anyway (replication pushes each on its
 * own), and the intent covers a crash between them.
 */
export async function applyIntent(db: DeskDatabase, intent: RegistrationIntent): Promise<void> {
  await Promise.all([
    intent.petitioners.length > 0 ? db.petitioners.bulkUpsert(intent.petitioners) : undefined,
    insertOnce(db.petitions, intent.petition),
    insertOnce(db.case_events, intent.event),
  ]);
  const left = await db.getLocal<RegistrationIntent>(intentDoc);
  // Another tab of the web edition shares the slot: leave an intent that is not this one to its own tab.
  if (left?.get('event').id === intent.event.id) await left.remove();
}

/** Inserts a document unless it is there already (from an earlier, interrupted apply): one write, no read first. */
async function insertOnce<T>(collection: RxCollection<T>, doc: T): Promise<void> {
  const { error } = await collection.bulkInsert([doc]);
  const failed = error.find((e) => e.status !== 409); // 409: the document exists, which is what applying again expects
  if (failed) throw new Error(`registration write to ${collection.name} failed: status ${failed.status}`);
}

/** At start: finishes a registration that a crash interrupted; returns its matter id, if there was one. */
export async function finishPendingRegistration(db: DeskDatabase): Promise<string | undefined> {
  const pending = await db.getLocal<RegistrationIntent>(intentDoc);
  if (!pending) return undefined;
  const intent = pending.toMutableJSON().data;
  await applyIntent(db, intent);
  return intent.event.caseId;
}

/**
 * The writes that follow answered registrations (apply, projection). `settled` resolves once all that were
 * started have finished, failed or not: a failure is kept in the intent and taken up by the next registration.
 */
export class AppliedWrites {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  /** Runs `work` after the answer; `settled` waits for it. */
  track(work: Promise<void>): void {
    this.pending += 1;
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    this.tail = Promise.all([this.tail, done]).then(() => {
      this.pending -= 1;
    });
  }

  /** Resolves when the tracked work has finished; at once (no extra turn of the queue) when there is none. */
  settled(): Promise<void> | undefined {
    return this.pending > 0 ? this.tail : undefined;
  }
}
