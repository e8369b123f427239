import type { ActPayload, ActType, AmendableField } from './act-payloads';

/** Acts a county may require a 负责人's approval for (`propose`). */
export type ProposableAct = ActPayload<'propose'>['act'];
import type { CaseClass, CaseStatus, Channel, PetitionFlag, Role } from './codes';
import type { ActReason } from './reasons';

/** Who acted: the user, their office, and the role they acted in. */
export interface Actor {
  readonly userId: string;
  readonly officeId: string;
  readonly role: Role;
}

/**
 * One act on a matter (design.md §2): insert-only, never updated or deleted; two offices acting offline never
 * overwrite each other because sync is a set union of events.
 */
export type CaseEvent = {
  [T in ActType]: {
    /** UUIDv7. */
    readonly id: string;
    readonly caseId: string;
    readonly type: T;
    readonly payload: ActPayload<T>;
    readonly actor: Actor;
    /** The legal time (ISO-8601 instant), taken when it happened, never the sync time. */
    readonly occurredAt: string;
    readonly recordedAt: string;
    /** The article the act rests on, e.g. '第二十三条'. */
    readonly article: string;
    /** Ids of the events the actor had seen when acting: causal order wins over clock skew between desks. */
    readonly after: readonly string[];
    /** The actor's signature over the rest (design.md §5); absent on events recorded before acts were signed. */
    readonly signature?: string;
  };
}[ActType];

export type CaseEventOf<T extends ActType> = Extract<CaseEvent, { type: T }>;

/** The running legal clocks of a matter (domain-rules.md, "Deadlines"). */
export type ClockKind =
  | 'notice' // 书面告知是否受理 / 信访部门 routing: 15 日 (第二十二条、第二十三条)
  | 'objection' // 异议 to a forwarded item: 5 工作日 (第二十三条第三款)
  | 'assignment' // 交办 result: the set deadline (第二十二条第三项)
  | 'handling' // 第三十一条第六项 items: 60 日 + ≤30 (第三十四条)
  | 'review-window' // petitioner may ask for 复查: 30 日 from 送达 (第三十五条)
  | 'review' // 复查 answer: 30 日 (第三十五条)
  | 're-review-window' // petitioner may ask for 复核: 30 日 (第三十六条)
  | 're-review' // 复核 answer: 30 日, hearing days excluded (第三十六条第二款)
  | 'supervision' // 书面反馈 to a 督办 (第四十条)
  | 'redo'; // 撤销并责令重新处理 after 复查/复核: the set deadline (第三十五条、第三十六条)

export interface Clock {
  readonly kind: ClockKind;
  readonly article: string;
  /** Beijing day the clock started (day 0, not counted). */
  readonly startDay: string;
  readonly due: string;
  /** The due date falls in (or walks through) a year the calendar does not cover. */
  readonly uncertain: boolean;
  /** The office whose duty it is; absent for the petitioner's own windows. */
  readonly officeId?: string;
  /** Beijing day the duty was met or the window used; absent while running. */
  readonly stoppedDay?: string;
  /**
   * Set when the clock stopped after its due day: the lateness is recorded once and no later act erases it
   * (第四十四条第三项、第四十五条第一项).
   */
  readonly metLate?: boolean;
  /** For a 交办 clock: the office that assigned (it receives the 办结报告 and may 退回重办, 第二十二条第三项). */
  readonly assignedBy?: string;
  /** The event that started the clock (for 督办, to match its feedback). */
  readonly sourceEventId: string;
}

/** An event the fold kept but could not apply: the matter is flagged for a person to resolve (design.md §2). */
export interface CaseConflict {
  readonly eventId: string;
  readonly type: ActType;
  readonly reason: ActReason;
  readonly officeId: string;
}

/** The fold of a matter's events: what the `cases` collection holds (local only, rebuildable at will). */
export interface CaseProjection {
  readonly id: string;
  readonly caseNumber: string;
  readonly status: CaseStatus;
  readonly class?: CaseClass;
  readonly procedure?: 'opinion' | 'statutory';
  readonly channel: Channel;
  readonly title: string;
  readonly receivedAt: string;
  readonly receivedDay: string;
  readonly registeringOfficeId: string;
  /** The office that holds the matter now (changes with 转送, 交办, 异议). */
  readonly currentOfficeId: string;
  /** The office that forwarded or assigned the matter to the current one: an 异议 sends it back there. */
  readonly handedOverBy?: string;
  /** Every office that has held the matter: the sync server's visibility starts from this. */
  readonly officeIds: readonly string[];
  readonly petitionIds: readonly string[];
  readonly petitionerIds: readonly string[];
  readonly flags: readonly PetitionFlag[];
  /** 检举控告: visible only to the roles and offices that handle it (第三十条第三款, 第四十六条第五项). */
  readonly restricted: boolean;
  readonly accusedOfficeIds: readonly string[];
  /** 被检举/被控告人员 as typed (第三十条第三款). */
  readonly accusedPersons: readonly string[];
  readonly problemRegion?: string;
  readonly contentCategory?: string;
  readonly clocks: readonly Clock[];
  /** Extension days granted under 第三十四条 (0 or 1–30). */
  readonly extensionDays: number;
  /** Days of 听证 excluded from the 复核 clock (第三十六条第二款). */
  readonly hearingDays: number;
  readonly hearingOpenSince?: string;
  /** The office that signed for the matter since it last changed hands (签收 once, 第二十三条第三款). */
  readonly receivedBy?: string;
  /** An 异议 waiting for the sending office to confirm or refuse (第二十三条第三款). */
  readonly pendingObjection?: { readonly eventId: string; readonly officeId: string };
  /** The office whose notice clock runs until the petitioner is told where a 转送 went (第二十三条). */
  readonly untoldOfficeId?: string;
  /** The office that issued the 信访处理意见书 (第三十二条): the 复查 organ is the one above it (第三十五条). */
  readonly decidedBy?: string;
  /** The organ that handles the 复查 (第三十五条) / 复核 (第三十六条) request. */
  readonly reviewOfficeId?: string;
  readonly reReviewOfficeId?: string;
  /** A 复查/复核 request made after its window, waiting for the receiving organ's written answer (第四十四条第一项). */
  readonly pendingLateRequest?: {
    readonly stage: 'review' | 're-review';
    readonly eventId: string;
    readonly officeId?: string;
    readonly day: string;
  };
  /** The event of the written answer now in force (处理意见, 回复, 协议, 复查意见, 复核意见). */
  readonly answerEventId?: string;
  /** The answer served (送达), and whether its 送达回证 is still awaited (a posted letter, 第三十五条). */
  readonly servedAnswerId?: string;
  readonly awaitingReceipt?: boolean;
  /** Acts recorded as proposed, waiting for a 负责人's approval. */
  readonly proposals: readonly {
    readonly eventId: string;
    readonly act: ProposableAct;
    readonly payload: Readonly<Record<string, unknown>>;
    readonly userId: string;
  }[];
  /** The staff member handling the matter after a 回避 reassignment (第二十八条第三款). */
  readonly assigneeUserId?: string;
  /** Leaders who took the matter on (包案, 第十八条第二款). */
  readonly leaders: readonly string[];
  /** How the matter was answered: 处理意见 (第三十二条), 回复/反馈 (第二十九条、第三十条) or 协议 (第三十三条). */
  readonly answer?: 'decision' | 'reply' | 'agreement';
  readonly outcome?: ActPayload<'decide'>['outcome'];
  readonly closeGround?: ActPayload<'close'>['ground'];
  /** Set once a final 复核意见 exists (upheld or changed, not redo): the same facts and reasons are 不再受理 (第三十六条第三款). */
  readonly finalAfterReReview: boolean;
  readonly recusedUserIds: readonly string[];
  readonly repeatCount: number;
  /** Content profile of the first petition, for repeat detection (see `repeat.ts`). */
  readonly contentProfile: readonly number[];
  /** 补充 and 更正 of registered items, in order: a petition's text is shown with them, its record kept (第十九条). */
  readonly amendments: readonly {
    readonly eventId: string;
    readonly field: AmendableField;
    readonly value: string;
    readonly petitionId?: string;
  }[];
  readonly conflicts: readonly CaseConflict[];
  readonly eventCount: number;
  readonly lastEventId: string;
  readonly lastEventAt: string;
}
