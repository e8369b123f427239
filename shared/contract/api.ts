import { z } from 'zod';
import { actTypes, type ActType } from '../domain/act-payloads';
import type { CalendarYear } from '../domain/calendar-merge';
import type { CaseEvent, CaseProjection, Clock, ProposableAct } from '../domain/case-types';
import {
  caseClasses,
  caseStatuses,
  channels,
  type CaseClass,
  type CaseStatus,
  type Channel,
  type PetitionFlag,
  type Role,
} from '../domain/codes';
import type { OfficeDoc, PetitionDoc, PetitionerDoc } from '../domain/documents';
import type { AmendableField } from '../domain/act-payloads';
import type { SyncStatus } from './events';
import { petitionerChanges } from '../domain/petitioner-edit';
import { registrationInput, type MissingItem } from '../domain/registration';
import type { RepeatScore } from '../domain/repeat';

/**
 * The contract between the renderer and the desk core (style.md, "The contract"): every handler by name, with the
 * zod schema of its arguments (the core validates every call: arguments are untrusted until then) and the type
 * of its result. A core that lacks a handler does not compile.
 */

const id = z.string().min(1).max(64);

/** A draft holds at most a full 信访件's text and its people (a petition may carry ~44,000 characters). */
export const MAX_DRAFT_CHARS = 256 * 1024;

/** Plain JSON data (what the database stores as it is) of at most MAX_DRAFT_CHARS; typed loosely, checked here. */
const isDraftForm = (form: Record<string, unknown>) =>
  z.json().safeParse(form).success && JSON.stringify(form).length <= MAX_DRAFT_CHARS;

export const apiArgs = {
  'session-login': z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
  'session-logout': z.object({}),
  'session-current': z.object({}),
  'petition-register': z.object({
    registration: registrationInput,
    /** Open a new matter (初件) or link the petition to an existing one (重件, 第十九条第三款). */
    case: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('new'), title: z.string().trim().max(200).optional() }),
      z.object({ kind: z.literal('link'), caseId: id }),
    ]),
  }),
  'petition-find-similar': z.object({
    petitioners: z
      .array(
        z.object({
          idNumber: z.string().max(40).optional(),
          phone: z.string().max(40).optional(),
          name: z.string().max(100).optional(),
          address: z.string().max(300).optional(),
        }),
      )
      .max(200),
    text: z.string().max(40_000),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  'petitioner-search': z.object({
    query: z.string().trim().min(1).max(100),
    limit: z.number().int().min(1).max(100).optional(),
  }),
  'petitioner-get': z.object({ id }),
  /**
   * 更正信访人信息 (第十九条 如实记录): checked as at the intake; the replaced values stay in the record's history
   * with who changed them and why.
   */
  'petitioner-update': z.object({ id, changes: petitionerChanges, reason: z.string().trim().min(1).max(500) }),
  'case-list': z.object({
    filter: z
      .object({
        status: z.array(z.enum(caseStatuses)).max(caseStatuses.length).optional(),
        class: z
          .array(z.enum([...caseClasses, 'unclassified']))
          .max(4)
          .optional(),
        channel: z.array(z.enum(channels)).max(channels.length).optional(),
        officeId: id.optional(),
        /** Due within the office's due-soon window (default 3 days, configurable). */
        dueSoon: z.boolean().optional(),
        overdue: z.boolean().optional(),
        text: z.string().trim().max(100).optional(),
      })
      .default({}),
    sort: z
      .object({ field: z.enum(['receivedAt', 'nextDue', 'caseNumber']), direction: z.enum(['asc', 'desc']) })
      .default({ field: 'receivedAt', direction: 'desc' }),
    page: z
      .object({ offset: z.number().int().min(0).max(10_000_000), limit: z.number().int().min(1).max(500) })
      .default({ offset: 0, limit: 50 }),
    /**
     * false: the page alone, no `total`. Counting 100,000 matters takes IndexedDB seconds the first time (later
     * counts follow the changes), so a list asks for its first rows and its total in two calls.
     */
    withTotal: z.boolean().default(true),
  }),
  'case-get': z.object({ id }),
  'case-act': z.object({
    caseId: id,
    type: z.enum(actTypes.filter((t) => t !== 'register') as [ActType, ...ActType[]]), // register comes with petition-register
    payload: z.record(z.string(), z.unknown()),
    /**
     * When the act happened, if not now (a 受理 told on the spot yesterday, a 复查申请 received by post): never in
     * the future, never before the matter's last event. Legal checks run on the recording time all the same.
     */
    occurredAt: z.iso.datetime({ offset: true }).optional(),
  }),
  /** The county's offices (转送/交办 targets, names on every page), and the signed-in office's staff (回避). */
  'office-list': z.object({}),
  'user-list': z.object({}),
  'settings-get': z.object({}),
  // Strict: the county's approval acts (and any other key) are not the desk's to set.
  'settings-set': z.strictObject({
    dueSoonDays: z.number().int().min(0).max(30).optional(),
    groupThreshold: z.number().int().min(2).max(1000).optional(),
  }),
  /**
   * The signed-in user's intake draft (个人信息保护法): kept in the desk's database per user, never in the browser's
   * storage; deleted at logout and when the intake is saved. `form` is the intake form as typed (the renderer's).
   */
  'draft-get': z.object({}),
  'draft-save': z.object({
    form: z.record(z.string(), z.unknown()).refine(isDraftForm, { message: 'not a draft' }),
  }),
  'draft-clear': z.object({}),
  /** The holiday calendar's covered years, and the years the desk needs but lacks (the banner). */
  'calendar-status': z.object({}),
  /** Sync with the county server (design.md §3): the status, a sync right now, and enrolling this desk. */
  'sync-status': z.object({}),
  'sync-now': z.object({}),
  /** Enrols this desk as a device of the user's office; the password goes to the server once and is not kept. */
  'sync-enrol': z.object({
    login: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
    deviceName: z.string().trim().max(100).optional(),
    /** The county server's address, when not yet set (a new desk has no users to log in with before its first sync). */
    serverUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** A 负责人 or 管理员 means to move this desk to a server that is not the county it pinned. */
    replaceServer: z.boolean().optional(),
  }),
} as const;

export type ApiName = keyof typeof apiArgs;
export type ApiArgs<K extends ApiName> = z.input<(typeof apiArgs)[K]>;
export type ApiParsedArgs<K extends ApiName> = z.output<(typeof apiArgs)[K]>;

/** The signed-in user at this desk. */
export interface Session {
  readonly user: {
    readonly id: string;
    readonly login: string;
    readonly name: string;
    readonly roles: readonly Role[];
  };
  readonly office: Pick<OfficeDoc, 'id' | 'name' | 'code' | 'kind'>;
}

/** An office as pickers and pages show it. */
export type OfficeSummary = Pick<OfficeDoc, 'id' | 'code' | 'name' | 'kind' | 'parentId'>;

/** A staff member as the 回避 picker shows them: never the login verifier. */
export interface UserSummary {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly disabled: boolean;
}

/** One row of the matter list. Restricted matters read by a user who may not see them come masked. */
export interface CaseSummary {
  readonly id: string;
  readonly caseNumber: string;
  readonly status: CaseStatus;
  readonly class?: CaseClass;
  readonly channel: Channel;
  readonly title: string;
  readonly receivedAt: string;
  readonly currentOfficeId: string;
  readonly flags: readonly PetitionFlag[];
  readonly restricted: boolean;
  readonly masked: boolean;
  /** The earliest running office duty, if any. */
  readonly nextDue?: Pick<Clock, 'kind' | 'due' | 'uncertain' | 'article'>;
  readonly overdue: boolean;
  readonly dueSoon: boolean;
  readonly conflictCount: number;
}

/**
 * A 信访件 as the matter page shows it: request, facts and reasons with the matter's 补充/更正 applied (第十九条),
 * `amended` saying which were changed and how (the original stays in the stored petition and the timeline).
 */
export type ShownPetition = PetitionDoc & {
  readonly amended?: Partial<Record<AmendableField, 'supplement' | 'correct'>>;
};

export interface CaseDetail {
  readonly case: CaseProjection;
  readonly masked: boolean;
  readonly events: readonly CaseEvent[];
  readonly petitions: readonly ShownPetition[];
  readonly petitioners: readonly PetitionerDoc[];
  /** Acts the signed-in user may start now (buttons on the matter page). */
  readonly allowedActs: readonly ActType[];
  /** Those of `allowedActs` this user records as 报批, for a 负责人 to approve (the desk's `approvalActs`). */
  readonly proposedActs: readonly ProposableAct[];
  readonly today: string;
  /**
   * The events whose signature is not valid, by id (design.md §5): `invalid` (not its actor's, or changed since) or
   * `unsigned` (recorded before the actor had a signing key). Absent: valid, or signed by a user of another office,
   * whose key this desk does not hold (the server verified it).
   */
  readonly signatures: Readonly<Record<string, EventSignatureFlag>>;
}

/** How the timeline marks an event whose signature is not valid (`CaseDetail.signatures`). */
export type EventSignatureFlag = 'invalid' | 'unsigned';

export interface Settings {
  readonly dueSoonDays: number;
  readonly groupThreshold: number;
  readonly serverUrl: string;
  /**
   * Acts a 负责人 approves: a user without that role records them as 报批 (第三十四条). The county's setting for the
   * signed-in office (`shared/domain/approval.ts`; default 不予受理, 不再受理, 终结, 延期), not the desk's.
   */
  readonly approvalActs: readonly ProposableAct[];
  readonly deskId: string;
}

/** An intake form kept while it is typed, and when it was last kept. */
export interface IntakeDraft {
  readonly form: Readonly<Record<string, unknown>>;
  readonly savedAt: string;
}

/** The desk's holiday calendar: what it covers and what it lacks on `today` (a Beijing day of the desk clock). */
export interface CalendarStatus {
  readonly today: string;
  readonly years: readonly CalendarYear[];
  /** The current year, and from 1 November the next, when the calendar does not cover them. */
  readonly missingYears: readonly number[];
}

export interface RegisterResult {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly petitionId: string;
  readonly petitionerIds: readonly string[];
  readonly missing: readonly MissingItem[];
}

export interface SimilarCase extends RepeatScore {
  readonly summary: CaseSummary;
  /** Its 复核 is final: the same facts and reasons are 不再受理 (第三十六条第三款). */
  readonly closedByReReview: boolean;
}

export interface ApiResults {
  'session-login': Session;
  'session-logout': null;
  'session-current': Session | null;
  'petition-register': RegisterResult;
  'petition-find-similar': readonly SimilarCase[];
  'petitioner-search': readonly PetitionerDoc[];
  /** `masked`: the petitioner is seen only through restricted matters the user may not read (第三十条第三款). */
  'petitioner-get': {
    readonly petitioner: PetitionerDoc;
    readonly petitions: readonly PetitionDoc[];
    readonly cases: readonly CaseSummary[];
    readonly masked: boolean;
  };
  'petitioner-update': { readonly petitioner: PetitionerDoc };
  /** `total`: every matter the filter matches, present unless the call said `withTotal: false`. */
  'case-list': { readonly items: readonly CaseSummary[]; readonly total?: number };
  'case-get': CaseDetail;
  'case-act': { readonly event: CaseEvent; readonly detail: CaseDetail };
  'office-list': readonly OfficeSummary[];
  'user-list': readonly UserSummary[];
  'settings-get': Settings;
  'settings-set': Settings;
  'draft-get': IntakeDraft | null;
  'draft-save': null;
  'draft-clear': null;
  'calendar-status': CalendarStatus;
  'sync-status': SyncStatus;
  'sync-now': SyncStatus;
  'sync-enrol': SyncStatus;
}

/** The handler map a core implements: `satisfies Api` makes a missing handler a compile error. */
export type Api = { [K in ApiName]: (args: ApiParsedArgs<K>) => Promise<ApiResults[K]> };
