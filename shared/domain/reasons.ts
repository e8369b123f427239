import type { IdNumberReason } from './identity';
import type { PhoneReason } from './phone';

/**
 * Why an act on a matter is refused or flagged (domain-rules.md, "States and acts"). Callers never parse free
 * text: the UI maps each code to Chinese in `shared/messages/zh-CN.ts`.
 */
export type ActReason =
  | 'case-not-registered' // an act before the matter's 登记
  | 'case-already-registered'
  | 'act-not-allowed-in-status'
  | 'act-wrong-office' // only the office holding the matter may do this
  | 'act-role-not-allowed'
  | 'act-wrong-class' // e.g. 处理意见 is for 申诉求决类, 回复 for 建议意见类/检举控告类
  | 'act-payload-invalid'
  | 'forward-to-accused' // 第三十条第三款
  | 'forward-to-self'
  | 'extension-not-applicable' // 第三十四条: only the 60-day handling clock is extended
  | 'extension-once'
  | 'extension-after-due'
  | 'hearing-not-open'
  | 'hearing-already-open'
  | 'review-window-lapsed' // 第三十五条
  | 're-review-window-lapsed' // 第三十六条
  | 'close-ground-not-met'
  | 'report-without-assignment'
  | 'supervision-unknown'
  | 'already-served'
  | 'user-recused' // 第二十八条第三款
  | 'act-wrong-procedure' // 第三十一条: 处理意见 only under the opinion procedure (第三十一条第六项)
  | 'already-received' // 第二十三条第三款: 签收 once
  | 'objection-late' // 第二十三条第三款: 5 工作日
  | 'objection-pending'
  | 'objection-none'
  | 'nothing-to-inform'
  | 'assign-not-below' // 第二十二条第三项
  | 'assign-due-not-after'
  | 'supervise-not-petition-office' // 第四十条
  | 'supervise-not-below'
  | 'review-not-available' // 第三十五条: only after a 信访处理意见
  | 'review-not-served'
  | 'review-wrong-organ' // 第三十五条、第三十六条: the organ one level up
  | 'review-by-decider'
  | 'redo-due-required'
  | 'late-request-none' // 第四十四条第一项
  | 'late-request-pending'
  | 'serve-receipt-none'
  | 'date-out-of-range' // a date of a real-world event: never in the future, never before what it follows
  | 'occurred-after-recorded'
  | 'occurred-before-previous'
  | 'close-window-running' // 第三十五条、第三十六条
  | 'close-not-served' // 第三十一条第六项: only after the 处理意见书 was served
  | 'report-return-unknown' // 第二十二条第三项
  | 'proposal-unknown'
  | 'proposal-pending'
  | 'proposal-invalid'
  | 'case-too-many-events'; // the matter holds MAX_EVENTS_PER_CASE events (case-cap.ts)

/** Why a registration cannot be saved (第十九条、第二十条). */
export type RegistrationReason =
  | 'registration-malformed'
  | 'channel-required'
  | 'received-at-invalid'
  | 'received-at-future'
  | 'headcount-invalid'
  | 'headcount-below-representatives'
  | 'representatives-over-limit' // 第二十条第三款
  | 'id-type-required'
  | 'duplicate-petitioner';

/** Every reason code the domain can return. */
export type ReasonCode = ActReason | RegistrationReason | IdNumberReason | PhoneReason;
