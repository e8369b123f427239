import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Transport } from '#shared/contract/transport';
import type { ApiErrorCode } from '#shared/contract/errors';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { demoIdNumber, walkIn } from '../fixtures';

/**
 * The handler contract (shared/contract/api.ts) as one suite, run over every transport: in-process, the Electron
 * IPC dispatcher with a fake ipcMain/webContents pair, and the web worker in Chromium. Each run gets a fresh desk
 * seeded with the demo county.
 */
export interface ContractTarget {
  transport: Transport;
  close(): Promise<void>;
}

export async function expectCode(promise: Promise<unknown>, code: ApiErrorCode): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}

export function handlerContractSuite(label: string, open: () => Promise<ContractTarget>): void {
  describe(`handler contract over ${label}`, () => {
    let target: ContractTarget;
    let t: Transport;
    beforeAll(async () => {
      target = await open();
      t = target.transport;
      return () => target.close();
    });

    it('refuses a call before login with not-logged-in', async () => {
      await expectCode(t.invoke('case-list', {}), 'not-logged-in');
      await expectCode(t.invoke('user-list', {}), 'not-logged-in');
    });

    it('refuses a wrong password with login-failed', async () => {
      await expectCode(t.invoke('session-login', { login: 'qs-reception', password: 'wrong' }), 'login-failed');
    });

    it('refuses malformed arguments with invalid-arguments', async () => {
      await expectCode(t.invoke('session-login', { login: '', password: '' }), 'invalid-arguments');
    });

    it('logs in and reports the session', async () => {
      const session = await t.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
      expect(session).toMatchObject({
        user: { login: 'qs-reception', roles: ['receptionist'] },
        office: { id: 'office-qingshan', name: '青山镇人民政府' },
      });
      expect(await t.invoke('session-current', {})).toEqual(session);
    });

    it('第十九条 registers a walk-in and lists it; data-changed is emitted', async () => {
      const changed: string[][] = [];
      const off = t.on('data-changed', (p) => changed.push([...p.collections]));
      const result = await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
      expect(result.caseNumber).toMatch(/^999901101-\d{4}-[0-9A-F]{6}-00001$/);
      expect(result.missing).toEqual([]);
      const list = await t.invoke('case-list', { filter: { status: ['registered'] } });
      expect(list.items.map((i) => i.id)).toContain(result.caseId);
      expect(list.total).toBeGreaterThanOrEqual(1);
      await vi.waitFor(() => expect(changed.flat()).toContain('cases'), { timeout: 5_000 });
      off();
    });

    it('第二十条第三款 a group visit with 6 representatives → representatives-over-limit', async () => {
      const representatives = [1, 2, 3, 4, 5, 6].map((i) => ({ kind: 'person' as const, name: `代表${i}` }));
      await expectCode(
        t.invoke('petition-register', {
          registration: walkIn({ petitioners: representatives, headcount: 40 }),
          case: { kind: 'new' },
        }),
        'representatives-over-limit',
      );
    });

    it('第二十三条 an act out of turn or by the wrong role is refused with its reason code', async () => {
      const { caseId } = await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
      await expectCode(
        t.invoke('case-act', {
          caseId,
          type: 'accept',
          payload: { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' },
        }),
        'act-role-not-allowed',
      );
      await t.invoke('session-logout', {});
      await t.invoke('session-login', { login: 'qs-handler', password: DEMO_PASSWORD });
      await expectCode(
        t.invoke('case-act', {
          caseId,
          type: 'decide',
          payload: { outcome: 'support', basis: '依据', reviewOrgan: '县人民政府' },
        }),
        'act-not-allowed-in-status',
      );
      const { detail } = await t.invoke('case-act', {
        caseId,
        type: 'accept',
        payload: { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' },
      });
      expect(detail.case.status).toBe('accepted');
      expect(detail.case.clocks.find((k) => k.kind === 'handling')).toBeDefined();
      expect(detail.events.map((e) => e.type)).toEqual(['register', 'accept']);
    });

    it('finds earlier matters of the same petitioner (第十九条第三款) and searches petitioners', async () => {
      const similar = await t.invoke('petition-find-similar', {
        petitioners: [{ idNumber: demoIdNumber }],
        text: '补偿款未足额发放',
      });
      expect(similar.length).toBeGreaterThan(0);
      expect(similar[0]!.samePetitioner).toBe('id-number');
      const byId = await t.invoke('petitioner-search', { query: '110105194912' });
      expect(byId.map((p) => p.name)).toContain('张三');
      const byPinyin = await t.invoke('petitioner-search', { query: 'zs' });
      expect(byPinyin.map((p) => p.name)).toContain('张三');
      const got = await t.invoke('petitioner-get', { id: byId[0]!.id });
      expect(got.cases.length).toBeGreaterThan(0);
    });

    it('第十九条 corrects a 信访人 with the intake’s checks, keeping the replaced values with who and why; 第三十条 never one the user may not read', async () => {
      const [person] = await t.invoke('petitioner-search', { query: demoIdNumber });
      const reason = '信访人来电告知新的联系方式';
      const { petitioner } = await t.invoke('petitioner-update', {
        id: person!.id,
        changes: { phone: '139 0013 9000', address: '青山镇西街2号' },
        reason,
      });
      expect(petitioner).toMatchObject({ phone: '13900139000', address: '青山镇西街2号', nameInitials: 'zs' });
      expect(petitioner.history.at(-1)).toEqual({
        at: petitioner.updatedAt,
        by: 'user-qs-handler',
        byName: '青山镇办理人',
        reason,
        phone: person!.phone,
        address: person!.address,
      });
      expect((await t.invoke('petitioner-get', { id: person!.id })).petitioner.phone).toBe('13900139000');
      await expectCode(
        t.invoke('petitioner-update', {
          id: person!.id,
          changes: { idType: 'resident-id', idNumber: '110105194912310021' },
          reason,
        }),
        'id-checksum',
      );
      await expectCode(
        t.invoke('petitioner-update', { id: person!.id, changes: { phone: '12345678901' }, reason }),
        'phone-mobile-format',
      );
      await expectCode(
        t.invoke('petitioner-update', { id: person!.id, changes: { phone: '13900139000' }, reason: ' ' }),
        'invalid-arguments',
      );

      const accusation = walkIn({
        class: 'accusation',
        request: '举报村干部截留补偿款',
        petitioners: [{ kind: 'person', name: '王五', phone: '13600136000' }],
      });
      const { petitionerIds } = await t.invoke('petition-register', {
        registration: accusation,
        case: { kind: 'new' },
      });
      await t.invoke('session-logout', {});
      await t.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
      expect((await t.invoke('petitioner-get', { id: petitionerIds[0]! })).masked).toBe(true);
      await expectCode(
        t.invoke('petitioner-update', { id: petitionerIds[0]!, changes: { phone: '13500135000' }, reason }),
        'forbidden',
      );
    });

    it('第三十条第三款 a user who may not read a 检举控告 gets none of its text from any answer: matter, timeline, 信访件, 信访人, lists, searches (第四十六条第五项)', async () => {
      await t.invoke('session-logout', {});
      await t.invoke('session-login', { login: 'qs-handler', password: DEMO_PASSWORD });
      const accuser = {
        kind: 'person' as const,
        name: '欧阳举报人',
        idType: 'resident-id' as const,
        idNumber: '110101199003071233',
        phone: '13687654329',
        address: '青山镇槐树村七组',
      };
      const registration = walkIn({
        class: 'accusation',
        title: '举报村主任侵占扶贫款',
        request: '请求查处村主任侵占扶贫资金',
        facts: '村主任将三户扶贫款转入个人账户',
        reasons: '扶贫款应全额发放到户',
        contentCategory: '扶贫领域腐败',
        accusedPersons: ['赵村主任'],
        petitioners: [accuser],
      });
      const { caseId, petitionId } = await t.invoke('petition-register', { registration, case: { kind: 'new' } });
      const acts = [
        { type: 'note', payload: { text: '举报人要求对身份严格保密' } },
        { type: 'leader-case', payload: { leader: '钱副书记', note: '亲自督办扶贫款案' } },
        {
          type: 'supplement',
          payload: { field: 'reasons', value: '另有两户扶贫款被冒领', petitionId, accusedPersons: ['孙会计'] },
        },
      ] as const;
      for (const act of acts) await t.invoke('case-act', { caseId, ...act });
      const secrets = [
        registration.title!,
        registration.request!,
        registration.facts!,
        registration.reasons!,
        registration.contentCategory!,
        '赵村主任',
        '孙会计',
        accuser.name,
        accuser.idNumber,
        accuser.phone,
        accuser.address,
        '举报人要求对身份严格保密',
        '钱副书记',
        '亲自督办扶贫款案',
        '另有两户扶贫款被冒领',
      ];
      const leaked = (answer: unknown) => secrets.filter((s) => JSON.stringify(answer).includes(s));
      // The handler reads them all (the 补充 shows in place of the reasons it adds to).
      expect(leaked(await t.invoke('case-get', { id: caseId }))).toEqual(
        secrets.filter((s) => s !== registration.reasons),
      );
      expect((await t.invoke('case-list', { filter: { text: '扶贫款' } })).items.map((i) => i.id)).toContain(caseId);

      await t.invoke('session-logout', {});
      await t.invoke('session-login', { login: 'qs-reception', password: DEMO_PASSWORD });
      const masked = await t.invoke('case-get', { id: caseId });
      expect(masked.masked).toBe(true);
      expect(masked.events.map((e) => e.type)).toEqual(['register', 'note', 'leader-case', 'supplement']);
      expect(leaked(masked)).toEqual([]);
      expect(masked.petitioners).toEqual([expect.objectContaining({ name: '', idNumber: '', phone: '' })]);
      expect(leaked(await t.invoke('case-list', {}))).toEqual([]);
      for (const text of ['扶贫款', '村主任'])
        expect((await t.invoke('case-list', { filter: { text } })).items.map((i) => i.id)).not.toContain(caseId);
      expect(leaked(await t.invoke('petitioner-search', { query: accuser.phone }))).toEqual([]);
      expect(leaked(await t.invoke('petitioner-get', { id: masked.case.petitionerIds[0]! }))).toEqual([]);
    });

    it('refuses an unknown handler with unknown-handler', async () => {
      await expectCode(t.invoke('no-such-handler' as never, {} as never), 'unknown-handler');
    });

    it('第二十二条 lists the county offices for 转送 and 交办, and 第二十八条 the office staff for 回避, never a verifier', async () => {
      const offices = await t.invoke('office-list', {});
      expect(offices.map((o) => o.id)).toEqual(['office-county', 'office-qingshan', 'office-lvshui', 'office-jiwei']);
      expect(offices[1]).toEqual({
        id: 'office-qingshan',
        code: '999901101',
        name: '青山镇人民政府',
        kind: 'township',
        parentId: 'office-county',
      });
      const users = await t.invoke('user-list', {});
      expect(users.map((u) => u.name)).toEqual(
        expect.arrayContaining(['青山镇接待员', '青山镇办理人', '青山镇负责人']),
      );
      expect(users).toHaveLength(3);
      expect(JSON.stringify(users)).not.toContain('scrypt');
    });

    it('reads and writes settings', async () => {
      const settings = await t.invoke('settings-get', {});
      expect(settings.dueSoonDays).toBe(3);
      await expectCode(t.invoke('settings-set', { dueSoonDays: 99 }), 'invalid-arguments');
    });
  });
}
