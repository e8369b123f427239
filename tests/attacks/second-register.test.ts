import { describe, expect, it } from 'vitest';
import { actors, fresh, registerEvent, signedByActor } from '../src-server/fixtures';
import { seededServerPerSuite, type Backend, type Client } from '../src-server/support';

/**
 * A second 登记, as a hostile desk would try it over HTTP: a second 登记 of a registered 检举控告, back-dated, as
 * 申诉求决类 with no accused offices, would come first in every desk's fold and show the accusation unmasked.
 * 第十九条: a matter is registered once; 第三十条第三款: its restriction is never narrowed.
 */
describe.each<Backend>(['pglite', 'pg'])('a second 登记 on %s', (backend) => {
  let c: Client;
  seededServerPerSuite(backend, (_server, api) => {
    c = api;
  });

  it('第三十条第三款 a back-dated second 登记 of a 检举控告, as 申诉求决类 with no accused, is refused (case-already-registered)', async () => {
    const county = await c.enrol('county-reception');
    const reg = registerEvent(actors.countyReception, { cls: 'accusation', accused: ['office-qingshan'] });
    expect((await c.push(county.accessToken, 'case_events', [fresh(reg)])).body).toEqual({
      conflicts: [],
      refused: [],
    });
    const backDated = '2025-11-01T01:00:00.000Z';
    const forged = registerEvent(actors.countyReception, { caseId: reg.caseId, cls: 'claim' });
    const second = signedByActor({
      ...forged,
      occurredAt: backDated,
      recordedAt: backDated,
      payload: { ...forged.payload, receivedAt: backDated },
    });
    expect((await c.push(county.accessToken, 'case_events', [fresh(second)])).body).toEqual({
      conflicts: [],
      refused: [{ id: second.id, code: 'case-already-registered' }],
    });
    const held = (await c.pullAll(county.accessToken, 'case_events'))
      .filter((d) => d.caseId === reg.caseId)
      .map((d) => d.id);
    expect(held).toEqual([reg.id]);
    // Nor does the matter reach the accused township.
    const qs = await c.enrol('qs-reception');
    expect((await c.pullAll(qs.accessToken, 'case_events')).map((d) => d.caseId)).not.toContain(reg.caseId);
  });

  it('第十九条 two 登记 of one new matter in one batch: the first is kept, the second refused; a retried 登记 is a success', async () => {
    const qs = await c.enrol('qs-reception');
    const first = registerEvent(actors.qsReception);
    const second = registerEvent(actors.qsReception, { caseId: first.caseId });
    expect((await c.push(qs.accessToken, 'case_events', [fresh(first), fresh(second)])).body).toEqual({
      conflicts: [],
      refused: [{ id: second.id, code: 'case-already-registered' }],
    });
    expect((await c.push(qs.accessToken, 'case_events', [fresh(first)])).body).toEqual({ conflicts: [], refused: [] });
  });
});
