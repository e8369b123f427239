import { describe, expect, it } from 'vitest';
import { collectionSchemas, deskSchemaDeclaration } from '#shared/domain/schemas';
import { syncPaths, type PullResponse, type PushResponse } from '#shared/sync/protocol';
import { actors, petitionDoc, petitionerDoc, registerEvent, signedByActor, uid } from './fixtures';
import { seededServerPerSuite, type Backend, type Client, type RunningServer } from './support';

/**
 * Unknown keys: a key the server's schema does not know, if stored, would be replicated to every desk that sees the
 * document, so no such key is ever stored. A desk declares its schemas (`x-desk-schema`); from a
 * desk newer than the server the unknown keys are dropped and the rest stored (an older server and a newer desk
 * still talk); from any other the document is refused (`doc-unknown-field`), the rest of the batch stored; a signed
 * act is never cut (its signature covers every key), so one with an unknown key is refused whatever the desk says.
 */

const AT = '2025-12-01T01:00:00.000Z';
/** The declaration of a desk one schema version ahead of this server in every collection. */
const newerDesk = Object.entries(collectionSchemas)
  .map(([name, schema]) => `${name}=${schema.version + 1}`)
  .join(',');

const row = (doc: object) => ({ newDocumentState: { ...doc, _deleted: false } });
const audit = () => ({
  id: uid('audit'),
  at: AT,
  userId: actors.qsReception.userId,
  officeId: 'office-qingshan',
  action: 'view',
  caseId: uid('case'),
  detail: '查看',
});

describe.each<Backend>(['pglite', 'pg'])('unknown keys on %s', (backend) => {
  let server: RunningServer;
  let api: Client;
  seededServerPerSuite(backend, (s, c) => {
    server = s;
    api = c;
  });
  const enrol = async (login: string) => (await api.enrol(login)).accessToken;

  async function push(token: string, collection: string, docs: object[], declared?: string): Promise<PushResponse> {
    const response = await fetch(server.url + syncPaths.push(collection), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(declared === undefined ? {} : { 'x-desk-schema': declared }),
      },
      body: JSON.stringify(docs.map(row)),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as PushResponse;
  }

  /** Every document of `collection` another desk of 青山镇 pulls. */
  async function pulledByAnotherDesk(collection: string): Promise<PullResponse['documents']> {
    const token = await enrol('qs-handler');
    const response = await fetch(`${server.url}${syncPaths.pull(collection)}?limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await response.json()) as PullResponse).documents;
  }

  /** Which of the ids the server stores, each with its stored body. */
  async function storedBodies(ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const { rows } = await server.db.query<{ id: string; body: Record<string, unknown> }>(
      'SELECT id, body FROM docs WHERE id = ANY($1::text[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.body]));
  }

  it.each([
    ['as this server (a desk of today)', deskSchemaDeclaration],
    ['nothing (a desk of before)', undefined],
  ])(
    'a hostile desk declaring %s: a document with an unknown key, at the top, in the actor or in the payload, is refused (doc-unknown-field); the rest of the batch is stored; no other desk pulls the key',
    async (_label, declared) => {
      const qs = await enrol('qs-reception');
      const register = registerEvent(actors.qsReception);
      const extraTop = signedByActor({ ...registerEvent(actors.qsReception), smuggled: '夹带' } as never);
      const extraActor = signedByActor({
        ...register,
        id: uid('ev'),
        caseId: uid('case'),
        actor: { ...actors.qsReception, smuggled: '夹带' },
      } as never);
      const extraPayload = signedByActor({
        ...register,
        id: uid('ev'),
        caseId: uid('case'),
        payload: { ...register.payload, smuggled: '夹带' },
      } as never);
      // Not an unknown key: a text the payload's schema trims (zod changes the value, never adds a key).
      const unspaced = registerEvent(actors.qsReception);
      const spaced = signedByActor({
        ...unspaced,
        payload: { ...unspaced.payload, title: ` ${unspaced.payload.title} ` },
      } as never);
      const events = await push(qs, 'case_events', [extraTop, register, extraActor, extraPayload, spaced], declared);
      expect(events).toEqual({
        conflicts: [],
        refused: [extraTop, extraActor, extraPayload].map((e) => ({ id: e.id, code: 'doc-unknown-field' })),
      });

      const [petitioner, petitionerExtra] = [
        petitionerDoc('office-qingshan'),
        { ...petitionerDoc('office-qingshan'), smuggled: '夹带' },
      ];
      const [petition, petitionExtra] = [
        petitionDoc('office-qingshan', register.caseId, actors.qsReception.userId),
        { ...petitionDoc('office-qingshan', register.caseId, actors.qsReception.userId), smuggled: '夹带' },
      ];
      const [log, logExtra] = [audit(), { ...audit(), smuggled: '夹带' }];
      for (const [collection, good, bad] of [
        ['petitioners', petitioner, petitionerExtra],
        ['petitions', petition, petitionExtra],
        ['audit', log, logExtra],
      ] as const) {
        expect(await push(qs, collection, [bad, good], declared), collection).toEqual({
          conflicts: [],
          refused: [{ id: bad.id, code: 'doc-unknown-field' }],
        });
      }
      const held = await storedBodies(
        [
          register,
          spaced,
          petitioner,
          petition,
          log,
          extraTop,
          extraActor,
          extraPayload,
          petitionerExtra,
          petitionExtra,
          logExtra,
        ].map((d) => d.id),
      );
      expect([...held.keys()].sort()).toEqual([register.id, spaced.id, petitioner.id, petition.id, log.id].sort());
      for (const collection of ['case_events', 'petitioners', 'petitions'])
        expect(JSON.stringify(await pulledByAnotherDesk(collection))).not.toContain('smuggled');
    },
  );

  it('a newer desk on this (older) server: the keys the server does not know are dropped and the rest stored, so they still talk; another desk never pulls them', async () => {
    const qs = await enrol('qs-reception');
    const register = registerEvent(actors.qsReception);
    expect(await push(qs, 'case_events', [register], newerDesk)).toEqual({ conflicts: [], refused: [] });
    const petitioner = { ...petitionerDoc('office-qingshan'), newField: '新版本字段' };
    const petition = {
      ...petitionDoc('office-qingshan', register.caseId, actors.qsReception.userId),
      newField: '新版本字段',
    };
    const log = { ...audit(), newField: '新版本字段' };
    for (const [collection, doc] of [
      ['petitioners', petitioner],
      ['petitions', petition],
      ['audit', log],
    ] as const) {
      expect(await push(qs, collection, [doc], newerDesk), collection).toEqual({ conflicts: [], refused: [] });
    }
    const held = await storedBodies([petitioner.id, petition.id, log.id]);
    const { newField: _p, ...petitionerKnown } = petitioner;
    const { newField: _q, ...petitionKnown } = petition;
    const { newField: _l, ...logKnown } = log;
    expect(held.get(petitioner.id)).toEqual(petitionerKnown);
    expect(held.get(petition.id)).toEqual(petitionKnown);
    expect(held.get(log.id)).toEqual(logKnown);
    for (const collection of ['petitioners', 'petitions']) {
      const pulled = await pulledByAnotherDesk(collection);
      expect(pulled.map((d) => d.id)).toContain(collection === 'petitioners' ? petitioner.id : petition.id);
      expect(JSON.stringify(pulled)).not.toContain('newField');
    }
    // A signed act is never cut: one with a key this server does not know waits for the server's update.
    const newerAct = signedByActor({ ...registerEvent(actors.qsReception), newField: '新版本字段' } as never);
    expect(await push(qs, 'case_events', [newerAct], newerDesk)).toEqual({
      conflicts: [],
      refused: [{ id: newerAct.id, code: 'doc-unknown-field' }],
    });
  });
});
