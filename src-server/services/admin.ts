import { hash as hashArgon2, verify as verifyArgon2, type Options as Argon2Options } from '@node-rs/argon2';
import { DEMO_PASSWORD, demoOffices, demoUsers } from '#shared/demo/county';
import { createVerifier } from '#shared/auth/passwords';
import { createSigningKey, rewrapSigningKey } from '#shared/auth/signing-keys';
import { defaultCalendar } from '#shared/domain/calendar';
import type { ProposableAct } from '#shared/domain/case-types';
import type { Role } from '#shared/domain/codes';
import type { CalendarDoc, OfficeDoc, UserDoc } from '#shared/domain/documents';
import type { Database, Sql } from '../db/database';
import { revokeDevice as revokeDeviceAccess } from './auth';
import { appendToFeeds, withFeedAppends, type FeedEntry } from './feed';
import { OfficeTree } from './visibility';

/**
 * What the county's administrator does from the command line (`npm run server -- admin …`): offices, users,
 * passwords, revoked devices, and the demo county. Offices, users and calendars replicate down only, so this is
 * the one way they change. A password is stored twice: argon2id for the server's login (never replicated), and
 * the scrypt verifier that travels to the office's desks for offline login (design.md §5). Each user's act-signing
 * key pair is made here too, its secret key wrapped under the password (docs/signatures.md).
 */
export interface PasswordCost {
  readonly argon2?: Argon2Options;
  readonly scrypt?: { N: number };
}

type Reference = { offices: OfficeDoc; users: UserDoc; calendars: CalendarDoc };

/** Stores reference documents and appends them to the feeds of the offices that see them. */
export async function writeReference<C extends keyof Reference>(
  tx: Sql,
  collection: C,
  docs: readonly Reference[C][],
): Promise<void> {
  if (docs.length === 0) return;
  await tx.query(
    `INSERT INTO docs (collection, id, body, deleted, office_id)
     SELECT $1, x.body->>'id', x.body, false, coalesce(x.body->>'officeId', '') FROM jsonb_to_recordset($2::jsonb) AS x(body jsonb)
     ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body, deleted = false, updated_at = now()`,
    [collection, JSON.stringify(docs.map((body) => ({ body })))],
  );
  const tree = await OfficeTree.load(tx);
  const entries: FeedEntry[] = [];
  for (const doc of docs) {
    const seers = collection === 'users' ? [(doc as UserDoc).officeId] : tree.all; // users go to their own office only
    for (const officeId of seers) entries.push({ officeId, collection, docId: doc.id });
  }
  if (collection === 'offices')
    entries.push(
      ...(await backfill(
        tx,
        docs.map((d) => d.id),
      )),
    );
  await appendToFeeds(tx, entries);
}

/** A new office receives the reference data every office sees. */
async function backfill(tx: Sql, officeIds: readonly string[]): Promise<FeedEntry[]> {
  const { rows } = await tx.query<{ collection: string; id: string }>(
    `SELECT collection, id FROM docs WHERE collection IN ('offices', 'calendars')`,
  );
  return officeIds.flatMap((officeId) => rows.map((r) => ({ officeId, collection: r.collection, docId: r.id })));
}

export async function addOffice(
  db: Database,
  office: Omit<OfficeDoc, 'updatedAt'>,
  now = new Date(),
): Promise<OfficeDoc> {
  const doc: OfficeDoc = { ...office, updatedAt: now.toISOString() };
  await withFeedAppends(db, (tx) => writeReference(tx, 'offices', [doc]));
  return doc;
}

export interface NewUser {
  readonly id?: string;
  readonly login: string;
  readonly name: string;
  readonly officeId: string;
  readonly roles: readonly Role[];
  readonly password: string;
}

export async function addUser(
  db: Database,
  user: NewUser,
  cost: PasswordCost = {},
  now = new Date(),
): Promise<UserDoc> {
  const id = user.id ?? `user-${user.login}`;
  const doc: UserDoc = {
    id,
    login: user.login,
    name: user.name,
    officeId: user.officeId,
    roles: [...user.roles],
    verifier: await createVerifier(user.password, cost.scrypt),
    disabled: false,
    ...(await createSigningKey(id, user.password, cost.scrypt)),
    updatedAt: now.toISOString(),
  };
  const passwordHash = await hashArgon2(user.password, cost.argon2);
  await withFeedAppends(db, async (tx) => {
    const office = await tx.query(`SELECT 1 FROM docs WHERE collection = 'offices' AND id = $1`, [user.officeId]);
    if (office.rows.length === 0) throw new Error(`unknown office: ${user.officeId}`);
    await writeReference(tx, 'users', [doc]);
    await tx.query(
      `INSERT INTO credentials (user_id, login, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET login = excluded.login, password_hash = excluded.password_hash, disabled_at = NULL`,
      [doc.id, doc.login, passwordHash],
    );
  });
  return doc;
}

async function userByLogin(db: Database, login: string): Promise<{ user: UserDoc; passwordHash: string }> {
  const { rows } = await db.query<{ body: UserDoc; password_hash: string }>(
    `SELECT d.body, c.password_hash FROM docs d JOIN credentials c ON c.user_id = d.id WHERE d.collection = 'users' AND c.login = $1`,
    [login],
  );
  const found = rows[0];
  if (!found) throw new Error(`unknown login: ${login}`);
  return { user: found.body, passwordHash: found.password_hash };
}

/** Stores a user's new password: the server's argon2id hash, the desks' scrypt verifier, and `keys`. */
async function storePassword(
  db: Database,
  user: UserDoc,
  password: string,
  keys: Pick<UserDoc, 'publicKey' | 'wrappedKey' | 'retiredKeys'>,
  cost: PasswordCost,
  now: Date,
): Promise<void> {
  const verifier = await createVerifier(password, cost.scrypt);
  const passwordHash = await hashArgon2(password, cost.argon2);
  await withFeedAppends(db, async (tx) => {
    await writeReference(tx, 'users', [{ ...user, ...keys, verifier, updatedAt: now.toISOString() }]);
    await tx.query('UPDATE credentials SET password_hash = $2 WHERE user_id = $1', [user.id, passwordHash]);
  });
}

/**
 * Resets a password (the administrator does not know the old one): a new signing key pair, since the old secret key
 * cannot be unwrapped without the old password. The old public key is kept as retired, so the events signed with it
 * before now stay valid.
 */
export async function setPassword(
  db: Database,
  login: string,
  password: string,
  cost: PasswordCost = {},
  now = new Date(),
): Promise<void> {
  const { user } = await userByLogin(db, login);
  const retired = user.publicKey
    ? [...(user.retiredKeys ?? []), { publicKey: user.publicKey, until: now.toISOString() }]
    : user.retiredKeys;
  const keys = await createSigningKey(user.id, password, cost.scrypt);
  await storePassword(db, user, password, { ...keys, ...(retired ? { retiredKeys: retired } : {}) }, cost, now);
}

/**
 * Changes a password the user knows: the signing key is unwrapped with the old password and wrapped again under the
 * new one, so its public key, and every signature made with it, stay as they are. A user without a key gets one.
 */
export async function changePassword(
  db: Database,
  login: string,
  oldPassword: string,
  password: string,
  cost: PasswordCost = {},
  now = new Date(),
): Promise<void> {
  const { user, passwordHash } = await userByLogin(db, login);
  if (!(await verifyArgon2(passwordHash, oldPassword).catch(() => false)))
    throw new Error(`wrong password for: ${login}`);
  const { publicKey, wrappedKey } = user;
  const keys =
    publicKey && wrappedKey
      ? await rewrapSigningKey(user.id, { publicKey, wrappedKey }, oldPassword, password, cost.scrypt)
      : await createSigningKey(user.id, password, cost.scrypt);
  if (!keys) throw new Error(`the signing key of ${login} does not unwrap with its password`);
  await storePassword(db, user, password, keys, cost, now);
}

/**
 * Disables a user: their desks refuse the login offline once the change arrives, and the server refuses it. The
 * time is kept: their acts recorded before it still count, later ones are refused, and the
 * desks they enrolled get no new tokens until a 负责人 enrols them again.
 */
export async function disableUser(db: Database, login: string, now = new Date()): Promise<void> {
  const { rows } = await db.query<{ body: UserDoc }>(
    `SELECT d.body FROM docs d JOIN credentials c ON c.user_id = d.id WHERE d.collection = 'users' AND c.login = $1`,
    [login],
  );
  const user = rows[0]?.body;
  if (!user) throw new Error(`unknown login: ${login}`);
  await withFeedAppends(db, async (tx) => {
    await writeReference(tx, 'users', [{ ...user, disabled: true, updatedAt: now.toISOString() }]);
    await tx.query('UPDATE credentials SET disabled_at = coalesce(disabled_at, $2) WHERE user_id = $1', [user.id, now]);
  });
}

/**
 * Sets which acts the staff of an office (and the offices below it that set none) record as 报批 for a 负责人
 * (第三十四条; `shared/domain/approval.ts`); `undefined` returns the office to its superior's setting. The office
 * document carries it down to every desk with the directory.
 */
export async function setApprovalActs(
  db: Database,
  officeId: string,
  acts: readonly ProposableAct[] | undefined,
  now = new Date(),
): Promise<OfficeDoc> {
  return withFeedAppends(db, async (tx) => {
    const { rows } = await tx.query<{ body: OfficeDoc }>(
      `SELECT body FROM docs WHERE collection = 'offices' AND id = $1 FOR UPDATE`,
      [officeId],
    );
    const office = rows[0]?.body;
    if (!office) throw new Error(`unknown office: ${officeId}`);
    const { approvalActs: _former, ...rest } = office;
    const next: OfficeDoc = {
      ...rest,
      ...(acts ? { approvalActs: [...new Set(acts)] } : {}),
      updatedAt: now.toISOString(),
    };
    await writeReference(tx, 'offices', [next]);
    return next;
  });
}

/** Revokes an enrolled device (a lost desk, design.md §5); its tokens are refused from the next request on. */
export async function revokeDevice(db: Database, deviceId: string): Promise<boolean> {
  return revokeDeviceAccess(db, deviceId, 'admin');
}

export async function listDevices(db: Database): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query(
    'SELECT id, user_id, office_id, name, created_at, last_seen_at, clock_drift_ms, revoked_at FROM devices ORDER BY created_at',
  );
  return rows;
}

/**
 * The demo county of `shared/demo/county.ts` (one county 信访局, two townships, a 纪检监察 office, a user of each
 * role, password DEMO_PASSWORD) and the holiday calendar. Does nothing when offices exist already.
 */
export async function seedDemoCounty(db: Database, cost: PasswordCost = {}): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM docs WHERE collection = 'offices' LIMIT 1`);
  if (rows.length > 0) return false;
  const users = await demoUsers(cost.scrypt);
  const hashes = await Promise.all(users.map(() => hashArgon2(DEMO_PASSWORD, cost.argon2)));
  await withFeedAppends(db, async (tx) => {
    await writeReference(tx, 'offices', [...demoOffices]);
    await writeReference(tx, 'calendars', [calendarDoc()]);
    await writeReference(tx, 'users', users);
    for (const [i, user] of users.entries()) {
      await tx.query('INSERT INTO credentials (user_id, login, password_hash) VALUES ($1, $2, $3)', [
        user.id,
        user.login,
        hashes[i],
      ]);
    }
  });
  return true;
}

function calendarDoc(): CalendarDoc {
  const c = defaultCalendar;
  return {
    id: `calendar-${c.version}`,
    version: c.version,
    coveredYears: [...c.coveredYears],
    restDays: [...c.restDays],
    workDays: [...c.workDays],
    updatedAt: new Date().toISOString(),
  };
}
