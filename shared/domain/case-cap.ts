import type { CaseProjection } from './case-types';
import type { ActReason } from './reasons';

/**
 * The most events one matter (信访事项) may hold. A real matter holds tens: 登记, 受理, a 转送 or 交办, 延期, 处理意见,
 * 送达, 复查 and 复核, with notes and 回访 between; one petitioned again for years gains a 重件关联 a visit and stays in
 * the low hundreds. The cap bounds what a hostile or broken desk can make the county server fold on every push to a
 * matter (services/visibility.ts folds all its events each time) and what every desk that sees the matter must hold:
 * the server refuses an event beyond it (`case-too-many-events`), and the desk refuses to record one.
 */
export const MAX_EVENTS_PER_CASE = 1_000;

/** Whether a matter can take one more act: `case-too-many-events` once it holds MAX_EVENTS_PER_CASE. */
export function roomForAct(c: Pick<CaseProjection, 'eventCount'>): ActReason | undefined {
  return c.eventCount >= MAX_EVENTS_PER_CASE ? 'case-too-many-events' : undefined;
}
