import { pinyin } from 'pinyin-pro';
import type { RxDocument } from 'rxdb';
import type { Api, ApiParsedArgs, RegisterResult, Session } from '../../contract/api';
import { ApiError } from '../../contract/errors';
import { checkAct } from '../../domain/acts';
import { roomForAct } from '../../domain/case-cap';
import { beijingDay } from '../../domain/calendar';
import type { CaseEvent } from '../../domain/case-types';
import type { CaseDoc, PetitionDoc, PetitionerDoc } from '../../domain/documents';
import { checkDocumentNumber, checkIdNumber } from '../../domain/identity';
import { checkPhone } from '../../domain/phone';
import { checkRegistration, type PetitionerInput, type RegistrationInput } from '../../domain/registration';
import { closedByReReview, contentProfile } from '../../domain/repeat';
import { mayReadPetitioner } from '../access';
import { actInstant, requireSession, signedByUser, today, type DeskContext } from '../context';
import { UNLISTED } from '../case-pages';
import { discardDraft } from './drafts';
import { newId, nextCaseNumber } from '../ids';
import { readOfficeTree } from '../office-tree';
import { petitionerKey } from '../repeat-index';
import { applyIntent, writeIntent, type AppliedWrites, type RegistrationIntent } from '../registration-intent';
import { summarise } from '../views';

/** Pinyin initials of a name for search at the desk ('张三' → 'zs'; surnames read as surnames: 单 → s). */
export function nameInitials(name: string): string {
  if (!name) return '';
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
    .join('')
    .replace(/[^a-z]/gi, '')
    .toLowerCase()
    .slice(0, 100);
}

function content(r: RegistrationInput): string {
  return [r.request, r.facts, r.reasons].filter(Boolean).join('\n');
}

/**
 * The petitioner records a registration writes: an existing record (chosen by search, or found by 证件号码) is
 * updated field by field and keeps the replaced values in its history; a new one is created. Reads only.
 */
async function preparePetitioners(
  ctx: DeskContext,
  session: Session,
  inputs: readonly PetitionerInput[],
): Promise<PetitionerDoc[]> {
  const now = ctx.now().toISOString();
  const saved: PetitionerDoc[] = [];
  for (const input of inputs) {
    const found = input.existingId
      ? await ctx.db.petitioners.findOne(input.existingId).exec()
      : input.idNumber
        ? await ctx.db.petitioners.findOne({ selector: { idNumber: input.idNumber } }).exec()
        : null;
    if (input.existingId && !found) throw new ApiError('not-found', [{ code: 'not-found', field: 'petitioners' }]);
    // 第三十条第三款: a 信访人 the user may not read (an accuser) is neither linked nor changed by a registration; one
    // found by its 证件号码 stays unknown to the user, who registers a record of their own.
    const readable = found === null || (await readablePetitioner(ctx, session, found.id));
    if (input.existingId && !readable) throw new ApiError('forbidden', [{ code: 'forbidden', field: 'petitioners' }]);
    const existing = readable ? found : null;
    const fields = {
      kind: input.kind,
      name: input.name ?? existing?.name ?? '',
      idType: input.idType ?? existing?.idType ?? 'none',
      idNumber: input.idNumber ?? existing?.idNumber ?? '',
      phone: input.phone ?? existing?.phone ?? '',
      ...((input.address ?? existing?.address) ? { address: input.address ?? existing?.address } : {}),
      ...((input.regionCode ?? existing?.regionCode) ? { regionCode: input.regionCode ?? existing?.regionCode } : {}),
    };
    const id =
      fields.idType !== 'none' && fields.idNumber ? checkDocumentNumber(fields.idType, fields.idNumber) : undefined;
    const doc: PetitionerDoc = {
      id: existing?.id ?? newId(),
      ...fields,
      nameInitials: nameInitials(fields.name),
      ...(id?.ok && id.birthDate !== undefined && id.sex !== undefined ? { birthDate: id.birthDate, sex: id.sex } : {}),
      officeId: existing?.officeId ?? session.office.id,
      history: existing
        ? [...existing.history, ...changedFields(existing.toMutableJSON(), fields, now)].slice(-100)
        : [],
      updatedAt: now,
    };
    saved.push(doc);
  }
  return saved;
}

async function readablePetitioner(ctx: DeskContext, session: Session, id: string): Promise<boolean> {
  const cases = await ctx.db.cases.find({ selector: { 'projection.petitionerIds': { $in: [id] } } }).exec();
  return mayReadPetitioner(
    session,
    cases.map((c) => c.projection),
  );
}

/** The previous values of the fields a registration changes, kept readable (design.md §2). */
function changedFields(before: PetitionerDoc, after: Partial<PetitionerDoc>, at: string): Record<string, unknown>[] {
  const changed = Object.fromEntries(
    Object.entries(after)
      .filter(
        ([key, value]) =>
          before[key as keyof PetitionerDoc] !== value && before[key as keyof PetitionerDoc] !== undefined,
      )
      .map(([key]) => [key, before[key as keyof PetitionerDoc]]),
  );
  return Object.keys(changed).length > 0 ? [{ at, ...changed }] : [];
}

function actorOf(session: Session) {
  const role = session.user.roles.find((r) => r !== 'admin') ?? 'receptionist';
  return { userId: session.user.id, officeId: session.office.id, role };
}

/** What one registration writes (as one intent) and what its answer says. */
interface Prepared {
  readonly intent: RegistrationIntent;
  readonly result: RegisterResult;
}

/** Builds the registration's documents; reads only, apart from taking the next case number. */
/** The accused a registration names (第三十条第三款), as its 登记 or 重件关联 carries them. */
function accusedOf(r: RegistrationInput): { accusedOfficeIds?: string[]; accusedPersons?: string[] } {
  return {
    ...(r.accusedOfficeIds.length ? { accusedOfficeIds: [...r.accusedOfficeIds] } : {}),
    ...(r.accusedPersons?.length ? { accusedPersons: [...r.accusedPersons] } : {}),
  };
}

async function prepareRegistration(
  ctx: DeskContext,
  session: Session,
  args: ApiParsedArgs<'petition-register'>,
  r: RegistrationInput,
  linkTo: RxDocument<CaseDoc> | null,
  missing: RegisterResult['missing'],
): Promise<Prepared> {
  const now = ctx.now().toISOString();
  const petitioners = await preparePetitioners(ctx, session, r.petitioners);
  const petitionerIds = petitioners.map((p) => p.id);
  const caseId = linkTo?.id ?? newId();
  const petition: PetitionDoc = {
    id: newId(),
    caseId,
    officeId: session.office.id,
    channel: r.channel,
    receivedAt: r.receivedAt,
    petitionerIds,
    headcount: r.headcount,
    ...(r.request ? { request: r.request } : {}),
    ...(r.facts ? { facts: r.facts } : {}),
    ...(r.reasons ? { reasons: r.reasons } : {}),
    flags: linkTo ? [...new Set([...r.flags, 'repeat' as const])] : r.flags,
    repeat: linkTo !== null,
    registeredBy: session.user.id,
    recordedAt: now,
  };

  const base = { id: newId(), caseId, actor: actorOf(session), occurredAt: now, recordedAt: now };
  let event: CaseEvent;
  let caseNumber: string;
  if (linkTo) {
    caseNumber = linkTo.caseNumber;
    const c = linkTo.projection;
    event = {
      ...base,
      occurredAt: actInstant(ctx.now(), c.lastEventAt),
      type: 'link',
      payload: { petitionId: petition.id, petitionerIds, ...accusedOf(r) },
      article: '第十九条',
      after: [c.lastEventId],
    };
    const refused = roomForAct(c) ?? checkAct(c, event, { tree: await readOfficeTree(ctx.db), afterAt: c.lastEventAt }); // a full matter: the county would refuse the 重件关联
    if (refused) throw new ApiError(refused);
  } else {
    caseNumber = await nextCaseNumber(ctx.db, session.office.code, Number(beijingDay(r.receivedAt).slice(0, 4)));
    const title =
      (args.case.kind === 'new' && args.case.title) ||
      r.title ||
      (r.request ?? r.facts ?? '（未填写请求）').slice(0, 60);
    event = {
      ...base,
      occurredAt: r.receivedAt,
      type: 'register',
      article: '第十九条',
      after: [],
      payload: {
        caseNumber,
        receivedAt: r.receivedAt,
        channel: r.channel,
        petitionIds: [petition.id],
        petitionerIds,
        title,
        ...(r.class ? { class: r.class } : {}),
        ...(r.purpose ? { purpose: r.purpose } : {}),
        flags: r.flags,
        ...(r.problemRegion ? { problemRegion: r.problemRegion } : {}),
        ...(r.contentCategory ? { contentCategory: r.contentCategory } : {}),
        ...accusedOf(r),
        accusedOfficeIds: r.accusedOfficeIds,
        contentProfile: [...contentProfile(content(r))],
      },
    };
  }
  const intent = {
    petitioners,
    petition,
    event: signedByUser(ctx, {
      ...event,
      payload: { ...event.payload },
      actor: { ...event.actor },
      after: [...event.after],
    }),
  };
  return { intent, result: { caseId, caseNumber, petitionId: petition.id, petitionerIds, missing } };
}

/** Writes an intent's documents, projects its matter and tells the renderer. */
async function finishIntent(ctx: DeskContext, intent: RegistrationIntent): Promise<void> {
  ctx.projector.willProject([intent.event.id]);
  await applyIntent(ctx.db, intent);
  await ctx.projector.refresh([intent.event.caseId]);
  ctx.emitter.emit('data-changed', { collections: ['petitioners', 'petitions'], caseIds: [intent.event.caseId] });
}

/**
 * 登记 (第十九条至第二十三条): every receipt is registered (第四十四条第一项). Everything it writes is first written
 * as one intent, so a crash half-way is finished at the next start (registration-intent.ts). The answer goes out
 * once the intent is written, which is what makes the registration durable; applying and projecting it follow in
 * the same turn of the serial queue (no other registration takes the intent slot meanwhile), and `applied` holds
 * every read back until they are done. An apply that fails after the answer is retried before the next
 * registration, which is refused rather than written over it if that fails again.
 */
function registrar(
  ctx: DeskContext,
  applied: AppliedWrites,
): (args: ApiParsedArgs<'petition-register'>) => Promise<RegisterResult> {
  let unfinished: RegistrationIntent | undefined;

  const write = async (
    session: Session,
    args: ApiParsedArgs<'petition-register'>,
    r: RegistrationInput,
    linkTo: RxDocument<CaseDoc> | null,
    missing: RegisterResult['missing'],
  ): Promise<Prepared> => {
    if (unfinished) {
      await finishIntent(ctx, unfinished);
      unfinished = undefined;
    }
    const prepared = await prepareRegistration(ctx, session, args, r, linkTo, missing);
    await writeIntent(ctx.db, prepared.intent);
    // Saved: the draft goes now, in the same queue as draft writes, so a crash cannot bring it back to be saved twice.
    await discardDraft(ctx.db, session.user.id);
    return prepared;
  };

  return async (args) => {
    const session = requireSession(ctx);
    if (!session.user.roles.some((role) => role !== 'admin')) throw new ApiError('forbidden');
    const settings = await ctx.settings();
    const check = checkRegistration(args.registration, {
      now: ctx.now().toISOString(),
      groupThreshold: settings.groupThreshold,
    });
    if (!check.ok) {
      const problems = check.problems.map((p) => ({ code: p.reason, field: `registration.${p.field}` }));
      throw new ApiError(problems[0]?.code ?? 'registration-malformed', problems);
    }
    // 第三十条第三款: the accused are offices of the county this desk knows (the guard and the server match ids).
    const accused = await ctx.db.offices.findByIds(check.registration.accusedOfficeIds).exec();
    if (check.registration.accusedOfficeIds.some((id) => !accused.has(id)))
      throw new ApiError('not-found', [{ code: 'not-found', field: 'registration.accusedOfficeIds' }]);
    const linkTo = args.case.kind === 'link' ? await ctx.db.cases.findOne(args.case.caseId).exec() : null;
    if (args.case.kind === 'link' && !linkTo)
      throw new ApiError('not-found', [{ code: 'not-found', field: 'case.caseId' }]);

    return new Promise<RegisterResult>((resolve, reject) => {
      void ctx.serial(async () => {
        let prepared: Prepared;
        try {
          prepared = await write(session, args, check.registration, linkTo, check.missing);
        } catch (error) {
          reject(error);
          return;
        }
        const work = finishIntent(ctx, prepared.intent).catch(() => {
          unfinished = prepared.intent; // also still stored: a restart finishes it too
        });
        applied.track(work);
        resolve(prepared.result);
        await work;
      });
    });
  };
}

/** `applied` is the desk's: registrations are answered before their writes are applied, and reads wait for them. */
export function petitionHandlers(
  ctx: DeskContext,
  applied: AppliedWrites,
): Pick<Api, 'petition-register' | 'petition-find-similar'> {
  return {
    'petition-register': registrar(ctx, applied),

    async 'petition-find-similar'({ petitioners, text, limit = 10 }) {
      const session = requireSession(ctx);
      const keys = petitioners.map((p) => {
        const id = p.idNumber ? checkIdNumber(p.idNumber) : undefined;
        const phone = p.phone ? checkPhone(p.phone) : undefined;
        return petitionerKey({
          ...p,
          idNumber: id?.ok ? id.normalized : (p.idNumber ?? ''),
          phone: phone?.ok ? phone.normalized : (p.phone ?? ''),
          name: p.name ?? '',
        });
      });
      const scores = await ctx.repeats.find({ petitioners: keys, profile: contentProfile(text) }, limit);
      const docs = await ctx.db.cases.findByIds(scores.map((s) => s.caseId)).exec();
      const settings = await ctx.settings();
      const day = today(ctx);
      return scores.flatMap((s) => {
        const doc = docs.get(s.caseId);
        // A 作废 matter is never offered for linking (第十九条).
        return doc && doc.status !== UNLISTED
          ? [
              {
                ...s,
                summary: summarise(doc.projection, session, day, settings.dueSoonDays),
                closedByReReview: closedByReReview(doc.projection),
              },
            ]
          : [];
      });
    },
  };
}
