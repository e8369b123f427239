import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase, type RxDatabase } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { collectionCreators } from '#shared/domain/schemas';
import { foldCase } from '#shared/domain/fold';
import { defaultCalendar } from '#shared/domain/calendar';
import { toCaseDoc } from '#shared/core/projector';
import type { CaseEventDoc } from '#shared/domain/documents';
import { register } from './case-fixtures';

/**
 * The collection schemas are real RxDB schemas: dev-mode checks them (maxLength on indexed strings, required
 * indexed fields) and the ajv validator enforces them on write.
 */
let db: RxDatabase;

beforeAll(async () => {
  addRxPlugin(RxDBDevModePlugin);
  addRxPlugin(RxDBMigrationSchemaPlugin); // a collection past version 0 checks for migrations when it opens
  db = await createRxDatabase({
    name: `schemas-${Date.now()}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
  });
  await db.addCollections(collectionCreators);
});
afterAll(async () => {
  await db.remove();
});

describe('collection schemas (design.md §2)', () => {
  it('all collections of design.md §2 (and the local-only intake drafts) exist, within the free RxDB limit of 13', () => {
    expect(Object.keys(db.collections).sort()).toEqual([
      'audit',
      'calendars',
      'case_events',
      'cases',
      'drafts',
      'offices',
      'petitioners',
      'petitions',
      'users',
    ]);
    expect(Object.keys(db.collections).length).toBeLessThanOrEqual(13);
  });

  it('第十九条 a registration event and its projection are stored and read back unchanged', async () => {
    const e = register('2025-12-01');
    const doc: CaseEventDoc = { ...e, payload: { ...e.payload }, after: [...e.after] };
    await db.collections.case_events!.insert(doc);
    const projection = foldCase([e], defaultCalendar)!;
    const row = toCaseDoc(projection);
    await db.collections.cases!.insert(row);
    const found = await db.collections
      .cases!.findOne({ selector: { status: 'registered', nextDue: { $lte: '2025-12-16' } } })
      .exec();
    expect(found?.toJSON().projection).toEqual(projection);
  });

  it('a document that breaks its schema is refused on write', async () => {
    await expect(
      db.collections.case_events!.insert({ id: 'x', caseId: 'c', type: 'not-an-act' } as never),
    ).rejects.toThrow();
    await expect(
      db.collections.petitions!.insert({
        id: 'p',
        caseId: 'c',
        officeId: 'o',
        channel: 'visit',
        receivedAt: '2025-12-01T10:00:00+08:00',
        petitionerIds: [],
        headcount: 0,
        flags: [],
        repeat: false,
        registeredBy: 'u',
        recordedAt: '2025-12-01T10:00:00+08:00',
      }),
    ).rejects.toThrow();
  });
});
