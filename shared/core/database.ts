import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type {
  AuditDoc,
  CalendarDoc,
  CaseDoc,
  CaseEventDoc,
  DraftDoc,
  OfficeDoc,
  PetitionDoc,
  PetitionerDoc,
  UserDoc,
} from '../domain/documents';
import { collectionCreators } from '../domain/schemas';

addRxPlugin(RxDBLocalDocumentsPlugin);
// A desk opened by a newer version migrates its stored documents to the current schemas (schemas.ts).
addRxPlugin(RxDBMigrationSchemaPlugin);

/** The desk database: the collections of design.md §2 (with the local-only intake drafts), plus local documents for settings and counters. */
export interface DeskCollections {
  offices: RxCollection<OfficeDoc>;
  users: RxCollection<UserDoc>;
  petitioners: RxCollection<PetitionerDoc>;
  petitions: RxCollection<PetitionDoc>;
  case_events: RxCollection<CaseEventDoc>;
  cases: RxCollection<CaseDoc>;
  calendars: RxCollection<CalendarDoc>;
  audit: RxCollection<AuditDoc>;
  drafts: RxCollection<DraftDoc>;
}
export type DeskDatabase = RxDatabase<DeskCollections>;

// The storage's own document types are the storage's business; the desk only needs the RxStorage interface.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStorage = RxStorage<any, any>;

export async function openDeskDatabase(
  storage: AnyStorage,
  name: string,
  multiInstance: boolean,
): Promise<DeskDatabase> {
  const db = await createRxDatabase<DeskCollections>({
    name,
    storage,
    multiInstance,
    localDocuments: true,
    // Counts over filters no index fully serves (e.g. status plus free text) fall back to reading the matches.
    allowSlowCount: true,
    closeDuplicates: true,
  });
  await db.addCollections(collectionCreators);
  return db;
}
