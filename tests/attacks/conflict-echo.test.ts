import { describe, expect, it } from 'vitest';
import {
  actEvent,
  actors,
  fresh,
  petitionDoc,
  petitionerDoc,
  registerEvent,
  signedByActor,
} from '../src-server/fixtures';
import { seededServerPerSuite, type Backend, type Client } from '../src-server/support';

/**
 * A conflict answer as an echo, as a hostile desk would try it over HTTP: a push that reuses the id of a document the pushing
 * office may not see must not be answered with that document (RxDB's conflict answer carries the master state).
 * 第三十条第三款, 第四十六条第五项: neither a 检举控告's content nor its accuser reach the office it accuses.
 */
const secrets = {
  title: '举报青山镇副镇长挪用征地补偿款',
  facts: '副镇长将补偿款转入其亲属账户',
  accuser: '李举报',
  phone: '13912345678',
};

describe.each<Backend>(['pglite', 'pg'])('conflict answers on %s', (backend) => {
  let c: Client;
  seededServerPerSuite(backend, (_server, api) => {
    c = api;
  });

  /** The county registers an accusation against 青山镇, with its 信访人 and 信访件. */
  async function accusation() {
    const county = await c.enrol('county-reception');
    const person = petitionerDoc('office-county', { name: secrets.accuser, phone: secrets.phone });
    const reg = registerEvent(actors.countyReception, {
      cls: 'accusation',
      accused: ['office-qingshan'],
      petitionerIds: [person.id],
    });
    const withTitle = signedByActor({ ...reg, payload: { ...reg.payload, title: secrets.title } });
    const petitionId = (reg.payload as { petitionIds: string[] }).petitionIds[0];
    const petition = {
      ...petitionDoc('office-county', reg.caseId, 'user-county-reception', [person.id], petitionId),
      facts: secrets.facts,
    };
    for (const [collection, doc] of [
      ['petitioners', person],
      ['petitions', petition],
      ['case_events', withTitle],
    ] as const) {
      expect((await c.push(county.accessToken, collection, [fresh(doc)])).body).toEqual({ conflicts: [], refused: [] });
    }
    return { reg: withTitle, petition, person };
  }

  const leaks = (answer: unknown) => Object.values(secrets).filter((s) => JSON.stringify(answer).includes(s));

  it('第三十条第三款 an event id of an accusation, reused by the accused township on its own matter, is refused without the stored event', async () => {
    const { reg } = await accusation();
    const qs = await c.enrol('qs-reception');
    const own = registerEvent(actors.qsReception);
    expect((await c.push(qs.accessToken, 'case_events', [fresh(own)])).body.refused).toEqual([]);
    const reuse = signedByActor({
      ...actEvent(actors.qsReception, own.caseId, 'note', { text: '查询' }, [own.id]),
      id: reg.id,
    });
    const answer = await c.push(qs.accessToken, 'case_events', [fresh(reuse)]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ conflicts: [], refused: [{ id: reg.id, code: 'event-rewrite' }] });
    expect(leaks(answer.body)).toEqual([]);
    expect(JSON.stringify(answer.body)).not.toContain('office-qingshan');
  });

  it('第三十条第三款 a 信访件 id of an accusation, reused by the accused township, is refused without its facts', async () => {
    const { petition } = await accusation();
    const qs = await c.enrol('qs-reception');
    const own = registerEvent(actors.qsReception);
    await c.push(qs.accessToken, 'case_events', [fresh(own)]);
    const reuse = petitionDoc('office-qingshan', own.caseId, 'user-qs-reception', [], petition.id);
    const answer = await c.push(qs.accessToken, 'petitions', [fresh(reuse)]);
    expect(answer.body).toEqual({ conflicts: [], refused: [{ id: petition.id, code: 'doc-immutable' }] });
    expect(leaks(answer.body)).toEqual([]);
  });

  it('第三十条第三款 an accuser’s 信访人 id, pushed by the accused township, is refused without the name and phone', async () => {
    const { person } = await accusation();
    const qs = await c.enrol('qs-reception');
    for (const officeId of ['office-qingshan', 'office-county']) {
      const forged = { ...petitionerDoc(officeId), id: person.id, updatedAt: '2025-12-09T00:00:00.000Z' };
      const rows = [
        fresh(forged),
        {
          assumedMasterState: { ...forged, phone: '13000000000', _deleted: false },
          newDocumentState: { ...forged, _deleted: false },
        },
      ];
      for (const row of rows) {
        const answer = await c.push(qs.accessToken, 'petitioners', [row]);
        expect(answer.body).toEqual({ conflicts: [], refused: [{ id: person.id, code: 'petitioner-not-visible' }] });
        expect(leaks(answer.body)).toEqual([]);
      }
    }
  });

  it('an office that holds nothing of another township’s matter gets none of its documents back either', async () => {
    const qs = await c.enrol('qs-reception');
    const ls = await c.enrol('ls-reception');
    const theirs = registerEvent(actors.qsReception);
    await c.push(qs.accessToken, 'case_events', [fresh(theirs)]);
    const own = registerEvent(actors.lsReception);
    await c.push(ls.accessToken, 'case_events', [fresh(own)]);
    const answer = await c.push(ls.accessToken, 'case_events', [
      fresh(
        signedByActor({
          ...actEvent(actors.lsReception, own.caseId, 'note', { text: '查询' }, [own.id]),
          id: theirs.id,
        }),
      ),
    ]);
    expect(answer.body).toEqual({ conflicts: [], refused: [{ id: theirs.id, code: 'event-rewrite' }] });
  });

  it('RxDB’s conflict protocol still answers with the stored document the pusher may see (design.md §3)', async () => {
    const { reg, petition, person } = await accusation();
    const county = await c.enrol('county-handler');
    const rewrite = await c.push(county.accessToken, 'case_events', [
      fresh(signedByActor({ ...reg, occurredAt: '2025-11-01T00:00:00.000Z' })),
    ]);
    expect(rewrite.body.refused).toEqual([{ id: reg.id, code: 'event-rewrite' }]);
    expect(rewrite.body.conflicts).toEqual([expect.objectContaining({ id: reg.id, occurredAt: reg.occurredAt })]);
    const changed = await c.push(county.accessToken, 'petitions', [fresh({ ...petition, headcount: 3 })]);
    expect(changed.body.conflicts).toEqual([expect.objectContaining({ id: petition.id, facts: secrets.facts })]);
    const stale = { ...person, phone: '13700137000', updatedAt: '2025-12-09T00:00:00.000Z', _deleted: false };
    const merged = await c.push(county.accessToken, 'petitioners', [
      { assumedMasterState: { ...person, phone: '13600136000', _deleted: false }, newDocumentState: stale },
    ]);
    expect(merged.body).toMatchObject({
      refused: [],
      conflicts: [expect.objectContaining({ id: person.id, phone: '13700137000' })],
    });
  });
});
