import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { openDeskDatabase, type AnyStorage } from '#shared/core/database';
import type { CaseEventDoc, PetitionerDoc, UserDoc } from '#shared/domain/documents';
import { caseEventSchema, collectionSchemas, petitionerSchema, userSchema } from '#shared/domain/schemas';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';

/**
 * A desk installed before a schema changed opens with the new version: its stored documents are migrated, not
 * refused (our SQLite storage refuses a changed schema under the same version). On SQLite in a temp folder.
 */

/** The petitioners schema as version 0 shipped it: six 证件类型. Frozen here, as the data on a desk is. */
const petitionerSchemaV0: RxJsonSchema<PetitionerDoc> = {
  ...petitionerSchema,
  version: 0,
  properties: {
    ...petitionerSchema.properties,
    idType: {
      type: 'string',
      enum: [
        'none',
        'resident-id',
        'residence-permit',
        'foreign-permanent',
        'passport',
        'hk-macao-taiwan-pass',
        'other',
      ],
      maxLength: 32,
    },
  },
};

const petitioner = (id: string, idType: PetitionerDoc['idType'], idNumber: string): PetitionerDoc => ({
  id,
  kind: 'person',
  name: '陈大文',
  nameInitials: 'cdw',
  idType,
  idNumber,
  phone: '',
  officeId: 'o1',
  history: [],
  updatedAt: '2025-12-01T02:00:00.000Z',
});

let dir: string;
let storage: AnyStorage;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-db-'));
  storage = getRxStorageSQLite({ databaseDirectory: dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('desk database schema versions', () => {
  it('居民身份证法 / GB 11643 证件类型 added in petitioners v1: a v0 desk opens, its records (港澳台通行证 too) kept, the new types stored', async () => {
    const old = await createRxDatabase({ name: 'desk', storage, multiInstance: false, localDocuments: true });
    await old.addCollections({
      ...Object.fromEntries(Object.entries(collectionSchemas).map(([name, schema]) => [name, { schema }])),
      petitioners: { schema: petitionerSchemaV0 },
    });
    await old.collections.petitioners!.bulkInsert([
      petitioner('p1', 'resident-id', '11010519491231002X'),
      petitioner('p2', 'hk-macao-taiwan-pass', 'H1234567800'),
    ]);
    await old.close();

    const db = await openDeskDatabase(storage, 'desk', false);
    try {
      const kept = await db.petitioners.findByIds(['p1', 'p2']).exec();
      expect(kept.get('p1')?.idNumber).toBe('11010519491231002X');
      expect(kept.get('p2')?.idType).toBe('hk-macao-taiwan-pass');
      await db.petitioners.insert(petitioner('p3', 'taiwan-travel-permit', '12345678'));
      expect((await db.petitioners.findOne({ selector: { idNumber: '12345678' } }).exec())?.idType).toBe(
        'taiwan-travel-permit',
      );
    } finally {
      await db.close();
    }
  });

  it('design.md §5 signing keys added in users v1 and signatures in case_events v1: a v0 desk opens, its users and unsigned events kept as they were', async () => {
    const { publicKey: _p, wrappedKey: _w, retiredKeys: _r, ...userProps } = userSchema.properties;
    const { signature: _s, ...eventProps } = caseEventSchema.properties;
    const usersV0: RxJsonSchema<UserDoc> = {
      ...userSchema,
      version: 0,
      properties: userProps as RxJsonSchema<UserDoc>['properties'],
    }; // v1 less its new fields
    const eventsV0: RxJsonSchema<CaseEventDoc> = {
      ...caseEventSchema,
      version: 0,
      properties: eventProps as RxJsonSchema<CaseEventDoc>['properties'],
    }; // likewise
    const user: UserDoc = {
      id: 'u1',
      login: 'qs-old',
      name: '老用户',
      officeId: 'o1',
      roles: ['handler'],
      verifier: 'scrypt$1024$8$1$00$00',
      disabled: false,
      updatedAt: '2025-12-01T00:00:00.000Z',
    };
    const event: CaseEventDoc = {
      id: 'e1',
      caseId: 'c1',
      type: 'note',
      payload: { text: '备注' },
      actor: { userId: 'u1', officeId: 'o1', role: 'handler' },
      occurredAt: '2025-12-01T02:00:00.000Z',
      recordedAt: '2025-12-01T02:00:00.000Z',
      article: '第二十一条',
      after: [],
    };
    const old = await createRxDatabase({ name: 'desk', storage, multiInstance: false, localDocuments: true });
    await old.addCollections({
      ...Object.fromEntries(Object.entries(collectionSchemas).map(([name, schema]) => [name, { schema }])),
      petitioners: { schema: petitionerSchemaV0 },
      users: { schema: usersV0 },
      case_events: { schema: eventsV0 },
    });
    await old.collections.users!.insert(user);
    await old.collections.case_events!.insert(event);
    await old.close();

    const db = await openDeskDatabase(storage, 'desk', false);
    try {
      expect((await db.users.findOne('u1').exec())?.toMutableJSON()).toEqual(user);
      expect((await db.case_events.findOne('e1').exec())?.toMutableJSON()).toEqual(event);
      await db.case_events.insert({ ...event, id: 'e2', signature: 'ab'.repeat(64) });
      expect((await db.case_events.findOne('e2').exec())?.signature).toBe('ab'.repeat(64));
    } finally {
      await db.close();
    }
  });
});
