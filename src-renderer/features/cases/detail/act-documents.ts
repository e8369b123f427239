import type { CaseDetail } from '#shared/contract/api';
import { approvedEvent } from '#shared/domain/acts';
import type { CaseEvent, CaseEventOf } from '#shared/domain/case-types';
import type { PetitionDoc } from '#shared/domain/documents';
import { queryCode } from '#shared/domain/query-code';
import { channelText, classText, documentText, messages, optionText, serviceMethodText } from '#shared/messages/zh-CN';
import {
  acceptParagraphs,
  addressee,
  noticeDate,
  noticeDay,
  receivedParagraphs,
  routeOf,
  type DocumentKind,
  type Letter,
  type LetterRow,
} from '../../../app/letters';

/**
 * The one place that picks the document an act prints (domain-research §7.4) and fills it from the matter: the
 * notices and opinions to the petitioner carry the 查询码; the forms between offices do not. An approved 报批
 * prints the document of the act it put in force, as of the approval.
 */

/** Names from the county's directory (src-renderer/app/directory.ts). */
export interface Names {
  office(id: string): string;
  user(id: string): string;
  /** The office one level above, where the directory knows it (复查/复核 organs, 第三十五条、第三十六条). */
  above(id: string): string | undefined;
}

const t = documentText;
const notice = messages.notice;

type Ctx = {
  readonly detail: CaseDetail;
  readonly names: Names;
  /** The matter's events before this one: what the act answers, serves or follows. */
  readonly before: readonly CaseEvent[];
  /** The 报批 an approved act was proposed by (终结 record). */
  readonly proposer?: CaseEvent['actor'];
};
type Build<T extends CaseEvent['type']> = (e: CaseEventOf<T>, x: Ctx) => Letter;

/** The act `event` puts in force: itself, or for an approved 报批 the proposed act at the approval. */
function inForce(
  event: CaseEvent,
  events: readonly CaseEvent[],
): { act: CaseEvent; proposer?: CaseEvent['actor'] } | undefined {
  if (event.type !== 'approve') return { act: event };
  const proposal = events.find(
    (e): e is CaseEventOf<'propose'> => e.id === event.payload.proposalEventId && e.type === 'propose',
  );
  if (!event.payload.approved || !proposal) return undefined;
  const { act, payload } = proposal.payload;
  return {
    act: approvedEvent(event, { eventId: proposal.id, act, payload, userId: proposal.actor.userId }),
    proposer: proposal.actor,
  };
}

/** Which document the event prints, if any (the timeline's print button). */
export function documentKind(event: CaseEvent, events: readonly CaseEvent[]): DocumentKind | undefined {
  const act = inForce(event, events)?.act;
  if (!act) return undefined;
  if (act.type === 'supervise') return act.payload.kind === 'urge' ? 'urge' : 'supervise';
  return act.type in builders ? (act.type as DocumentKind) : undefined; // every key of `builders` is a document kind
}

/** The document an act prints, dated the day of the act and signed by the office that did it; undefined if none. */
export function actDocument(event: CaseEvent, detail: CaseDetail, names: Names): Letter | undefined {
  const found = inForce(event, detail.events);
  if (!found || !(found.act.type in builders)) return undefined;
  const index = detail.events.findIndex((e) => e.id === event.id);
  const x: Ctx = {
    detail,
    names,
    before: index < 0 ? detail.events : detail.events.slice(0, index),
    ...(found.proposer ? { proposer: found.proposer } : {}),
  };
  const build = builders[found.act.type as keyof typeof builders] as Build<CaseEvent['type']>; // indexed by the act's own type
  return build(found.act, x);
}

// ---- what every document reads from the matter

/** The first petition (初件). */
const firstPetition = (d: CaseDetail): PetitionDoc | undefined =>
  [...d.petitions].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)).find((p) => !p.repeat) ?? d.petitions[0];

/** A petition's request, facts or reasons as registered, with the 补充/更正 made before the act (第十九条). */
function petitionText(x: Ctx, field: 'request' | 'facts' | 'reasons'): string {
  const p = firstPetition(x.detail);
  const earlier = new Set(x.before.map((e) => e.id));
  const amended = x.detail.case.amendments
    .filter(
      (a) => a.field === field && earlier.has(a.eventId) && (a.petitionId === undefined || a.petitionId === p?.id),
    )
    .pop();
  return (amended?.value ?? p?.[field] ?? '').trim();
}

const to = (x: Ctx) =>
  addressee(
    x.detail.petitioners.map((p) => p.name),
    x.detail.case.flags.includes('anonymous'),
  );
const opening = (x: Ctx) =>
  receivedParagraphs(
    noticeDate(x.detail.case.receivedAt),
    channelText[x.detail.case.channel],
    petitionText(x, 'request') || petitionText(x, 'facts'),
  );
const latest = <E extends CaseEvent>(events: readonly CaseEvent[], test: (e: CaseEvent) => e is E): E | undefined =>
  [...events].reverse().find(test);
const last = <T extends CaseEvent['type']>(x: Ctx, ...types: T[]) =>
  latest(x.before, (e): e is CaseEventOf<T> => (types as string[]).includes(e.type));
const by = (e: CaseEvent, x: Ctx) => ({ office: x.names.office(e.actor.officeId), date: noticeDate(e.occurredAt) });
const numbered = (no: string | undefined, text: (no: string) => string) => (no ? { reference: text(no) } : {});

/** A notice or opinion to the petitioner: addressed to them, with the 查询码 (第二十一条第二款). */
function toPetitioner(
  kind: DocumentKind,
  e: CaseEvent,
  x: Ctx,
  paragraphs: readonly string[],
  extra: Partial<Letter> = {},
): Letter {
  return { kind, queryCode: queryCode(x.detail.case.id), to: to(x), paragraphs, ...by(e, x), ...extra };
}

/** The matter as a form between offices shows it: number, petitioner, contact, receipt, summary, request. */
function caseRows(x: Ctx): LetterRow[] {
  const c = x.detail.case;
  const first = x.detail.petitioners[0];
  const anonymous = c.flags.includes('anonymous');
  const contact = anonymous ? '' : [first?.phone, first?.address].filter(Boolean).join('\u3000');
  const request = petitionText(x, 'request') || petitionText(x, 'facts');
  return [
    [t.row.caseNumber, c.caseNumber],
    [t.row.petitioner, anonymous ? t.anonymous : to(x)],
    [t.row.contact, contact || t.none],
    [t.row.received, `${noticeDate(c.receivedAt)}\u3000${channelText[c.channel]}`],
    [t.row.title, c.title],
    // The summary is often the request's first words: the request is shown when it says more.
    ...(request && request !== c.title ? [[t.row.request, request] as const] : []),
  ];
}

const secrecy = (x: Ctx) => (x.detail.case.restricted ? [t.secrecy] : []);

/** The organ a 复查/复核 request went to: the office it names, else the one above the organ it is against. */
function requestOrgan(
  request: CaseEventOf<'review-request' | 're-review-request'> | undefined,
  below: string | undefined,
  x: Ctx,
) {
  const id = request?.payload.toOfficeId ?? (below === undefined ? undefined : x.names.above(below));
  return { id, name: id !== undefined ? x.names.office(id) : request?.payload.organ };
}

// ---- the documents, by act

const builders = {
  accept: (e, x) =>
    toPetitioner(
      'accept',
      e,
      x,
      [...opening(x), ...acceptParagraphs(e.payload.class, e.payload.procedure, routeOf(e.payload))],
      { contact: true, ...numbered(e.payload.noticeNo, t.documentNo) },
    ),
  reject: (e, x) =>
    toPetitioner(
      'reject',
      e,
      x,
      [...opening(x), t.rejectBody(optionText.ground[e.payload.ground]), t.explanation(e.payload.explanation)],
      { contact: true, ...numbered(e.payload.noticeNo, t.documentNo) },
    ),
  redirect: (e, x) =>
    toPetitioner('redirect', e, x, [...opening(x), notice.redirectBody(e.payload.organ)], {
      contact: true,
      competentOrgan: e.payload.organ,
      ...numbered(e.payload.noticeNo, t.documentNo),
    }),
  extend: (e, x) => {
    const handling = x.detail.case.clocks.find((k) => k.kind === 'handling');
    return toPetitioner(
      'extend',
      e,
      x,
      [
        ...opening(x),
        t.extendBody(e.payload.days, handling ? noticeDay(handling.due) : t.blankDate),
        t.extendReasons(e.payload.reasons),
      ],
      { contact: true },
    );
  },
  'no-further-acceptance': (e, x) => {
    const prior = e.payload.priorCaseNumber ? t.priorCase(e.payload.priorCaseNumber) : '';
    return toPetitioner(
      'no-further-acceptance',
      e,
      x,
      [...opening(x), t.noFurther(prior), t.explanation(e.payload.explanation), t.aftercare],
      { contact: true, ...numbered(e.payload.noticeNo, t.documentNo) },
    );
  },
  inform: (e, x) => {
    const sent = latest(
      x.before,
      (s): s is CaseEventOf<'forward' | 'assign'> =>
        (s.type === 'forward' || s.type === 'assign') && s.actor.officeId === e.actor.officeId,
    );
    const where = sent ? x.names.office(sent.payload.toOfficeId) : t.none;
    return toPetitioner('inform', e, x, [...opening(x), t.informBody(t.verb[sent?.type ?? 'forward'], where)], {
      contact: true,
      ...numbered(e.payload.noticeNo, t.documentNo),
    });
  },
  decide: (e, x) => {
    const c = x.detail.case;
    const facts = [petitionText(x, 'facts'), petitionText(x, 'reasons')].filter(Boolean).join('；');
    return toPetitioner(
      'decide',
      e,
      x,
      [
        t.decide.opening(noticeDate(c.receivedAt), channelText[c.channel]),
        t.decide.request(petitionText(x, 'request') || t.none),
        t.decide.facts(facts || t.none),
        t.decide.outcome[e.payload.outcome],
        t.decide.basis(e.payload.basis),
        t.decide.rights(e.payload.reviewOrgan),
      ],
      numbered(e.payload.documentNo, t.documentNo),
    );
  },
  'review-decision': (e, x) => {
    const decider = last(x, 'decide')?.actor.officeId;
    const request = last(x, 'review-request');
    const reviewer = requestOrgan(request, decider, x);
    const deciderName = decider === undefined ? t.none : x.names.office(decider);
    const above = reviewer.id === undefined ? undefined : x.names.above(reviewer.id);
    const next =
      e.payload.result === 'redo'
        ? t.review.redo(deciderName, e.payload.redoDue ? noticeDay(e.payload.redoDue) : t.blankDate)
        : t.review.next(above ? x.names.office(above) : t.review.organAbove);
    const paragraphs = [
      t.review.opening(deciderName, request ? noticeDate(request.occurredAt) : t.blankDate),
      t.review.result[e.payload.result],
      t.review.content(e.payload.content),
      next,
    ];
    return toPetitioner('review-decision', e, x, paragraphs, {
      ...numbered(e.payload.documentNo, t.documentNo),
      office: reviewer.name ?? by(e, x).office,
    });
  },
  're-review-decision': (e, x) => {
    const reviewer = requestOrgan(last(x, 'review-request'), last(x, 'decide')?.actor.officeId, x);
    const request = last(x, 're-review-request');
    const reReviewer = requestOrgan(request, reviewer.id, x);
    const reviewerName = reviewer.name ?? t.none;
    const next =
      e.payload.result === 'redo'
        ? t.reReview.redo(reviewerName, e.payload.redoDue ? noticeDay(e.payload.redoDue) : t.blankDate)
        : t.reReview.final;
    const paragraphs = [
      t.reReview.opening(reviewerName, request ? noticeDate(request.occurredAt) : t.blankDate),
      t.reReview.result[e.payload.result],
      t.reReview.content(e.payload.content),
      next,
    ];
    return toPetitioner('re-review-decision', e, x, paragraphs, {
      ...numbered(e.payload.documentNo, t.documentNo),
      office: reReviewer.name ?? by(e, x).office,
    });
  },
  forward: (e, x) => ({
    kind: 'forward',
    to: x.names.office(e.payload.toOfficeId),
    paragraphs: [t.forward.body],
    rows: [...caseRows(x), ...(e.payload.note ? [[t.row.note, e.payload.note] as const] : [])],
    after: [t.forward.duty, ...secrecy(x)],
    ...by(e, x),
  }),
  assign: (e, x) => ({
    kind: 'assign',
    to: x.names.office(e.payload.toOfficeId),
    paragraphs: [t.assign.body(noticeDay(e.payload.dueDate))],
    rows: [
      ...caseRows(x),
      [t.row.due, noticeDay(e.payload.dueDate)],
      ...(e.payload.note ? [[t.row.note, e.payload.note] as const] : []),
    ],
    after: [t.forward.duty, ...secrecy(x)],
    ...by(e, x),
  }),
  supervise: (e, x) => {
    const urge = e.payload.kind === 'urge';
    const verb = optionText.superviseKind[e.payload.kind];
    const office =
      x.detail.case.clocks.find((k) => k.sourceEventId === e.id)?.officeId ?? x.detail.case.currentOfficeId;
    const due = e.payload.feedbackDue ? noticeDay(e.payload.feedbackDue) : undefined;
    return {
      kind: urge ? 'urge' : 'supervise',
      to: x.names.office(office),
      paragraphs: [due ? t.supervise.body(verb, due) : t.supervise.bodyNoDue(verb)],
      rows: [
        [t.row.caseNumber, x.detail.case.caseNumber],
        [t.row.title, x.detail.case.title],
        [urge ? t.row.urgeIssue : t.row.issue, e.payload.issue],
        [t.row.feedbackDue, due ?? t.none],
      ],
      ...by(e, x),
    };
  },
  serve: (e, x) => {
    const answer = last(x, 'decide', 'reply', 'agree', 'review-decision', 're-review-decision');
    const title =
      answer === undefined
        ? t.none
        : answer.type === 'reply'
          ? t.served.reply
          : answer.type === 'agree'
            ? t.served[answer.payload.kind]
            : t.title[answer.type];
    const no = answer && 'documentNo' in answer.payload ? (answer.payload.documentNo ?? '') : '';
    const address = x.detail.petitioners[0]?.address ?? '';
    return {
      kind: 'serve',
      ...numbered(e.payload.receiptNo, t.receiptNo),
      paragraphs: [],
      rows: [
        [t.row.caseNumber, x.detail.case.caseNumber],
        [t.row.document, t.serve.document(title, no)],
        [t.row.addressee, to(x)],
        [t.row.place, address],
        [t.row.method, serviceMethodText[e.payload.method]],
        [t.row.server, x.names.user(e.actor.userId)],
        [t.row.signature, ''],
        [t.row.signedOn, t.blankDate],
        [t.row.proxy, ''],
        [t.row.remarks, ''],
      ],
      after: [t.serve.note],
      ...by(e, x),
    };
  },
  close: (e, x) => {
    const c = x.detail.case;
    const person = (a: CaseEvent['actor']) => t.person(x.names.user(a.userId), x.names.office(a.officeId));
    return {
      kind: 'close',
      paragraphs: [t.close.body],
      rows: [
        [t.row.caseNumber, c.caseNumber],
        [t.row.petitioner, to(x)],
        [t.row.title, c.title],
        [t.row.class, c.class ? classText[c.class] : t.none],
        [t.row.ground, optionText.closeGround[e.payload.ground]],
        [t.row.closedOn, noticeDate(e.occurredAt)],
        ...(x.proposer ? [[t.row.proposer, person(x.proposer)] as const] : []),
        [t.row.approver, person(e.actor)],
        [t.row.remarks, e.payload.note ?? ''],
      ],
      after: e.payload.ground === 're-review-done' ? [t.close.final, t.close.aftercare] : [],
      ...by(e, x),
    };
  },
} satisfies { readonly [T in CaseEvent['type']]?: Build<T> };
