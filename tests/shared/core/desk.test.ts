import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { seedDemo } from '#shared/core/demo';
import { inProcessTransport } from '#shared/contract/dispatch';
import { MASKED_TITLE } from '#shared/core/access';
import { expectCode } from '../../contract/handler-suite';
import { walkIn } from '../../fixtures';

/** Handler behaviour of the desk core where the storage is not the point (memory storage, a settable clock). */
let desks: Desk[] = [];
afterEach(async () => {
  await Promise.all(desks.map((d) => d.close()));
  desks = [];
});

async function open(clock = { now: new Date('2025-12-01T02:00:00Z') }) {
  const desk = await createDesk({
    storage: getRxStorageMemory(),
    name: `desk-${Math.random().toString(36).slice(2)}`,
    clock: () => clock.now,
  });
  desks.push(desk);
  await seedDemo(desk.db, { N: 2 ** 10 });
  const t = inProcessTransport(desk.api, desk, (error) => console.error(error));
  const as = async (login: string) => {
    await t.invoke('session-logout', {});
    return t.invoke('session-login', { login, password: DEMO_PASSWORD });
  };
  return { desk, t, as, clock };
}

const at = (iso: string) => new Date(iso).toISOString();
/** A walk-in received just before the desk clock's default time. */
const visit: typeof walkIn = (extra) => walkIn({ receivedAt: at('2025-12-01T01:00:00Z'), ...extra });

describe('the desk core', () => {
  it('第三十条第三款 a 检举控告 matter is masked for an office it accuses, and every view is audited (第四十六条第五项)', async () => {
    const { desk, t, as } = await open();
    await as('county-reception');
    const { caseId } = await t.invoke('petition-register', {
      registration: visit({
        class: 'accusation',
        receivedAt: at('2025-12-01T01:00:00Z'),
        accusedOfficeIds: ['office-qingshan'],
        accusedPersons: ['王某某'],
        request: '举报青山镇某干部违规发放补偿款',
      }),
      case: { kind: 'new' },
    });
    await as('county-handler');
    const full = await t.invoke('case-get', { id: caseId });
    expect(full).toMatchObject({
      masked: false,
      case: {
        restricted: true,
        title: expect.stringContaining('举报'),
        accusedOfficeIds: ['office-qingshan'],
        accusedPersons: ['王某某'],
      },
    });
    expect(full.events[0]!.payload).toMatchObject({
      accusedOfficeIds: ['office-qingshan'],
      accusedPersons: ['王某某'],
    });

    await as('qs-handler');
    const masked = await t.invoke('case-get', { id: caseId });
    expect(masked.masked).toBe(true);
    expect(masked.case.title).toBe(MASKED_TITLE);
    expect(masked.petitions[0]).not.toHaveProperty('request');
    expect(masked.petitioners[0]).toMatchObject({ name: '', idNumber: '', phone: '' }); // not even a masked 证件号码 (its region and birth day)
    expect(masked.allowedActs).toEqual([]);
    // Nothing of the content, nor who is accused, in the projection or the timeline's events.
    expect(masked.case).toMatchObject({ accusedOfficeIds: [], accusedPersons: [] });
    expect(masked.events.map((e) => e.type)).toEqual(['register']);
    expect(JSON.stringify(masked)).not.toMatch(/举报|王某某/);
    const listed = await t.invoke('case-list', {});
    expect(listed.items.find((i) => i.id === caseId)).toMatchObject({ masked: true, title: MASKED_TITLE });
    await expectCode(t.invoke('case-act', { caseId, type: 'note', payload: { text: '查看' } }), 'forbidden');

    const views = await desk.db.audit.find({ selector: { action: 'view', caseId } }).exec();
    expect(views.map((v) => [v.userId, v.detail])).toEqual(
      expect.arrayContaining([
        ['user-county-handler', 'full'],
        ['user-qs-handler', 'masked'],
      ]),
    );
  });

  it('第三十条第三款 a township that registers a 检举控告 against itself reads none of it and may only route it out (第四十四条第一项)', async () => {
    const { t, as } = await open();
    await as('qs-reception');
    const { caseId } = await t.invoke('petition-register', {
      registration: visit({ class: 'accusation', accusedOfficeIds: ['office-qingshan'], request: '举报青山镇某领导' }),
      case: { kind: 'new' },
    });
    await as('qs-handler');
    const detail = await t.invoke('case-get', { id: caseId });
    expect(detail.masked).toBe(true);
    expect([...detail.allowedActs].sort()).toEqual(['forward', 'transfer']);
    await expectCode(
      t.invoke('case-act', {
        caseId,
        type: 'accept',
        payload: { noticeMethod: 'on-site', class: 'accusation', procedure: 'statutory' },
      }),
      'forbidden',
    );
    await expectCode(t.invoke('case-act', { caseId, type: 'note', payload: { text: '查看' } }), 'forbidden');
    const { detail: after } = await t.invoke('case-act', {
      caseId,
      type: 'transfer',
      payload: { target: 'discipline', organ: '示范县纪委监委', toOfficeId: 'office-jiwei' },
    });
    expect(after).toMatchObject({
      masked: true,
      allowedActs: [],
      case: { status: 'transferred', title: MASKED_TITLE },
    });
  });

  it('第三十条第三款 the accused offices of a 登记 are offices of the county: an unknown one is refused with its field', async () => {
    const { t, as } = await open();
    await as('qs-reception');
    const registering = t.invoke('petition-register', {
      registration: visit({ class: 'accusation', accusedOfficeIds: ['office-nowhere'] }),
      case: { kind: 'new' },
    });
    await expect(registering).rejects.toMatchObject({
      code: 'not-found',
      problems: [{ code: 'not-found', field: 'registration.accusedOfficeIds' }],
    });
    expect((await t.invoke('case-list', {})).items).toEqual([]);
  });

  it('第二十三条 overdue and due-soon lists follow the clock: 15 日 written notice', async () => {
    const { t, as, clock } = await open({ now: new Date('2025-12-01T02:00:00Z') });
    await as('qs-reception');
    const { caseId } = await t.invoke('petition-register', {
      registration: visit({ receivedAt: at('2025-12-01T01:00:00Z') }),
      case: { kind: 'new' },
    });
    const list = (filter: { overdue?: boolean; dueSoon?: boolean }) =>
      t.invoke('case-list', { filter }).then((r) => r.items.map((i) => i.id));
    expect(await list({ overdue: true })).toEqual([]);
    clock.now = new Date('2025-12-14T02:00:00Z'); // due 2025-12-16: three days left
    expect(await list({ dueSoon: true })).toEqual([caseId]);
    clock.now = new Date('2025-12-17T02:00:00Z');
    expect(await list({ overdue: true })).toEqual([caseId]);
    expect((await t.invoke('case-list', {})).items[0]).toMatchObject({
      overdue: true,
      nextDue: { kind: 'notice', due: '2025-12-16', article: '第二十三条' },
    });
  });

  it('第十九条 provisional case numbers stay unique when the desk registers many at once', async () => {
    const { t, as } = await open();
    await as('qs-reception');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.invoke('petition-register', { registration: visit({ petitioners: [] }), case: { kind: 'new' } }),
      ),
    );
    expect(new Set(results.map((r) => r.caseNumber)).size).toBe(20);
  });

  it('第十九条第三款 a repeat petition is linked to the existing matter as 重件', async () => {
    const { t, as } = await open();
    await as('qs-reception');
    const first = await t.invoke('petition-register', { registration: visit(), case: { kind: 'new' } });
    const second = await t.invoke('petition-register', {
      registration: visit(),
      case: { kind: 'link', caseId: first.caseId },
    });
    expect(second.caseId).toBe(first.caseId);
    const detail = await t.invoke('case-get', { id: first.caseId });
    expect(detail.case.repeatCount).toBe(1);
    expect(detail.petitions.map((p) => p.repeat)).toEqual(expect.arrayContaining([false, true]));
    expect(detail.petitioners).toHaveLength(1); // the same 证件号码 is the same petitioner
  });

  it('第二十八条第三款 a user who recused may not act on the matter', async () => {
    const { t, as } = await open();
    await as('qs-reception');
    const { caseId } = await t.invoke('petition-register', { registration: visit(), case: { kind: 'new' } });
    await as('qs-approver');
    await t.invoke('case-act', {
      caseId,
      type: 'recuse',
      payload: { userId: 'user-qs-handler', reason: '与信访人系亲属' },
    });
    await as('qs-handler');
    await expectCode(
      t.invoke('case-act', {
        caseId,
        type: 'accept',
        payload: { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' },
      }),
      'user-recused',
    );
  });

  it('events that arrive by replication are projected, and a rebuild gives the same projections', async () => {
    const { desk, t, as } = await open();
    await as('qs-reception');
    const { caseId } = await t.invoke('petition-register', { registration: visit(), case: { kind: 'new' } });
    const before = await t.invoke('case-get', { id: caseId });
    const changed = new Promise<readonly string[]>((resolve) =>
      desk.on('data-changed', (p) => p.caseIds?.includes(caseId) && resolve(p.collections)),
    );
    // Another office's 督办 arriving by sync: written straight into case_events, not through a handler.
    await desk.db.case_events.insert({
      id: '01990000-0000-7000-8000-000000000001',
      caseId,
      type: 'supervise',
      payload: { kind: 'urge', issue: '请按期告知', feedbackDue: '2025-12-10' },
      actor: { userId: 'user-county-handler', officeId: 'office-county', role: 'handler' },
      occurredAt: '2025-12-01T03:00:00.000Z',
      recordedAt: '2025-12-01T03:00:00.000Z',
      article: '第四十条',
      after: [before.case.lastEventId],
    });
    expect(await changed).toContain('cases');
    const after = await t.invoke('case-get', { id: caseId });
    expect(after.case.clocks.map((k) => k.kind)).toContain('supervision');

    const projections = (await desk.db.cases.find().exec()).map((d) => d.toJSON().projection);
    await desk.db.cases.find().remove();
    expect(await desk.rebuild()).toBe(1);
    expect((await desk.db.cases.find().exec()).map((d) => d.toJSON().projection)).toEqual(projections);
  });

  it('a receptionist cannot change settings; bad input loses nothing', async () => {
    const { t, as } = await open();
    await as('qs-reception');
    await expectCode(t.invoke('settings-set', { dueSoonDays: 5 }), 'forbidden');
    await expectCode(
      t.invoke('petition-register', { registration: visit({ headcount: 0 }), case: { kind: 'new' } }),
      'invalid-arguments',
    );
    expect((await t.invoke('case-list', {})).total).toBe(0);
    await as('qs-approver');
    expect(await t.invoke('settings-set', { dueSoonDays: 5 })).toMatchObject({ dueSoonDays: 5 });
  });

  it('case-list pages by key: newest first, a total only when asked, and a new matter shifts the pages at once', async () => {
    const { t, as } = await open();
    await as('qs-reception');
    const register = (hour: number) =>
      t
        .invoke('petition-register', {
          registration: visit({ receivedAt: at(`2025-11-30T${String(hour).padStart(2, '0')}:00:00Z`) }),
          case: { kind: 'new' },
        })
        .then((r) => r.caseId);
    const ids = [];
    for (const hour of [3, 1, 4, 2]) ids.push(await register(hour));
    const newestFirst = [ids[2], ids[0], ids[3], ids[1]];
    const page = (offset: number, limit: number) =>
      t.invoke('case-list', { page: { offset, limit }, withTotal: false });

    expect(await page(1, 2)).toEqual({
      items: [expect.objectContaining({ id: newestFirst[1] }), expect.objectContaining({ id: newestFirst[2] })],
    });
    expect((await page(3, 5)).items.map((i) => i.id)).toEqual([newestFirst[3]]);
    expect((await page(4, 5)).items).toEqual([]);
    expect((await t.invoke('case-list', { page: { offset: 0, limit: 1 } })).total).toBe(4);

    const newest = await register(5);
    expect((await page(0, 5)).items.map((i) => i.id)).toEqual([newest, ...newestFirst]);
    expect((await t.invoke('case-list', { page: { offset: 4, limit: 1 } })).total).toBe(5);
  });
});
