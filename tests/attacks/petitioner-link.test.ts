import { describe, expect, it } from 'vitest';
import { actors, fresh, petitionDoc, petitionerDoc, registerEvent } from '../src-server/fixtures';
import { seededServerPerSuite, type Backend, type Client } from '../src-server/support';
import type { CaseEventDoc, PetitionerDoc } from '#shared/domain/documents';

/**
 * Linking an accuser's 信访人, as a hostile desk would try it over HTTP: an office links to its own matter the 信访人 of an
 * accusation against it, to receive the record and overwrite the phone and address. 第三十条第三款: an accuser's
 * 信访人 is restricted with the accusation, never visible to an office it accuses, the county's bureau included.
 */
describe.each<Backend>(['pglite', 'pg'])('linking a 信访人 on %s', (backend) => {
  let c: Client;
  seededServerPerSuite(backend, (_server, api) => {
    c = api;
  });

  /** `office` registers an accusation against `accused`; its 信访人 is pushed before the 登记 (desks push collections in any order). */
  async function accusation(login: string, actor: CaseEventDoc['actor'], accused: string) {
    const desk = await c.enrol(login);
    const person = petitionerDoc(actor.officeId, { name: '李举报', phone: '13912345678', address: '青山镇南街9号' });
    const reg = registerEvent(actor, { cls: 'accusation', accused: [accused], petitionerIds: [person.id] });
    const petition = petitionDoc(
      actor.officeId,
      reg.caseId,
      actor.userId,
      [person.id],
      (reg.payload as { petitionIds: string[] }).petitionIds[0],
    );
    for (const [collection, doc] of [
      ['petitioners', person],
      ['petitions', petition],
      ['case_events', reg],
    ] as const) {
      expect((await c.push(desk.accessToken, collection, [fresh(doc)])).body).toEqual({ conflicts: [], refused: [] });
    }
    return { person, reg };
  }

  /** The accused office's own matter naming the accuser, its 信访件, and an overwrite of the accuser's contact data. */
  async function attack(login: string, actor: CaseEventDoc['actor'], person: PetitionerDoc) {
    const desk = await c.enrol(login);
    const reg = registerEvent(actor, { petitionerIds: [person.id] });
    const petition = petitionDoc(
      actor.officeId,
      reg.caseId,
      actor.userId,
      [person.id],
      (reg.payload as { petitionIds: string[] }).petitionIds[0],
    );
    const overwrite = {
      ...person,
      phone: '13000000000',
      address: '不详',
      updatedAt: '2025-12-09T00:00:00.000Z',
      _deleted: false,
    };
    return {
      desk,
      register: await c.push(desk.accessToken, 'case_events', [fresh(reg)]),
      petition: await c.push(desk.accessToken, 'petitions', [fresh(petition)]),
      update: await c.push(desk.accessToken, 'petitioners', [
        { assumedMasterState: { ...person, _deleted: false }, newDocumentState: overwrite },
      ]),
      reg,
      petitionId: petition.id,
    };
  }

  it('第三十条第三款 the accused township may not link the accuser’s 信访人 to its own matter, nor receive it, nor change it', async () => {
    const { person } = await accusation('county-reception', actors.countyReception, 'office-qingshan');
    const a = await attack('qs-reception', actors.qsReception, person);
    expect(a.register.body.refused).toEqual([{ id: a.reg.id, code: 'petitioner-not-visible' }]);
    expect(a.petition.body.refused).toEqual([{ id: a.petitionId, code: 'petitioner-not-visible' }]);
    expect(a.update.body).toEqual({ conflicts: [], refused: [{ id: person.id, code: 'petitioner-not-visible' }] });
    expect((await c.pullAll(a.desk.accessToken, 'petitioners')).map((d) => d.id)).not.toContain(person.id);
    const county = await c.enrol('county-handler');
    expect((await c.pullAll(county.accessToken, 'petitioners')).find((d) => d.id === person.id)).toMatchObject({
      phone: '13912345678',
      address: '青山镇南街9号',
    });
  });

  it('第三十条第三款 an accusation against the county bureau: its accuser’s 信访人 never reaches the county, which may not link or change it', async () => {
    const { person } = await accusation('qs-reception', actors.qsReception, 'office-county');
    const a = await attack('county-reception', actors.countyReception, person);
    expect(a.register.body.refused).toEqual([{ id: a.reg.id, code: 'petitioner-not-visible' }]);
    expect(a.update.body.refused).toEqual([{ id: person.id, code: 'petitioner-not-visible' }]);
    expect((await c.pullAll(a.desk.accessToken, 'petitioners')).map((d) => d.id)).not.toContain(person.id);
    // The township that registered it still holds and corrects its own record.
    const qs = await c.enrol('qs-handler');
    expect((await c.pullAll(qs.accessToken, 'petitioners')).find((d) => d.id === person.id)).toMatchObject({
      phone: '13912345678',
    });
  });

  it('an office links a 信访人 it sees, and one it registers in the same sync before the 信访人 itself arrives', async () => {
    const qs = await c.enrol('qs-reception');
    const known = petitionerDoc('office-qingshan');
    await c.push(qs.accessToken, 'petitioners', [fresh(known)]);
    const later = petitionerDoc('office-qingshan');
    const reg = registerEvent(actors.qsReception, { petitionerIds: [known.id, later.id] });
    expect((await c.push(qs.accessToken, 'case_events', [fresh(reg)])).body).toEqual({ conflicts: [], refused: [] });
    expect((await c.push(qs.accessToken, 'petitioners', [fresh(later)])).body).toEqual({ conflicts: [], refused: [] });
    const county = await c.enrol('county-handler');
    expect((await c.pullAll(county.accessToken, 'petitioners')).map((d) => d.id)).toEqual(
      expect.arrayContaining([known.id, later.id]),
    );
  });
});
