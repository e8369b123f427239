import { z } from 'zod';
import { classification, regionCode } from './act-payloads';
import { channels, idTypes, writtenChannels, type CaseClass, type Channel, type PetitionFlag } from './codes';
import { checkDocumentNumber } from './identity';
import { beijingDay } from './calendar';
import { checkPhone } from './phone';
import type { ReasonCode, RegistrationReason } from './reasons';

/**
 * Registration (登记) of one petition (信访件), 第十七条至第二十三条. Every receipt is registered, even one that
 * will be rejected, redirected or is a repeat (第四十四条第一项 punishes not registering): so a registration is
 * saved with only what is known, and the items the law expects but are missing are listed, not refused. Only
 * input that is wrong (not merely incomplete) is refused, each refusal with a reason code and the field.
 */

/** At most five representatives for a group visit (第二十条第三款). */
export const MAX_REPRESENTATIVES = 5;
/** Headcount at which a visit or letter is flagged 集体访/联名信 (configurable, domain-rules.md). */
export const DEFAULT_GROUP_THRESHOLD = 5;

const optionalText = (max: number) => z.string().trim().max(max).optional();

export const petitionerInput = z.object({
  /** An existing petitioner found by search; the fields below then update the record. */
  existingId: z.string().min(1).max(64).optional(),
  kind: z.enum(['person', 'organisation']),
  name: optionalText(100),
  idType: z.enum(idTypes).optional(),
  idNumber: optionalText(40),
  phone: optionalText(40),
  address: optionalText(300),
  regionCode: regionCode.optional(),
});
export type PetitionerInput = z.infer<typeof petitionerInput>;

export const registrationInput = z.object({
  channel: z.enum(channels),
  /** The receipt time (legal clock start), ISO-8601 instant; the desk fills it with the time of the visit or call. */
  receivedAt: z.iso.datetime({ offset: true }),
  /** For a visit: the representatives (≤5); for a letter: the signatories; empty only when 匿名. */
  petitioners: z.array(petitionerInput).max(200),
  /** Total number of people (人数); for a group visit more than the representatives. */
  headcount: z.number().int().min(1).max(100_000),
  request: optionalText(4000),
  facts: optionalText(20_000),
  reasons: optionalText(20_000),
  title: optionalText(200),
  ...classification,
});
export type RegistrationInput = z.infer<typeof registrationInput>;

/** Items the law expects that are not yet recorded (第十九条: 名称、住址、请求、事实、理由). */
export type MissingItem = 'name' | 'address' | 'contact' | 'request' | 'facts' | 'reasons' | 'representatives';

export interface RegistrationProblem {
  readonly reason: ReasonCode;
  /** Dotted path of the field, e.g. 'petitioners.2.idNumber'. */
  readonly field: string;
}

export type RegistrationCheck =
  | { ok: true; registration: RegistrationInput; missing: MissingItem[] }
  | { ok: false; problems: RegistrationProblem[] };

export interface RegistrationOptions {
  /** Now, as an ISO instant: a receipt cannot lie in the future (a few minutes of clock drift are tolerated). */
  readonly now: string;
  readonly groupThreshold?: number;
}

/** A desk clock may run a little ahead of the one that stamped a form or an act; more than this is refused. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

/** Validates and normalises a registration (第十九条、第二十条); see the module comment for what is refused. */
export function checkRegistration(raw: unknown, options: RegistrationOptions): RegistrationCheck {
  const parsed = registrationInput.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(structuralProblem) };
  const input = parsed.data;
  const problems: RegistrationProblem[] = [];
  if (Date.parse(input.receivedAt) > Date.parse(options.now) + CLOCK_TOLERANCE_MS) {
    problems.push({ reason: 'received-at-future', field: 'receivedAt' });
  }
  const petitioners = input.petitioners.map((p, i) => normalisePetitioner(p, i, problems, options.now));
  checkGroup(input, problems);
  if (problems.length > 0) return { ok: false, problems };

  const threshold = options.groupThreshold ?? DEFAULT_GROUP_THRESHOLD;
  const flags = new Set<PetitionFlag>(input.flags);
  if (input.headcount >= threshold) flags.add('group');
  // 第二十条第三款: a group visit whose representatives are not yet named is no anonymous petition; they are missing.
  if (petitioners.length === 0 && !awaitingRepresentatives(input)) flags.add('anonymous');
  const registration = { ...input, petitioners, flags: [...flags] };
  return { ok: true, registration, missing: missingItems(registration) };
}

function structuralProblem(issue: z.core.$ZodIssue): RegistrationProblem {
  const field = issue.path.join('.');
  const first = issue.path[0];
  const reason: RegistrationReason =
    first === 'channel'
      ? 'channel-required'
      : first === 'receivedAt'
        ? 'received-at-invalid'
        : first === 'headcount'
          ? 'headcount-invalid'
          : 'registration-malformed';
  return { reason, field };
}

/** 第二十条第三款: a group visit elects at most five representatives; the others are a headcount. */
function checkGroup(input: RegistrationInput, problems: RegistrationProblem[]): void {
  if (input.channel === 'visit' && input.petitioners.length > MAX_REPRESENTATIVES) {
    problems.push({ reason: 'representatives-over-limit', field: `petitioners.${MAX_REPRESENTATIVES}` });
  }
  if (input.channel === 'visit' && input.headcount < input.petitioners.length) {
    problems.push({ reason: 'headcount-below-representatives', field: 'headcount' });
  }
  const seen = new Set<string>();
  input.petitioners.forEach((p, i) => {
    const key = p.existingId ?? (p.idNumber ? `id:${p.idNumber.toUpperCase()}` : undefined);
    if (key === undefined) return;
    if (seen.has(key)) problems.push({ reason: 'duplicate-petitioner', field: `petitioners.${i}` });
    seen.add(key);
  });
}

/** 证件号码 checked by the rule of its type (身份证 by GB 11643) and stored normalised; phones checked and normalised. */
function normalisePetitioner(
  p: PetitionerInput,
  i: number,
  problems: RegistrationProblem[],
  now: string,
): PetitionerInput {
  let idNumber = p.idNumber || undefined;
  if (idNumber !== undefined && p.idType === undefined)
    problems.push({ reason: 'id-type-required', field: `petitioners.${i}.idType` });
  if (idNumber !== undefined && p.idType !== undefined) {
    const check = checkDocumentNumber(p.idType, idNumber, { today: beijingDay(now) });
    if (check.ok) idNumber = check.normalized;
    else problems.push({ reason: check.reason, field: `petitioners.${i}.idNumber` });
  }
  let phone = p.phone || undefined;
  if (phone !== undefined) {
    const check = checkPhone(phone);
    if (check.ok) phone = check.normalized;
    else problems.push({ reason: check.reason, field: `petitioners.${i}.phone` });
  }
  const { idNumber: _id, phone: _phone, ...rest } = p;
  return { ...rest, ...(idNumber === undefined ? {} : { idNumber }), ...(phone === undefined ? {} : { phone }) };
}

/** 第十九条: what a written petition carries; an oral one is recorded as said, so the same list guides the interview. */
function missingItems(r: RegistrationInput): MissingItem[] {
  const missing: MissingItem[] = [];
  const named = r.petitioners.filter((p) => p.name || p.existingId);
  if (!r.flags.includes('anonymous') && named.length < r.petitioners.length) missing.push('name');
  if (r.petitioners.some((p) => !p.address && !p.existingId)) missing.push('address');
  if (r.petitioners.length > 0 && r.petitioners.every((p) => !p.phone && !p.address && !p.existingId))
    missing.push('contact');
  if (!r.request) missing.push('request');
  if (!r.facts) missing.push('facts');
  if (!r.reasons && writtenChannels.includes(r.channel)) missing.push('reasons');
  if (awaitingRepresentatives(r)) missing.push('representatives');
  return missing;
}

/** 第二十条第三款: several people came in person and none of them is named yet, so the representatives are still to come. */
function awaitingRepresentatives(r: RegistrationInput): boolean {
  return (
    r.channel === 'visit' &&
    r.headcount > 1 &&
    !r.flags.includes('anonymous') &&
    !r.petitioners.some((p) => p.name || p.existingId)
  );
}

/**
 * What the desk is reminded of at registration (domain-rules.md "Registration" item 6):
 * - `litigation`: a 涉法涉诉 matter brought in person or by phone is met with 释法明理 and the petitioner guided to
 *   the statutory routes (诉讼、仲裁、行政复议 …) before the 政法部门 (第二十条第二款, 第二十二条第二款, 第三十一条
 *   第一项至第四项); it is not simply passed on.
 * - `litigation-letter`: the same matter in writing: the petitioner is told of those routes (第三十一条第一项至第四项);
 *   only a 信访部门 sends such a letter on to the 政法部门 of its level (第二十二条第二款).
 * - `accusation`: 检举控告 goes to 纪检监察 by management authority, never to the accused (第二十二条第二款, 第三十条).
 * - `urgent`: reported and acted on at once (第二十五条).
 */
/** `discipline`: filed under 纪检监察 but not classified 检举控告 (only a restricted matter is kept from the accused). */
export type RoutingHint = 'litigation' | 'litigation-letter' | 'accusation' | 'discipline' | 'urgent';

/** The routing reminders for a registration as typed so far (domain-rules.md "Registration" item 6; see RoutingHint). */
export function routingHints(r: {
  readonly channel?: Channel;
  readonly class?: CaseClass;
  readonly flags: readonly PetitionFlag[];
}): RoutingHint[] {
  const hints: RoutingHint[] = [];
  if (r.flags.includes('litigation'))
    hints.push(r.channel !== undefined && writtenChannels.includes(r.channel) ? 'litigation-letter' : 'litigation');
  if (r.class === 'accusation') hints.push('accusation');
  if (r.flags.includes('urgent')) hints.push('urgent');
  return hints;
}
