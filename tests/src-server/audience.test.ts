import { beforeAll, describe, expect, it } from 'vitest';
import { actEvent, actors, petitionDoc, registerEvent } from './fixtures';
import { demoOffices } from '#shared/demo/county';
import type { CaseEvent } from '#shared/domain/case-types';
import type { Sql } from '../../src-server/db/database';
import { audienceOf } from '../../src-server/services/audience';
import { domainPolicies, type Pusher } from '../../src-server/services/collections';
import type { LockedState } from '../../src-server/services/push-store';
import { OfficeTree, type CaseAccess } from '../../src-server/services/visibility';

/**
 * The audience of a push, decided in memory from what the push read under its locks (services/audience.ts): the
 * same fold the desks run, 检举控告 kept from the accused office, and a matter's whole history for an office it
 * reaches.
 */
const events = domainPolicies.find((p) => p.name === 'case_events')!;
const pusher = (officeId: string): Pusher => ({ officeId, deviceId: 'd', users: new Map() });
const asEvent = (e: object) => e as unknown as CaseEvent; // fixtures build schema-valid events
const written = (doc: { id: string }) => ({ id: doc.id, body: { ...doc } as Record<string, unknown> }); // a pushed body, as the server holds it
let tree: OfficeTree;

function state(over: Partial<LockedState> = {}): LockedState {
  return {
    stored: new Map(),
    access: new Map(),
    links: new Map(),
    caseDocs: [],
    reach: new Map(),
    linkedOwners: new Map(),
    ...over,
  };
}

beforeAll(async () => {
  const offices = demoOffices.map((o) => ({ id: o.id, parent: o.parentId }));
  const sql: Sql = { query: async <R>() => ({ rows: [{ version: 1, offices }] as R[] }), exec: async () => undefined }; // one statement's answer
  tree = await OfficeTree.load(sql);
});

describe('the audience of a pushed batch', () => {
  it('第十九条 a 登记 reaches the registering township and the county, and stores the access', () => {
    const reg = registerEvent(actors.qsReception);
    const a = audienceOf(tree, events, pusher('office-qingshan'), [written(reg)], state());
    expect(a.feed.map((e) => e.officeId).sort()).toEqual(['office-county', 'office-qingshan']);
    expect(a.access).toEqual([
      { caseId: reg.caseId, officeIds: ['office-county', 'office-qingshan'], accused: [], registered: true },
    ]);
  });

  it('第三十条第三款 a 检举控告 registered by the county never reaches the office it accuses', () => {
    const reg = registerEvent(actors.countyReception, { cls: 'accusation', accused: ['office-qingshan'] });
    const a = audienceOf(tree, events, pusher('office-county'), [written(reg)], state());
    expect(a.feed.map((e) => e.officeId)).toEqual(['office-county']);
    expect(a.access[0]).toMatchObject({ officeIds: ['office-county'], accused: ['office-qingshan'] });
  });

  it('第三十条第三款 a township that registers a 检举控告 against itself may still write to it but receives none of it', () => {
    const reg = registerEvent(actors.qsReception, { cls: 'accusation', accused: ['office-qingshan'] });
    const a = audienceOf(tree, events, pusher('office-qingshan'), [written(reg)], state());
    expect(a.access).toEqual([
      {
        caseId: reg.caseId,
        officeIds: ['office-county', 'office-qingshan'],
        accused: ['office-qingshan'],
        registered: true,
      },
    ]);
    expect(a.feed.map((e) => e.officeId)).toEqual(['office-county']);
  });

  it('第三十条第三款 an office accused at 受理 is kept from a 检举控告 from then on, and stays out', () => {
    const reg = registerEvent(actors.countyReception);
    const registered: CaseAccess = { caseId: reg.caseId, officeIds: ['office-county'], accused: [], registered: true };
    const accept = actEvent(
      actors.countyHandler,
      reg.caseId,
      'accept',
      {
        noticeMethod: 'on-site',
        class: 'accusation',
        procedure: 'opinion',
        accusedOfficeIds: ['office-lvshui'],
        accusedPersons: ['王某'],
      },
      [reg.id],
    );
    const read = state({
      access: new Map([[reg.caseId, registered]]),
      caseDocs: [{ caseId: reg.caseId, collection: 'case_events', id: reg.id, event: asEvent(reg) }],
    });
    const a = audienceOf(tree, events, pusher('office-county'), [written(accept)], read);
    expect(a.access).toEqual([
      { caseId: reg.caseId, officeIds: ['office-county'], accused: ['office-lvshui'], registered: true },
    ]);
    // A 转送 to it is refused by the fold (the desk's form refuses it first): the matter does not reach 绿水乡.
    const forward = actEvent(
      actors.countyHandler,
      reg.caseId,
      'forward',
      { toOfficeId: 'office-lvshui', petitionerTold: true },
      [accept.id],
    );
    const later = state({
      access: new Map([[reg.caseId, a.access[0]!]]),
      caseDocs: [reg, accept].map((e) => ({
        caseId: reg.caseId,
        collection: 'case_events',
        id: e.id,
        event: asEvent(e),
      })),
    });
    const b = audienceOf(tree, events, pusher('office-county'), [written(forward)], later);
    expect(b.access).toEqual([]);
    expect(b.feed.map((e) => e.officeId)).toEqual(['office-county']);
  });

  it('第二十二条 属地管理, 第三十条 for 检举控告 only: a 申诉求决 complaint about 绿水乡 is forwarded to 绿水乡 with its whole history', () => {
    const reg = registerEvent(actors.qsReception, { cls: 'claim', accused: ['office-lvshui'] });
    const a = audienceOf(tree, events, pusher('office-qingshan'), [written(reg)], state());
    expect(a.access).toEqual([
      { caseId: reg.caseId, officeIds: ['office-county', 'office-qingshan'], accused: [], registered: true },
    ]);
    const forward = actEvent(
      actors.qsHandler,
      reg.caseId,
      'forward',
      { toOfficeId: 'office-lvshui', petitionerTold: true },
      [reg.id],
    );
    const read = state({
      access: new Map([[reg.caseId, a.access[0]!]]),
      caseDocs: [{ caseId: reg.caseId, collection: 'case_events', id: reg.id, event: asEvent(reg) }],
    });
    const b = audienceOf(tree, events, pusher('office-qingshan'), [written(forward)], read);
    expect(b.access).toEqual([
      {
        caseId: reg.caseId,
        officeIds: ['office-county', 'office-lvshui', 'office-qingshan'],
        accused: [],
        registered: true,
      },
    ]);
    expect(
      b.feed
        .filter((e) => e.officeId === 'office-lvshui')
        .map((e) => e.docId)
        .sort(),
    ).toEqual([forward.id, reg.id].sort());
  });

  it('a 备注 on a matter changes no access and goes to the offices that see the matter', () => {
    const reg = registerEvent(actors.qsReception);
    const access: CaseAccess = {
      caseId: reg.caseId,
      officeIds: ['office-county', 'office-qingshan'],
      accused: [],
      registered: true,
    };
    const note = actEvent(actors.qsHandler, reg.caseId, 'note', { text: '已联系' }, [reg.id]);
    const read = state({
      access: new Map([[reg.caseId, access]]),
      caseDocs: [{ caseId: reg.caseId, collection: 'case_events', id: reg.id, event: asEvent(reg) }],
    });
    const a = audienceOf(tree, events, pusher('office-qingshan'), [written(note)], read);
    expect(a.access).toEqual([]);
    expect(a.feed).toEqual([
      { officeId: 'office-county', collection: 'case_events', docId: note.id },
      { officeId: 'office-qingshan', collection: 'case_events', docId: note.id },
    ]);
  });

  it('第二十二条 a 转送 gives the receiving township the whole history: events, 信访件 and 信访人', () => {
    const reg = registerEvent(actors.qsReception, { petitionerIds: ['pr-1'] });
    const petition = petitionDoc('office-qingshan', reg.caseId, 'user-qs-reception', ['pr-1']);
    const access: CaseAccess = {
      caseId: reg.caseId,
      officeIds: ['office-county', 'office-qingshan'],
      accused: [],
      registered: true,
    };
    const read = state({
      access: new Map([[reg.caseId, access]]),
      links: new Map([[reg.caseId, new Set(['pr-1'])]]),
      caseDocs: [
        { caseId: reg.caseId, collection: 'case_events', id: reg.id, event: asEvent(reg) },
        { caseId: reg.caseId, collection: 'petitions', id: petition.id, event: null },
      ],
    });
    const forward = actEvent(
      actors.qsHandler,
      reg.caseId,
      'forward',
      { toOfficeId: 'office-lvshui', petitionerTold: true },
      [reg.id],
    );
    const a = audienceOf(tree, events, pusher('office-qingshan'), [written(forward)], read);
    expect(a.access).toEqual([
      {
        caseId: reg.caseId,
        officeIds: ['office-county', 'office-lvshui', 'office-qingshan'],
        accused: [],
        registered: true,
      },
    ]);
    const toLvshui = a.feed.filter((e) => e.officeId === 'office-lvshui').map((e) => `${e.collection}:${e.docId}`);
    expect(toLvshui.sort()).toEqual(
      [`case_events:${forward.id}`, `case_events:${reg.id}`, `petitioners:pr-1`, `petitions:${petition.id}`].sort(),
    );
    expect(a.links).toEqual([]); // the matter held the link already
  });
  it('第三十条第三款 a 信访人 goes with a matter it is linked to, but never to an office another of its matters accuses', () => {
    const reg = registerEvent(actors.countyReception, { petitionerIds: ['pr-accuser'] });
    const access: CaseAccess = { caseId: reg.caseId, officeIds: ['office-county'], accused: [], registered: true };
    const read = state({
      access: new Map([[reg.caseId, access]]),
      links: new Map([[reg.caseId, new Set(['pr-accuser'])]]),
      caseDocs: [{ caseId: reg.caseId, collection: 'case_events', id: reg.id, event: asEvent(reg) }],
      reach: new Map([['pr-accuser', { caseOffices: ['office-county'], accused: ['office-qingshan'] }]]),
    });
    const forward = actEvent(
      actors.countyHandler,
      reg.caseId,
      'forward',
      { toOfficeId: 'office-qingshan', petitionerTold: true },
      [reg.id],
    );
    const a = audienceOf(tree, events, pusher('office-county'), [written(forward)], read);
    const toQingshan = a.feed.filter((e) => e.officeId === 'office-qingshan').map((e) => e.collection);
    expect(toQingshan.sort()).toEqual(['case_events', 'case_events']);
  });
});
