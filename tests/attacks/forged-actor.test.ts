import { ed25519 } from '@noble/curves/ed25519.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkIn } from '../fixtures';
import {
  actEvent,
  actors,
  fresh,
  learnSigningKey,
  registerEvent,
  signedByActor,
  signingKeys,
} from '../src-server/fixtures';
import {
  client,
  seeded,
  startServer,
  testCost,
  testDatabase,
  type Client,
  type RunningServer,
  type TestDatabase,
} from '../src-server/support';
import { openDesk, syncAll, type TestDesk } from '../integration/support';
import { demoSigningKey } from '#shared/demo/county';
import { signatureStatus, signEvent } from '#shared/auth/event-signatures';
import { unwrapSigningKey } from '#shared/auth/signing-keys';
import type { CaseEventDoc, UserDoc } from '#shared/domain/documents';
import type { DeviceTokens } from '#shared/sync/protocol';
import { addUser, changePassword, setPassword, writeReference } from '../../src-server/services/admin';
import { withFeedAppends } from '../../src-server/services/feed';
import type { Database } from '../../src-server/db/database';

/**
 * A device pushes acts naming another user of its office — a 接待员's device pushes 终结 as the 负责人. Every act
 * carries its actor's Ed25519 signature (design.md §5; accountability, 第四十四条–第四十七条,
 * needs to know who did what); the server refuses what its actor did not sign, and every desk flags what fails.
 * A real server on PostgreSQL, real desk cores against it.
 */
const approver: CaseEventDoc['actor'] = { userId: 'user-qs-approver', officeId: 'office-qingshan', role: 'approver' };

/** 终结 of `caseId` naming the 青山镇 负责人, unsigned. */
function closeAsApprover(caseId: string, after: string): CaseEventDoc {
  const { signature: _, ...unsigned } = actEvent(approver, caseId, 'close', { ground: 'replied' }, [after]);
  return unsigned;
}

/** Any verifier will do for a user who never logs in here. */
const user0Verifier = 'scrypt$1024$8$1$00$00';

async function userDoc(db: Database, id: string): Promise<UserDoc> {
  const { rows } = await db.query<{ body: UserDoc }>(`SELECT body FROM docs WHERE collection = 'users' AND id = $1`, [
    id,
  ]);
  if (!rows[0]) throw new Error(`no user ${id}`);
  return rows[0].body;
}

describe('forged actor: the server refuses an act its actor did not sign (design.md §5, 第四十四条)', () => {
  let tdb: TestDatabase;
  let s: RunningServer;
  let c: Client;
  let reception: DeviceTokens;
  let registered: CaseEventDoc;
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    s = await startServer(await seeded(await tdb.open()));
    c = client(s.url);
    reception = await c.enrol('qs-reception');
    registered = registerEvent(actors.qsReception);
    expect((await c.push(reception.accessToken, 'case_events', [fresh(registered)])).body).toEqual({
      conflicts: [],
      refused: [],
    });
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
    await s?.db.close();
    await tdb?.drop();
  });

  const pushed = async (event: CaseEventDoc) =>
    (await c.push(reception.accessToken, 'case_events', [fresh(event)])).body;
  const stored = async (id: string) =>
    (await s.db.query(`SELECT 1 FROM docs WHERE collection = 'case_events' AND id = $1`, [id])).rows.length > 0;

  it.each<[string, (e: CaseEventDoc) => CaseEventDoc]>([
    ['no signature', (e) => e],
    ['the 接待员 signing it with her own key', (e) => signEvent(e, demoSigningKey('qs-reception'))],
    ['a key of nobody', (e) => signEvent(e, ed25519.utils.randomSecretKey())],
    [
      'the 负责人’s signature of another act',
      (e) => ({
        ...e,
        signature: signedByActor(actEvent(approver, registered.caseId, 'note', { text: '已阅' })).signature,
      }),
    ],
    [
      'the 负责人’s signature, then the ground changed',
      (e) => ({ ...signedByActor(e), payload: { ground: 'withdrawn' } }),
    ],
  ])(
    'a 接待员’s device pushing 终结 as the 负责人 with %s is refused signature-invalid, and nothing is written',
    async (_how, forge) => {
      const forged = forge(closeAsApprover(registered.caseId, registered.id));
      expect(await pushed(forged)).toEqual({ conflicts: [], refused: [{ id: forged.id, code: 'signature-invalid' }] });
      expect(await stored(forged.id)).toBe(false);
    },
  );

  it('a 终结 the 负责人 signed is accepted from any device of the office', async () => {
    const signed = signedByActor(closeAsApprover(registered.caseId, registered.id));
    expect(await pushed(signed)).toEqual({ conflicts: [], refused: [] });
    expect(await stored(signed.id)).toBe(true);
  });

  it('a password change re-wraps the key: the public key stays, only the new password unwraps it, and events signed before stay valid', async () => {
    const user = await addUser(
      s.db,
      {
        login: 'qs-deputy',
        name: '青山镇副职',
        officeId: 'office-qingshan',
        roles: ['approver', 'handler'],
        password: 'old-secret',
      },
      testCost,
    );
    await learnSigningKey(user, 'old-secret');
    const before = signedByActor(
      actEvent(
        { userId: user.id, officeId: 'office-qingshan', role: 'handler' },
        registered.caseId,
        'note',
        { text: '改密码前' },
        [registered.id],
      ),
    );
    expect(await pushed(before)).toEqual({ conflicts: [], refused: [] });

    await changePassword(s.db, 'qs-deputy', 'old-secret', 'new-secret', testCost);
    const changed = await userDoc(s.db, user.id);
    const keys = (u: UserDoc) => ({ publicKey: u.publicKey ?? '', wrappedKey: u.wrappedKey ?? '' });
    expect(changed.publicKey).toBe(user.publicKey);
    expect(changed.wrappedKey).not.toBe(user.wrappedKey);
    expect(await unwrapSigningKey(user.id, keys(changed), 'old-secret')).toBeUndefined();
    expect(await unwrapSigningKey(user.id, keys(changed), 'new-secret')).toEqual(signingKeys.get(user.id));
    expect(signatureStatus(before, changed)).toBe('valid');
    // The event stored before the change is still accepted as it is (a retried push), and new acts sign with the same key.
    expect(await pushed(before)).toEqual({ conflicts: [], refused: [] });
    const after = signedByActor(
      actEvent(
        { userId: user.id, officeId: 'office-qingshan', role: 'handler' },
        registered.caseId,
        'note',
        { text: '改密码后' },
        [before.id],
      ),
    );
    expect(await pushed(after)).toEqual({ conflicts: [], refused: [] });
  });

  it('a password reset makes a new key pair: what the old key signed before the reset stays valid, and the old key signs nothing after it', async () => {
    const user = await addUser(
      s.db,
      { login: 'qs-clerk', name: '青山镇办事员', officeId: 'office-qingshan', roles: ['handler'], password: 'first' },
      testCost,
    );
    await learnSigningKey(user, 'first');
    const actor = { userId: user.id, officeId: 'office-qingshan', role: 'handler' } as const;
    const before = signedByActor(
      actEvent(actor, registered.caseId, 'note', { text: '重置前' }, [registered.id], '2025-12-02T01:00:00.000Z'),
    );
    await setPassword(s.db, 'qs-clerk', 'second', testCost, new Date('2025-12-03T00:00:00.000Z'));
    const reset = await userDoc(s.db, user.id);
    expect(reset.publicKey).not.toBe(user.publicKey);
    expect(reset.retiredKeys).toEqual([{ publicKey: user.publicKey, until: '2025-12-03T00:00:00.000Z' }]);
    expect(signatureStatus(before, reset)).toBe('valid');
    expect(await pushed(before)).toEqual({ conflicts: [], refused: [] });
    const late = signedByActor(
      actEvent(actor, registered.caseId, 'note', { text: '重置后用旧密钥' }, [before.id], '2025-12-04T01:00:00.000Z'),
    );
    expect(await pushed(late)).toEqual({ conflicts: [], refused: [{ id: late.id, code: 'signature-invalid' }] });
    await learnSigningKey(reset, 'second');
    expect(await pushed(signedByActor(late))).toEqual({ conflicts: [], refused: [] });
  });

  it('a user created before acts were signed (no key yet) still acts, unsigned; once given a key, unsigned acts in their name are refused', async () => {
    const legacy: UserDoc = {
      id: 'user-qs-legacy',
      login: 'qs-legacy',
      name: '老用户',
      officeId: 'office-qingshan',
      roles: ['handler'],
      verifier: user0Verifier,
      disabled: false,
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    await withFeedAppends(s.db, (tx) => writeReference(tx, 'users', [legacy]));
    await s.db.query(`INSERT INTO credentials (user_id, login, password_hash) VALUES ($1, $2, 'x')`, [
      legacy.id,
      legacy.login,
    ]);
    const actor = { userId: legacy.id, officeId: 'office-qingshan', role: 'handler' } as const;
    const { signature: _, ...unsigned } = actEvent(actor, registered.caseId, 'note', { text: '老用户的备注' }, [
      registered.id,
    ]);
    expect(await pushed(unsigned)).toEqual({ conflicts: [], refused: [] });
    await setPassword(s.db, 'qs-legacy', 'given-a-key', testCost);
    const { signature: __, ...later } = actEvent(actor, registered.caseId, 'note', { text: '有密钥后未签名' }, [
      unsigned.id,
    ]);
    expect(await pushed(later)).toEqual({ conflicts: [], refused: [{ id: later.id, code: 'signature-invalid' }] });
  });
});

describe('every desk verifies the events it pulls (design.md §5)', () => {
  let tdb: TestDatabase;
  let s: RunningServer;
  let recorder: TestDesk;
  beforeAll(async () => {
    tdb = await testDatabase('pg');
    s = await startServer(await seeded(await tdb.open()));
    recorder = await openDesk(s.url, 'qs-approver');
  }, 60_000);
  afterAll(async () => {
    await recorder?.close();
    await s?.stop();
    await s?.db.close();
    await tdb?.drop();
  });

  it('an event stored before signing existed is shown 未签名 and kept; one changed on the server is flagged 签名无效, never hidden', async () => {
    await recorder.login('qs-handler');
    const { caseId } = await recorder.t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
    const { event: note } = await recorder.t.invoke('case-act', {
      caseId,
      type: 'note',
      payload: { text: '已电话联系信访人' },
    });
    const { event: second } = await recorder.t.invoke('case-act', {
      caseId,
      type: 'note',
      payload: { text: '第二次联系' },
    });
    expect(note.signature).toMatch(/^[0-9a-f]{128}$/);
    const own = await recorder.t.invoke('case-get', { id: caseId });
    expect(own.signatures).toEqual({});
    await syncAll([recorder]);

    // As a database from before the upgrade holds it (no signature), and as a compromised server would change it.
    await s.db.query(`UPDATE docs SET body = body - 'signature' WHERE collection = 'case_events' AND id = $1`, [
      note.id,
    ]);
    await s.db.query(
      `UPDATE docs SET body = jsonb_set(body, '{payload,text}', '"未联系上信访人"') WHERE collection = 'case_events' AND id = $1`,
      [second.id],
    );

    const fresh = await openDesk(s.url, 'qs-approver');
    try {
      await fresh.login('qs-approver');
      const detail = await fresh.t.invoke('case-get', { id: caseId });
      expect(detail.events.map((e) => e.id)).toEqual(own.events.map((e) => e.id));
      expect(detail.signatures).toEqual({ [note.id]: 'unsigned', [second.id]: 'invalid' });
    } finally {
      await fresh.close();
    }
  });

  it('after a password change a desk unwraps the re-wrapped key at an offline login, and the acts it signs are accepted', async () => {
    await changePassword(s.db, 'qs-handler', 'demo1234', 'changed-1', testCost);
    await syncAll([recorder]);
    await recorder.t.invoke('session-logout', {});
    await expect(
      recorder.t.invoke('session-login', { login: 'qs-handler', password: 'demo1234' }),
    ).rejects.toMatchObject({ code: 'login-failed' });
    await recorder.t.invoke('session-login', { login: 'qs-handler', password: 'changed-1' });
    const { caseId } = await recorder.t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
    await syncAll([recorder]);
    const { rows } = await s.db.query<{ body: CaseEventDoc }>(
      `SELECT body FROM docs WHERE collection = 'case_events' AND case_id = $1`,
      [caseId],
    );
    expect(rows).toHaveLength(1);
    expect(signatureStatus(rows[0]!.body, await userDoc(s.db, 'user-qs-handler'))).toBe('valid');
  });
});
