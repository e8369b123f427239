import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldCase } from '#shared/domain/fold';
import { defaultCalendar } from '#shared/domain/calendar';
import type { Actor, CaseEvent } from '#shared/domain/case-types';
import { acceptClaim, actor, county, event, register, township, townshipB } from './case-fixtures';

/**
 * Property tests of the fold (design.md §2): sync is a set union, so the projection must not depend on the order in
 * which events arrive, and two incompatible acts made offline must both be kept and flagged.
 */

const offices = [township, townshipB, county];
const arbActor = fc
  .record({
    officeId: fc.constantFrom(...offices),
    role: fc.constantFrom('receptionist', 'handler', 'approver'),
  })
  .map(({ officeId, role }): Actor => actor(role as Actor['role'], officeId));

/** Days in November–December 2025, with a time, so events interleave and tie. */
const arbWhen = fc.tuple(fc.integer({ min: 2, max: 60 }), fc.constantFrom('09:00', '10:00', '15:30')).map(([d, t]) => {
  const day = new Date(Date.UTC(2025, 10, 1 + d)).toISOString().slice(0, 10);
  return `${day} ${t}`;
});

const acts = [
  (when: string, by: Actor) => event('accept', acceptClaim, when, by),
  (when: string, by: Actor) => event('accept', { ...acceptClaim, class: 'suggestion' }, when, by),
  (when: string, by: Actor) =>
    event('reject', { noticeMethod: 'post', ground: 'other', explanation: '不属于信访事项' }, when, by),
  (when: string, by: Actor) => event('forward', { toOfficeId: township, petitionerTold: true }, when, by),
  (when: string, by: Actor) => event('forward', { toOfficeId: townshipB, petitionerTold: true }, when, by),
  (when: string, by: Actor) => event('assign', { toOfficeId: townshipB, dueDate: '2026-01-31' }, when, by),
  (when: string, by: Actor) => event('receive', {}, when, by),
  (when: string, by: Actor) => event('object', { reasons: '不属于本机关职责范围，详见说明。' }, when, by),
  (when: string, by: Actor) => event('extend', { days: 30, reasons: '情况复杂', noticeMethod: 'post' }, when, by),
  (when: string, by: Actor) =>
    event('decide', { outcome: 'support', basis: '依法', reviewOrgan: '县人民政府' }, when, by),
  (when: string, by: Actor) => event('reply', { content: '已采纳' }, when, by),
  (when: string, by: Actor) => event('serve', { method: 'post' }, when, by),
  (when: string, by: Actor) => event('review-request', { organ: '县人民政府' }, when, by),
  (when: string, by: Actor) => event('hearing-start', {}, when, by),
  (when: string, by: Actor) => event('hearing-end', {}, when, by),
  (when: string, by: Actor) => event('close', { ground: 'withdrawn' }, when, by),
  (when: string, by: Actor) =>
    event('supervise', { kind: 'urge', issue: '请加快办理', feedbackDue: '2026-01-10' }, when, by),
  (when: string, by: Actor) => event('note', { text: '电话回访' }, when, by),
];

/** A random history: a 登记 and up to 25 acts by random offices and roles, some causally after earlier ones. */
const arbHistory = fc
  .array(fc.tuple(fc.integer({ min: 0, max: acts.length - 1 }), arbWhen, arbActor, fc.boolean()), { maxLength: 25 })
  .map((steps) => {
    const events: CaseEvent[] = [register('2025-11-01', actor('receptionist', county))];
    for (const [act, when, by, causal] of steps) {
      const made = acts[act]!(when, by); // index drawn within bounds
      const previous = events.at(-1)!; // the register is always there
      events.push(causal ? { ...made, after: [previous.id] } : made);
    }
    return events;
  });

describe('the fold is order-independent (design.md §2, 第二十一条: every act recorded)', () => {
  it('any permutation of the same events gives the same projection', () => {
    fc.assert(
      fc.property(arbHistory, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (events, keys) => {
        const shuffled = events
          .map((e) => ({ e, k: keys.next().value as number }))
          .sort((a, b) => a.k - b.k)
          .map(({ e }) => e);
        expect(foldCase(shuffled, defaultCalendar)).toEqual(foldCase(events, defaultCalendar));
      }),
      { numRuns: 300 },
    );
  });

  it('no event is lost: every event is either applied or listed as a conflict', () => {
    fc.assert(
      fc.property(arbHistory, (events) => {
        const c = foldCase([...events].reverse(), defaultCalendar)!; // the register is in every history
        expect(c.eventCount).toBe(new Set(events.map((e) => e.id)).size);
        expect(c.conflicts.length).toBeLessThan(c.eventCount);
      }),
      { numRuns: 300 },
    );
  });
});

describe('incompatible acts made offline are both kept and flagged (design.md §2)', () => {
  const incompatible = fc.constantFrom(
    [acts[0]!, acts[2]!], // 受理 and 不予受理 (第二十三条, 第十九条)
    [acts[3]!, acts[4]!], // 转送 to two different townships (第二十二条)
    [acts[0]!, acts[0]!], // two 受理
    [acts[3]!, acts[5]!], // 转送 and 交办
  );
  it('第二十二条、第二十三条 two routing decisions on one 已登记 matter: one applies, the other is a conflict', () => {
    fc.assert(
      fc.property(incompatible, arbWhen, arbWhen, (pair, whenA, whenB) => {
        const countyHandler = actor('handler', county);
        const [a, b] = [pair[0](whenA, countyHandler), pair[1](whenB, { ...countyHandler, userId: 'other-desk' })];
        const c = foldCase([register('2025-11-01', countyHandler), a, b], defaultCalendar)!;
        expect(c.eventCount).toBe(3);
        expect(c.conflicts).toHaveLength(1);
        expect([a.id, b.id]).toContain(c.conflicts[0]!.eventId);
        expect(c.status).not.toBe('registered');
      }),
      { numRuns: 200 },
    );
  });
});
