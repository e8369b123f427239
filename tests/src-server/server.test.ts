import { describe, expect, it } from 'vitest';
import { actEvent, actors, fresh, petitionDoc, petitionerDoc, registerEvent, signedByActor } from './fixtures';
import { seededServerPerSuite, type Backend, type Client, type RunningServer } from './support';
import { revokeDevice } from '../../src-server/services/admin';
import { syncPaths } from '#shared/sync/protocol';

describe.each<Backend>(['pglite', 'pg'])('the county server on %s', (backend) => {
  let s: RunningServer;
  let c: Client;
  seededServerPerSuite(backend, (server, api) => {
    s = server;
    c = api;
  });

  it('a desk pulls the reference data its office may see: every office, its own users only', async () => {
    const qs = await c.enrol('qs-reception');
    const offices = await c.pullAll(qs.accessToken, 'offices');
    expect(offices.map((o) => o.id).sort()).toEqual([
      'office-county',
      'office-jiwei',
      'office-lvshui',
      'office-qingshan',
    ]);
    const users = await c.pullAll(qs.accessToken, 'users');
    expect(users.map((u) => u.officeId)).toEqual(['office-qingshan', 'office-qingshan', 'office-qingshan']);
    expect(users[0]!.verifier).toMatch(/^scrypt\$/);
    expect(await c.pullAll(qs.accessToken, 'calendars')).toHaveLength(1);
  });

  it('refuses a wrong password, an unknown token and a revoked device', async () => {
    const wrong = await c.call('POST', syncPaths.login, { login: 'qs-reception', password: 'nope', deviceName: 'x' });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'login-failed' } });
    expect(await c.call('GET', syncPaths.pull('offices'), undefined, 'garbage')).toMatchObject({
      status: 401,
      body: { code: 'token-invalid' },
    });
    const desk = await c.enrol('ls-reception');
    expect((await c.call('GET', syncPaths.pull('offices'), undefined, desk.accessToken)).status).toBe(200);
    await revokeDevice(s.db, desk.deviceId);
    expect(await c.call('GET', syncPaths.pull('offices'), undefined, desk.accessToken)).toMatchObject({
      status: 401,
      body: { code: 'device-revoked' },
    });
    expect(await c.call('POST', syncPaths.refresh, { refreshToken: desk.refreshToken })).toMatchObject({
      status: 401,
      body: { code: 'device-revoked' },
    });
  });

  it('rotates refresh tokens: the new ones work, the old one stops working (its replay: tests/attacks/refresh-replay.test.ts)', async () => {
    const desk = await c.enrol('qs-handler');
    const next = await c.call<{ refreshToken: string; accessToken: string }>('POST', syncPaths.refresh, {
      refreshToken: desk.refreshToken,
    });
    expect(next.status).toBe(200);
    expect((await c.call('GET', syncPaths.pull('offices'), undefined, next.body.accessToken)).status).toBe(200);
    expect((await c.call('POST', syncPaths.refresh, { refreshToken: next.body.refreshToken })).status).toBe(200);
    expect((await c.call('POST', syncPaths.refresh, { refreshToken: desk.refreshToken })).status).toBe(401);
  });

  it('rate-limits logins (design.md §5)', async () => {
    const tries = [];
    for (let i = 0; i < 6; i++)
      tries.push(
        (await c.call('POST', syncPaths.login, { login: 'ls-approver', password: `bad${i}`, deviceName: 'x' })).status,
      );
    expect(tries).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('第二十二条 a 转送 brings the whole history to the receiving township on its next pull', async () => {
    const qs = await c.enrol('qs-handler');
    const ls = await c.enrol('ls-handler');
    const county = await c.enrol('county-handler');
    const person = petitionerDoc('office-qingshan');
    const reg = registerEvent(actors.qsReception, { petitionerIds: [person.id] });
    const petition = petitionDoc(
      'office-qingshan',
      reg.caseId,
      'user-qs-reception',
      [person.id],
      (reg.payload as { petitionIds: string[] }).petitionIds[0],
    );
    expect((await c.push(qs.accessToken, 'petitioners', [fresh(person)])).body).toEqual({ conflicts: [], refused: [] });
    expect((await c.push(qs.accessToken, 'petitions', [fresh(petition)])).body).toEqual({ conflicts: [], refused: [] });
    expect((await c.push(qs.accessToken, 'case_events', [fresh(reg)])).body).toEqual({ conflicts: [], refused: [] });
    // 绿水乡 has pulled everything so far: its checkpoint is past the matter's documents.
    const lsBefore = await c.pullAll(ls.accessToken, 'case_events');
    expect(lsBefore.map((d) => d.id)).not.toContain(reg.id);
    expect((await c.pullAll(county.accessToken, 'case_events')).map((d) => d.id)).toContain(reg.id); // the county sees its townships
    const forward = actEvent(
      actors.qsHandler,
      reg.caseId,
      'forward',
      { toOfficeId: 'office-lvshui', petitionerTold: true },
      [reg.id],
    );
    expect((await c.push(qs.accessToken, 'case_events', [fresh(forward)])).body).toEqual({
      conflicts: [],
      refused: [],
    });
    const events = await c.pullAll(ls.accessToken, 'case_events');
    expect(events.map((d) => d.id).sort()).toEqual([reg.id, forward.id].sort());
    expect((await c.pullAll(ls.accessToken, 'petitions')).map((d) => d.id)).toContain(petition.id);
    expect((await c.pullAll(ls.accessToken, 'petitioners')).map((d) => d.id)).toContain(person.id);
  });

  it('第三十条第三款 a 检举控告 matter about 青山镇 never reaches 青山镇, also after it is transferred', async () => {
    const county = await c.enrol('county-reception');
    const countyHandler = await c.enrol('county-handler');
    const qs = await c.enrol('qs-reception');
    const jw = await c.enrol('jw-handler');
    const person = petitionerDoc('office-county', { name: '李四' });
    const reg = registerEvent(actors.countyReception, {
      cls: 'accusation',
      accused: ['office-qingshan'],
      petitionerIds: [person.id],
    });
    const petition = petitionDoc(
      'office-county',
      reg.caseId,
      'user-county-reception',
      [person.id],
      (reg.payload as { petitionIds: string[] }).petitionIds[0],
    );
    await c.push(county.accessToken, 'petitioners', [fresh(person)]);
    await c.push(county.accessToken, 'petitions', [fresh(petition)]);
    await c.push(county.accessToken, 'case_events', [fresh(reg)]);
    const transfer = actEvent(
      actors.countyHandler,
      reg.caseId,
      'transfer',
      { target: 'discipline', organ: '示范县纪委监委', toOfficeId: 'office-jiwei' },
      [reg.id],
    );
    expect((await c.push(countyHandler.accessToken, 'case_events', [fresh(transfer)])).body.refused).toEqual([]);
    for (const collection of ['case_events', 'petitions', 'petitioners']) {
      const seen = (await c.pullAll(qs.accessToken, collection)).map((d) => d.id);
      expect(seen).not.toContain(reg.id);
      expect(seen).not.toContain(petition.id);
      expect(seen).not.toContain(person.id);
    }
    expect((await c.pullAll(jw.accessToken, 'case_events')).map((d) => d.id)).toEqual(
      expect.arrayContaining([reg.id, transfer.id]),
    );
    // The accused office cannot write to the matter either.
    const note = actEvent(actors.qsReception, reg.caseId, 'note', { text: '查询' }, [reg.id]);
    expect((await c.push(qs.accessToken, 'case_events', [fresh(note)])).body.refused).toEqual([
      { id: note.id, code: 'case-not-visible' },
    ]);
  });

  it('第三十条第三款 a 检举控告 a township registers against itself: it delivers its 登记 and routes it out (第四十四条第一项), and gets nothing back', async () => {
    const qs = await c.enrol('qs-reception');
    const qsHandler = await c.enrol('qs-handler');
    const jw = await c.enrol('jw-handler');
    const county = await c.enrol('county-handler');
    const reg = registerEvent(actors.qsReception, { cls: 'accusation', accused: ['office-qingshan'] });
    const petition = petitionDoc(
      'office-qingshan',
      reg.caseId,
      'user-qs-reception',
      [],
      (reg.payload as { petitionIds: string[] }).petitionIds[0],
    );
    expect((await c.push(qs.accessToken, 'case_events', [fresh(reg)])).body.refused).toEqual([]);
    expect((await c.push(qs.accessToken, 'petitions', [fresh(petition)])).body.refused).toEqual([]);
    const transfer = actEvent(
      actors.qsHandler,
      reg.caseId,
      'transfer',
      { target: 'discipline', organ: '示范县纪委监委', toOfficeId: 'office-jiwei' },
      [reg.id],
    );
    expect((await c.push(qsHandler.accessToken, 'case_events', [fresh(transfer)])).body.refused).toEqual([]);
    expect((await c.pullAll(jw.accessToken, 'case_events')).map((d) => d.id)).toEqual(
      expect.arrayContaining([reg.id, transfer.id]),
    );
    expect((await c.pullAll(jw.accessToken, 'petitions')).map((d) => d.id)).toContain(petition.id);
    // What the 纪委 does next reaches the county, never 青山镇.
    const note = actEvent(actors.jwHandler, reg.caseId, 'note', { text: '已初步核实' }, [transfer.id]);
    expect((await c.push(jw.accessToken, 'case_events', [fresh(note)])).body.refused).toEqual([]);
    expect((await c.pullAll(county.accessToken, 'case_events')).map((d) => d.id)).toContain(note.id);
    const seen = (await c.pullAll(qs.accessToken, 'case_events')).map((d) => String(d.id));
    expect(seen.filter((id) => [reg.id, transfer.id, note.id].includes(id))).toEqual([]);
  });

  it('bad pushes are each refused with their code; the rest of the batch is kept', async () => {
    const qs = await c.enrol('qs-reception');
    const good = registerEvent(actors.qsReception);
    const otherOffice = registerEvent(actors.lsReception);
    const notOurUser = registerEvent({ ...actors.qsReception, userId: 'user-ls-reception' });
    const wrongRole = registerEvent({ ...actors.qsReception, role: 'approver' });
    const badPayload = { ...registerEvent(actors.qsReception), payload: { caseNumber: 'x' } };
    const oversize = {
      ...registerEvent(actors.qsReception),
      payload: { ...registerEvent(actors.qsReception).payload, title: '长'.repeat(300_000) },
    };
    const malformed = { id: 'ev-malformed', caseId: 'c', type: 'no-such-act' };
    const rows = [good, otherOffice, notOurUser, wrongRole, badPayload, oversize, malformed].map(fresh);
    const r = await c.push(qs.accessToken, 'case_events', rows);
    expect(r.status).toBe(200);
    expect(r.body.refused).toEqual([
      { id: otherOffice.id, code: 'doc-other-office' },
      { id: notOurUser.id, code: 'actor-not-of-office' },
      { id: wrongRole.id, code: 'actor-not-of-office' },
      { id: badPayload.id, code: 'act-payload-invalid' },
      { id: oversize.id, code: 'doc-too-large' },
      { id: 'ev-malformed', code: 'doc-malformed' },
    ]);
    expect((await c.pullAll(qs.accessToken, 'case_events')).map((d) => d.id)).toContain(good.id);
    // A retried identical event is a success; another body under its id is refused and the stored one returned.
    expect((await c.push(qs.accessToken, 'case_events', [fresh(good)])).body).toEqual({ conflicts: [], refused: [] });
    const rewrite = signedByActor({ ...good, occurredAt: '2025-12-03T00:00:00.000Z' });
    const again = await c.push(qs.accessToken, 'case_events', [fresh(rewrite)]);
    expect(again.body.refused).toEqual([{ id: good.id, code: 'event-rewrite' }]);
    expect(again.body.conflicts).toEqual([expect.objectContaining({ id: good.id, occurredAt: good.occurredAt })]);
    expect(
      (await c.push(qs.accessToken, 'case_events', [{ newDocumentState: { ...good, _deleted: true } }])).body.refused,
    ).toEqual([{ id: good.id, code: 'delete-refused' }]);
    expect((await c.push(qs.accessToken, 'offices', [fresh({ id: 'x' })])).status).toBe(404);
    const petition = petitionDoc('office-qingshan', good.caseId, 'user-qs-reception');
    await c.push(qs.accessToken, 'petitions', [fresh(petition)]);
    expect((await c.push(qs.accessToken, 'petitions', [fresh({ ...petition, headcount: 9 })])).body.refused).toEqual([
      { id: petition.id, code: 'doc-immutable' },
    ]);
  });

  it('a signed event whose id is half a surrogate pair is refused (doc-malformed) in a batch that writes and refuses others; the refusal log never fails the push', async () => {
    // The log of refusals written with the batch must not take the id as jsonb, which refuses \ud800.
    const qs = await c.enrol('qs-reception');
    const stored = registerEvent(actors.qsReception);
    await c.push(qs.accessToken, 'case_events', [fresh(stored)]);
    const loneSurrogate = signedByActor({ ...registerEvent(actors.qsReception), id: '\ud800' });
    const rewrite = signedByActor({ ...stored, occurredAt: '2025-12-03T00:00:00.000Z' });
    const good = registerEvent(actors.qsReception);
    const r = await c.push(qs.accessToken, 'case_events', [fresh(loneSurrogate), fresh(rewrite), fresh(good)]);
    expect(r.status).toBe(200);
    expect(r.body.refused).toEqual([
      { id: '\ud800', code: 'doc-malformed' },
      { id: stored.id, code: 'event-rewrite' },
    ]);
    expect((await c.pullAll(qs.accessToken, 'case_events')).map((d) => d.id)).toContain(good.id);
  });

  it('第十九条 takes a correction of its own 信访人 with its 变更记录; refuses a 身份证 or phone that fails the intake’s checks', async () => {
    const qs = await c.enrol('qs-reception');
    const base = petitionerDoc('office-qingshan', {
      idType: 'resident-id',
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
    });
    await c.push(qs.accessToken, 'petitioners', [fresh(base)]);
    const entry = {
      at: '2025-12-02T00:00:00.000Z',
      by: 'user-qs-reception',
      byName: '青山镇接待员',
      reason: '信访人更换手机号',
      phone: base.phone,
    };
    const corrected = {
      ...base,
      phone: '13900139000',
      history: [entry],
      updatedAt: '2025-12-02T00:00:00.000Z',
      _deleted: false,
    };
    expect(
      (
        await c.push(qs.accessToken, 'petitioners', [
          { assumedMasterState: { ...base, _deleted: false }, newDocumentState: corrected },
        ])
      ).body,
    ).toEqual({ conflicts: [], refused: [] });
    const ls = await c.enrol('ls-reception');
    expect((await c.pullAll(qs.accessToken, 'petitioners')).find((d) => d.id === base.id)).toMatchObject({
      phone: '13900139000',
      history: [entry],
    });
    expect((await c.pullAll(ls.accessToken, 'petitioners')).map((d) => d.id)).not.toContain(base.id); // no matter of it at 绿水乡

    const badId = { ...corrected, idNumber: '110105194912310021', updatedAt: '2025-12-03T00:00:00.000Z' };
    const badPhone = { ...corrected, id: 'pr-bad-phone', phone: '12345678901' };
    const answer = await c.push(qs.accessToken, 'petitioners', [
      { assumedMasterState: corrected, newDocumentState: badId },
      fresh(badPhone),
    ]);
    expect(answer.body.refused).toEqual([
      { id: base.id, code: 'doc-malformed' },
      { id: 'pr-bad-phone', code: 'doc-malformed' },
    ]);
  });

  it('merges a 信访人 edited at two desks field by field, keeping the loser in history', async () => {
    const qs = await c.enrol('qs-reception');
    const base = petitionerDoc('office-qingshan', { phone: '13800138000', address: '青山镇东街1号' });
    await c.push(qs.accessToken, 'petitioners', [fresh(base)]);
    const assumed = { ...base, _deleted: false };
    const a = { ...base, phone: '13900139000', updatedAt: '2025-12-02T00:00:00.000Z', _deleted: false };
    const b = {
      ...base,
      address: '青山镇西街2号',
      phone: '13700137000',
      updatedAt: '2025-12-03T00:00:00.000Z',
      _deleted: false,
    };
    expect(
      (await c.push(qs.accessToken, 'petitioners', [{ assumedMasterState: assumed, newDocumentState: a }])).body
        .conflicts,
    ).toEqual([]);
    const r = await c.push(qs.accessToken, 'petitioners', [{ assumedMasterState: assumed, newDocumentState: b }]);
    const merged = r.body.conflicts[0]!;
    expect(merged).toMatchObject({ address: '青山镇西街2号', phone: '13700137000' });
    expect(merged.history).toEqual([expect.objectContaining({ conflict: true, phone: '13900139000' })]);
    const pulled = (await c.pullAll(qs.accessToken, 'petitioners')).find((d) => d.id === base.id);
    expect(pulled).toMatchObject({ address: '青山镇西街2号', phone: '13700137000' });
  });
});
