import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { actTypes, proposableActs } from './act-payloads';
import { caseClasses, caseStatuses, channels, idTypes, officeKinds, roles } from './codes';
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
} from './documents';

/**
 * The RxDB collections of design.md §2 (the free RxDB allows at most 13 per database). Indexed strings carry a
 * `maxLength` and indexed fields are `required` (RxDB builds fixed-width index strings; Dexie refuses optional
 * indexed fields). Version 0 of each: a change of shape needs a migration strategy, never an edited schema.
 */

const id = { type: 'string', maxLength: 64 } as const;
const day = { type: 'string', maxLength: 10 } as const;
const instant = { type: 'string', maxLength: 40 } as const;
const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const stringList = (maxItems: number) =>
  ({ type: 'array', maxItems, items: { type: 'string', maxLength: 64 } }) as const;
const enumOf = (values: readonly string[]) => ({ type: 'string', enum: [...values], maxLength: 32 }) as const;

/**
 * 机构 (offices): replicated down from the county. Version 1 added `approvalActs`, the county's 报批 setting
 * (第三十四条; optional, so every version-0 office is a valid version-1 office).
 */
export const officeSchema: RxJsonSchema<OfficeDoc> = {
  title: 'offices',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    code: text(32), // 区划代码 / 机构代码
    name: text(100),
    kind: enumOf(officeKinds),
    parentId: text(64),
    approvalActs: { type: 'array', maxItems: proposableActs.length, items: enumOf(proposableActs) },
    updatedAt: instant,
  },
  required: ['id', 'code', 'name', 'kind', 'parentId', 'updatedAt'],
  indexes: ['parentId'],
};

/** An Ed25519 public key or signature, hex. */
const hex = (length: number) =>
  ({ type: 'string', minLength: length, maxLength: length, pattern: '^[0-9a-f]*$' }) as const;

/**
 * Staff accounts with an offline-login verifier (argon2id/scrypt, never a plain password; design.md §5).
 * Version 1 added the act-signing key: `publicKey`, `wrappedKey` and `retiredKeys`, all optional (a user created
 * before acts were signed has none), so every version-0 user is a valid version-1 user.
 */
export const userSchema: RxJsonSchema<UserDoc> = {
  title: 'users',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    login: text(64),
    name: text(100),
    officeId: id,
    roles: { type: 'array', maxItems: roles.length, items: enumOf(roles) },
    verifier: text(512),
    disabled: { type: 'boolean' },
    publicKey: hex(64),
    wrappedKey: text(512),
    retiredKeys: {
      type: 'array',
      maxItems: 100,
      items: { type: 'object', properties: { publicKey: hex(64), until: instant }, required: ['publicKey', 'until'] },
    },
    updatedAt: instant,
  },
  required: ['id', 'login', 'name', 'officeId', 'roles', 'verifier', 'disabled', 'updatedAt'],
  indexes: ['login', 'officeId'],
};

/**
 * 信访人 (person or organisation). Mutable: conflicts resolve field by field and the losing version stays
 * readable in `history` (design.md §2). `nameInitials` holds pinyin initials for search at the desk.
 * Version 1 added the 证件类型 港澳台居民居住证, 港澳居民来往内地通行证 and 台湾居民来往大陆通行证 (a wider enum; every
 * version-0 document is a valid version-1 document, see `migrationStrategies`).
 */
export const petitionerSchema: RxJsonSchema<PetitionerDoc> = {
  title: 'petitioners',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    kind: enumOf(['person', 'organisation']),
    name: text(100),
    nameInitials: text(100),
    idType: enumOf(['none', ...idTypes]),
    idNumber: text(40), // '' when unknown: indexed fields are required
    birthDate: { type: 'string', maxLength: 10 },
    sex: { type: 'string', enum: ['M', 'F'] },
    phone: text(40),
    address: { type: 'string', maxLength: 300 },
    regionCode: { type: 'string', maxLength: 12 },
    officeId: id,
    history: { type: 'array', maxItems: 100, items: { type: 'object' } },
    updatedAt: instant,
  },
  required: ['id', 'kind', 'name', 'nameInitials', 'idType', 'idNumber', 'phone', 'officeId', 'history', 'updatedAt'],
  indexes: ['idNumber', 'phone', 'nameInitials', 'name'],
};

/** 信访件: one letter, visit, call, fax, e-mail or online submission (第十七条、第十九条). Immutable once saved. */
export const petitionSchema: RxJsonSchema<PetitionDoc> = {
  title: 'petitions',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    caseId: id,
    officeId: id,
    channel: enumOf(channels),
    receivedAt: instant,
    petitionerIds: stringList(200),
    headcount: { type: 'integer', minimum: 1, maximum: 100_000 },
    request: text(4000),
    facts: text(20_000),
    reasons: text(20_000),
    flags: { type: 'array', maxItems: 16, items: { type: 'string', maxLength: 32 } },
    repeat: { type: 'boolean' }, // 重件 (linked to an existing matter) vs 初件
    registeredBy: id,
    recordedAt: instant,
  },
  required: [
    'id',
    'caseId',
    'officeId',
    'channel',
    'receivedAt',
    'petitionerIds',
    'headcount',
    'flags',
    'repeat',
    'registeredBy',
    'recordedAt',
  ],
  indexes: ['caseId', 'receivedAt'],
};

/**
 * Every act on a matter: append-only, never updated, never deleted (design.md §2). Version 1 added `signature`,
 * the actor's (design.md §5), optional: an event recorded before acts were signed has none, so every version-0
 * event is a valid version-1 event.
 */
export const caseEventSchema: RxJsonSchema<CaseEventDoc> = {
  title: 'case_events',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    caseId: id,
    type: enumOf(actTypes),
    payload: { type: 'object' },
    actor: {
      type: 'object',
      properties: { userId: id, officeId: id, role: enumOf(roles) },
      required: ['userId', 'officeId', 'role'],
    },
    occurredAt: instant,
    recordedAt: instant,
    article: text(32),
    after: stringList(64),
    signature: hex(128),
  },
  required: ['id', 'caseId', 'type', 'payload', 'actor', 'occurredAt', 'recordedAt', 'article', 'after'],
  indexes: ['caseId', 'recordedAt'],
};

/**
 * The projection of each matter (local only, rebuilt at will). `nextDue` is the earliest running office duty
 * ('9999-12-31' when none): overdue is derived from it and today, never stored (design.md §4).
 */
export const caseSchema: RxJsonSchema<CaseDoc> = {
  title: 'cases',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    caseNumber: text(64),
    status: enumOf(caseStatuses),
    class: enumOf(['unclassified', ...caseClasses]),
    channel: enumOf(channels),
    currentOfficeId: id,
    receivedAt: instant,
    nextDue: day,
    restricted: { type: 'boolean' },
    projection: { type: 'object' },
  },
  required: [
    'id',
    'caseNumber',
    'status',
    'class',
    'channel',
    'currentOfficeId',
    'receivedAt',
    'nextDue',
    'restricted',
    'projection',
  ],
  indexes: ['caseNumber', ['status', 'nextDue'], ['currentOfficeId', 'status', 'nextDue'], 'receivedAt', 'nextDue'],
};

/** Versioned holiday tables and code lists pushed by the county. */
export const calendarSchema: RxJsonSchema<CalendarDoc> = {
  title: 'calendars',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    version: text(32),
    coveredYears: { type: 'array', maxItems: 50, items: { type: 'integer' } },
    restDays: { type: 'array', maxItems: 2000, items: day },
    workDays: { type: 'array', maxItems: 2000, items: day },
    updatedAt: instant,
  },
  required: ['id', 'version', 'coveredYears', 'restDays', 'workDays', 'updatedAt'],
};

/** Who viewed, printed or exported a restricted matter, logins, exports (第三十条第三款, 第四十六条第五项). */
export const auditSchema: RxJsonSchema<AuditDoc> = {
  title: 'audit',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    at: instant,
    userId: id,
    officeId: id,
    action: enumOf(['view', 'print', 'export', 'login', 'login-failed', 'logout', 'recuse']),
    caseId: { type: 'string', maxLength: 64 },
    detail: { type: 'string', maxLength: 500 },
  },
  required: ['id', 'at', 'userId', 'officeId', 'action'],
  indexes: ['at'],
};

/**
 * Intake drafts (local only, like `cases`: the replication never sees the collection): personal data typed at
 * the desk (身份证, phone, a 检举控告's text) kept in the desk's database — encrypted with it on the desktop —
 * keyed by the user who typed it (个人信息保护法; 第三十条第三款).
 */
export const draftSchema: RxJsonSchema<DraftDoc> = {
  title: 'drafts',
  version: 0,
  primaryKey: 'userId',
  type: 'object',
  properties: {
    userId: id,
    savedAt: instant,
    form: { type: 'object' },
  },
  required: ['userId', 'savedAt', 'form'],
};

/** The collections of the desk database, by name. */
export const collectionSchemas = {
  offices: officeSchema,
  users: userSchema,
  petitioners: petitionerSchema,
  petitions: petitionSchema,
  case_events: caseEventSchema,
  cases: caseSchema,
  calendars: calendarSchema,
  audit: auditSchema,
  drafts: draftSchema,
} as const;

/**
 * What a desk declares of its schemas on every request to the county (`x-desk-schema: offices=1,users=1,…`): the
 * server drops the keys it does not know from a desk that declares a newer version than its own, and refuses them
 * from any other (src-server/services/collections.ts `dropsUnknown`).
 */
export const deskSchemaDeclaration: string = Object.entries(collectionSchemas)
  .map(([name, schema]) => `${name}=${schema.version}`)
  .join(',');

/**
 * How a stored document of an older schema version becomes one of the current version, by collection and target
 * version: RxDB migrates a desk's data when it opens (a changed schema is never edited in place, see above).
 */
export const migrationStrategies: { readonly [C in keyof typeof collectionSchemas]?: MigrationStrategies } = {
  // 1: three 证件类型 added to the enum; a version-0 petitioner is a valid version-1 petitioner as it is.
  petitioners: { 1: (doc: PetitionerDoc) => doc },
  // 1: `approvalActs` added, optional; a version-0 office is a valid version-1 office as it is.
  offices: { 1: (doc: OfficeDoc) => doc },
  // 1: the act-signing key added, optional; a version-0 user is a valid version-1 user as it is.
  users: { 1: (doc: UserDoc) => doc },
  // 1: `signature` added, optional; a version-0 event stays as it was recorded, shown unsigned.
  case_events: { 1: (doc: CaseEventDoc) => doc },
};

/** The collections as RxDB's `addCollections` takes them: each schema with its migrations. */
export const collectionCreators = Object.fromEntries(
  Object.entries(collectionSchemas).map(([name, schema]) => {
    const migrations = migrationStrategies[name as keyof typeof collectionSchemas]; // a key of collectionSchemas itself
    return [name, migrations ? { schema, migrationStrategies: migrations } : { schema }];
  }),
);
