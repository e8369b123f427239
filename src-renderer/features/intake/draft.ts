import type { PetitionerDoc } from '#shared/domain/documents';
import type { CaseClass, Channel, IdType, PetitionFlag } from '#shared/domain/codes';
import {
  checkRegistration,
  type MissingItem,
  type RegistrationInput,
  type RegistrationProblem,
} from '#shared/domain/registration';
import type { ReasonCode } from '#shared/domain/reasons';

/**
 * The intake form as typed (UI state, style.md "Renderer state"): plain strings, so nothing typed is ever lost
 * to a parse; `toRegistration` turns it into the contract's RegistrationInput and `checkDraft` runs the same
 * rule the core runs (checkRegistration), so the form shows exactly the reasons a save would return.
 */

export interface PersonDraft {
  /** Stable React key; never sent. */
  readonly key: string;
  /** Set when the person was picked from petitioner-search. */
  readonly existingId?: string;
  readonly name: string;
  readonly idType: IdType;
  readonly idNumber: string;
  readonly phone: string;
  readonly address: string;
}

/** The matter a repeat petition is linked to (重件). */
export interface LinkTarget {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly title: string;
}

export interface Draft {
  readonly channel?: Channel;
  /** ISO instant; set when the first field is typed (the visit or call began then), editable for letters. */
  readonly receivedAt?: string;
  readonly group: boolean;
  readonly headcount: number;
  readonly petitioners: readonly PersonDraft[];
  readonly request: string;
  readonly facts: string;
  readonly reasons: string;
  readonly title: string;
  readonly class?: CaseClass;
  readonly contentCategory?: string;
  readonly problemRegion?: string;
  readonly flags: readonly PetitionFlag[];
  /** 被检举/被控告单位 (office ids from the directory) and 人员 (as typed), sent while `accusedShown` (第三十条). */
  readonly accusedOfficeIds: readonly string[];
  readonly accusedPersons: readonly string[];
  readonly link?: LinkTarget;
}

let counter = 0;
export function newPerson(): PersonDraft {
  counter += 1;
  return {
    key: `p${Date.now().toString(36)}${counter}`,
    name: '',
    idType: 'resident-id',
    idNumber: '',
    phone: '',
    address: '',
  };
}

export function emptyDraft(): Draft {
  return {
    group: false,
    headcount: 1,
    petitioners: [newPerson()],
    request: '',
    facts: '',
    reasons: '',
    title: '',
    flags: [],
    accusedOfficeIds: [],
    accusedPersons: [],
  };
}

/** The 一级 内容分类 of matters for 纪检监察 (干部作风、失职渎职、贪污贿赂): what is usually a 检举控告. */
export const DISCIPLINE_CATEGORY = '纪检监察';

/** The draft's 内容分类 falls under 纪检监察: the form hints that a 检举控告 goes to 纪检监察 (第二十二条第二款). */
export const disciplineCategory = (draft: Pick<Draft, 'contentCategory'>): boolean =>
  draft.contentCategory?.split('_')[0] === DISCIPLINE_CATEGORY;

/**
 * Whether the form asks for the accused (第三十条第三款): for a 检举控告, or a matter filed under 纪检监察. What was
 * typed while shown stays in the draft when the class changes, but is sent only while shown.
 */
export const accusedShown = (draft: Pick<Draft, 'class' | 'contentCategory'>): boolean =>
  draft.class === 'accusation' || disciplineCategory(draft);

/** A person picked from the search: the record's data, kept editable (a changed phone updates the record). */
export function personFrom(doc: PetitionerDoc, key: string): PersonDraft {
  return {
    key,
    existingId: doc.id,
    name: doc.name,
    idType: doc.idType === 'none' ? 'resident-id' : doc.idType,
    idNumber: doc.idNumber,
    phone: doc.phone,
    address: doc.address ?? '',
  };
}

const blank = (p: PersonDraft) =>
  !p.existingId && !p.name.trim() && !p.idNumber.trim() && !p.phone.trim() && !p.address.trim();
/**
 * The rows the form shows and sends: none when 匿名, only the first outside group mode (rows typed in group mode
 * stay in the draft, so switching the mode back and forth loses nothing).
 */
export function shownPeople(draft: Draft): readonly PersonDraft[] {
  if (draft.flags.includes('anonymous')) return [];
  return draft.group ? draft.petitioners : draft.petitioners.slice(0, 1);
}

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** The accused the registration carries: none unless the form shows them; persons trimmed, blanks and repeats dropped. */
function accusedOf(draft: Draft): Pick<RegistrationInput, 'accusedOfficeIds' | 'accusedPersons'> {
  if (!accusedShown(draft)) return { accusedOfficeIds: [] };
  const persons = [...new Set(draft.accusedPersons.map((p) => p.trim()).filter((p) => p !== ''))];
  return {
    accusedOfficeIds: [...new Set(draft.accusedOfficeIds)],
    ...(persons.length > 0 ? { accusedPersons: persons } : {}),
  };
}

/** The registration this draft stands for; empty rows are dropped, 匿名 sends no petitioner (第十九条). */
export function toRegistration(draft: Draft, now: string): unknown {
  const people = shownPeople(draft).filter((p) => !blank(p));
  const registration: Partial<RegistrationInput> = {
    ...(draft.channel ? { channel: draft.channel } : {}),
    receivedAt: draft.receivedAt ?? now,
    petitioners: people.map((p) => ({
      kind: 'person',
      ...(p.existingId ? { existingId: p.existingId } : {}),
      ...(opt(p.name) ? { name: opt(p.name) } : {}),
      ...(opt(p.idNumber) ? { idType: p.idType, idNumber: opt(p.idNumber) } : {}),
      ...(opt(p.phone) ? { phone: opt(p.phone) } : {}),
      ...(opt(p.address) ? { address: opt(p.address) } : {}),
    })),
    headcount: draft.group ? draft.headcount : Math.max(1, people.length),
    ...(opt(draft.request) ? { request: opt(draft.request) } : {}),
    ...(opt(draft.facts) ? { facts: opt(draft.facts) } : {}),
    ...(opt(draft.reasons) ? { reasons: opt(draft.reasons) } : {}),
    ...(opt(draft.title) ? { title: opt(draft.title) } : {}),
    ...(draft.class ? { class: draft.class } : {}),
    ...(draft.contentCategory ? { contentCategory: draft.contentCategory } : {}),
    ...(draft.problemRegion ? { problemRegion: draft.problemRegion } : {}),
    flags: [...draft.flags],
    ...accusedOf(draft),
  };
  return registration;
}

export interface DraftCheck {
  /** Reason per form field path ('channel', 'headcount', 'petitioners.0.idNumber' …), first reason wins. */
  readonly problems: ReadonlyMap<string, ReasonCode>;
  readonly missing: readonly MissingItem[];
  /** The registration to send, when the rule accepts it. */
  readonly registration?: RegistrationInput;
}

/**
 * Runs the registration rule on the draft. The rule numbers petitioners after empty rows are dropped, so its
 * field paths are mapped back to the rows the user sees.
 */
export function checkDraft(draft: Draft, now: string, groupThreshold?: number): DraftCheck {
  // Without a channel the rule stops at the structure; check the rest as a visit so 身份证 and phone are checked
  // as typed even before the channel is picked, and report the channel on its own.
  const raw = toRegistration(draft.channel ? draft : { ...draft, channel: 'visit' }, now);
  const result = checkRegistration(raw, { now, ...(groupThreshold ? { groupThreshold } : {}) });
  const rows = shownPeople(draft)
    .map((p, i) => (blank(p) ? -1 : i))
    .filter((i) => i >= 0);
  const problems = result.ok ? new Map<string, ReasonCode>() : problemMap(result.problems, rows);
  if (!draft.channel) problems.set('channel', 'channel-required');
  if (result.ok && problems.size === 0) return { problems, missing: result.missing, registration: result.registration };
  return { problems, missing: [] };
}

function problemMap(problems: readonly RegistrationProblem[], rows: readonly number[]): Map<string, ReasonCode> {
  const map = new Map<string, ReasonCode>();
  for (const { reason, field } of problems) {
    const path = field.replace(/^petitioners\.(\d+)/, (_, n: string) => `petitioners.${rows[Number(n)] ?? n}`);
    if (!map.has(path)) map.set(path, reason);
  }
  return map;
}

/** Maps a field path the core returned (`registration.petitioners.0.idNumber`) to the form's path. */
export function formPath(field: string | undefined): string {
  return (field ?? '').replace(/^registration\./, '');
}
