import type { ActType } from './act-payloads';
import type { Actor, CaseProjection, ProposableAct } from './case-types';
import type { CaseClass, CaseStatus, Channel, IdType, OfficeKind, PetitionFlag, Role } from './codes';

/** The documents of the RxDB collections (design.md §2); their JSON schemas are in `schemas.ts`. */

/** 机构. */
export interface OfficeDoc {
  id: string;
  /** 区划代码 / 机构代码. */
  code: string;
  name: string;
  kind: OfficeKind;
  /** '' for the top office. */
  parentId: string;
  /** Acts its staff record as 报批 for a 负责人 (第三十四条); unset: as the office above it (see `approval.ts`). */
  approvalActs?: ProposableAct[];
  updatedAt: string;
}

/** A staff account; `verifier` is an argon2id/scrypt verifier for offline login, never a password (design.md §5). */
export interface UserDoc {
  id: string;
  login: string;
  name: string;
  officeId: string;
  roles: Role[];
  verifier: string;
  disabled: boolean;
  /**
   * The user's act-signing key (design.md §5, docs/signatures.md): the Ed25519 public key (hex) and its secret key
   * wrapped under the password (`auth/signing-keys.ts`). Absent for a user created before acts were signed.
   */
  publicKey?: string;
  wrappedKey?: string;
  /** Keys replaced by a password reset: still valid for events recorded before `until`. */
  retiredKeys?: RetiredKey[];
  updatedAt: string;
}

/** A user's signing key replaced at `until` (a password reset makes a new key pair). */
export interface RetiredKey {
  publicKey: string;
  until: string;
}

/** 信访人. Indexed fields are required: '' stands for unknown. */
export interface PetitionerDoc {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  /** Pinyin initials of the name, for search at the desk. */
  nameInitials: string;
  idType: IdType | 'none';
  idNumber: string;
  birthDate?: string;
  sex?: 'M' | 'F';
  phone: string;
  address?: string;
  regionCode?: string;
  officeId: string;
  /** Earlier versions of changed fields, kept readable after a conflict (design.md §2). */
  history: Record<string, unknown>[];
  updatedAt: string;
}

/** 信访件 (第十七条、第十九条). */
export interface PetitionDoc {
  id: string;
  caseId: string;
  officeId: string;
  channel: Channel;
  receivedAt: string;
  petitionerIds: string[];
  headcount: number;
  request?: string;
  facts?: string;
  reasons?: string;
  flags: PetitionFlag[];
  /** 重件 (linked to an existing matter) rather than 初件. */
  repeat: boolean;
  registeredBy: string;
  recordedAt: string;
}

/** A stored case event; its payload is checked per act type by `payloadSchemas`. */
export interface CaseEventDoc {
  id: string;
  caseId: string;
  type: ActType;
  payload: Record<string, unknown>;
  actor: Actor;
  occurredAt: string;
  recordedAt: string;
  article: string;
  after: string[];
  /** The actor's Ed25519 signature (auth/event-signatures.ts); absent on events recorded before signing. */
  signature?: string;
}

/** A row of the local `cases` collection: the indexed columns of a projection, and the projection itself. */
export interface CaseDoc {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  class: CaseClass | 'unclassified';
  channel: Channel;
  currentOfficeId: string;
  receivedAt: string;
  /** Earliest running office duty, '9999-12-31' when none: overdue is derived from it and today. */
  nextDue: string;
  restricted: boolean;
  projection: CaseProjection;
}

export interface CalendarDoc {
  id: string;
  version: string;
  coveredYears: number[];
  restDays: string[];
  workDays: string[];
  updatedAt: string;
}

export interface AuditDoc {
  id: string;
  at: string;
  userId: string;
  officeId: string;
  action: 'view' | 'print' | 'export' | 'login' | 'login-failed' | 'logout' | 'recuse';
  caseId?: string;
  detail?: string;
}

/**
 * An intake form not yet saved, as its user typed it (local only, never replicated): one per user, so a draft is
 * never shown to another user of the desk; deleted at logout and once saved. `form` is the renderer's own shape,
 * opaque to the core.
 */
export interface DraftDoc {
  userId: string;
  savedAt: string;
  form: Record<string, unknown>;
}
