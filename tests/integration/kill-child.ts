/**
 * Child process for the kill tests of a matter's fold (kill-fold.test.ts): a desk core on SQLite that registers a
 * matter (and, for the act points, acts on it; for the replicated point, stores an 受理 as a replicated page would), then stops at the named point — the write there never returns —
 * and says so on stdout; the parent then kills it with SIGKILL. Lines: `registered <caseId> <caseNumber>`, then
 * `at <point>` once the desk is stopped there.
 */
import { writeSync } from 'node:fs';
import { inProcessTransport } from '#shared/contract/dispatch';
import { createDesk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { seedDemo } from '#shared/core/demo';
import { getRxStorageSQLite } from '../../src-main/storage-sqlite/index';
import { walkIn } from '../fixtures';

export const killPoints = [
  'register-before-apply',
  'register-before-fold',
  'act-before-event',
  'act-before-fold',
  'replicated-before-fold',
] as const;
export type KillPoint = (typeof killPoints)[number];

const [directory, point] = process.argv.slice(2) as [string, KillPoint];
const say = (line: string) => writeSync(1, `${line}\n`);
const desk = await createDesk({ storage: getRxStorageSQLite({ databaseDirectory: directory }), name: 'desk' });
await seedDemo(desk.db, { N: 2 ** 10 });
const t = inProcessTransport(desk.api, desk);
const as = async (login: string) => {
  await t.invoke('session-logout', {});
  await t.invoke('session-login', { login, password: DEMO_PASSWORD });
};
await as('qs-reception');

/** Replaces a write with one that announces the point and never returns: the process is killed while it waits. */
function stopAt<T extends object>(target: T, method: keyof T & string): void {
  Object.assign(target, {
    [method]: () => {
      say(`at ${point}`);
      return new Promise(() => undefined);
    },
  });
}

if (point === 'register-before-apply') stopAt(desk.db.case_events, 'bulkInsert');
if (point === 'register-before-fold') stopAt(desk.db.cases, 'bulkUpsert');
const done = await t.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
say(`registered ${done.caseId} ${done.caseNumber}`);
if (point === 'act-before-event' || point === 'act-before-fold') {
  await as('qs-handler'); // the registration is applied and folded before the sign-in answers
  stopAt(
    point === 'act-before-event' ? desk.db.case_events : desk.db.cases,
    point === 'act-before-event' ? 'insert' : 'bulkUpsert',
  );
  await t.invoke('case-act', {
    caseId: done.caseId,
    type: 'accept',
    payload: { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' },
  });
}
if (point === 'replicated-before-fold') {
  const [first] = (await t.invoke('case-get', { id: done.caseId })).events;
  const { signature: _signedRegistration, ...registered } = first!; // the copy is unsigned: the signature was the 登记's
  stopAt(desk.db.cases, 'bulkUpsert');
  // What the replication stores: another desk's 受理, written to the collection without the core's own fold.
  await desk.db.case_events.bulkInsert([
    {
      ...registered,
      payload: { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' },
      actor: { userId: 'user-qs-handler', officeId: 'office-qingshan', role: 'handler' },
      after: [registered.id],
      id: `${registered.id.slice(0, -4)}acc1`,
      type: 'accept',
    },
  ]);
}
