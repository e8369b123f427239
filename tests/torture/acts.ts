import type { ApiArgs } from '#shared/contract/api';
import type { ActType } from '#shared/domain/act-payloads';
import { addDays } from '#shared/domain/calendar';
import type { CaseProjection } from '#shared/domain/case-types';
import type { RegistrationInput } from '#shared/domain/registration';
import { prng } from '../src-main/storage-sqlite/random-ops';

/**
 * The legal acts of a torture run: walk-in registrations (检举控告 about another office among them), 重件, and acts
 * on a matter chosen among the ones the desk offers the signed-in user (`case-get`'s `allowedActs`, the buttons of
 * the matter page), each with a payload its schema takes. Every choice comes from the run's seeded generator.
 */
export type Random = () => number;

/** The run's seeded generator (mulberry32): a failing run is replayed from the seed it printed. */
export const seeded: (seed: number) => Random = prng;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** The demo county's offices with desks (shared/demo/county.ts) and the login prefix of their users. */
export const offices = {
  'office-qingshan': 'qs',
  'office-lvshui': 'ls',
  'office-county': 'county',
} as const;
export type DeskOffice = keyof typeof offices;
const townships = ['office-qingshan', 'office-lvshui'] as const;
/** Where a matter may be routed: the offices with desks and the 纪委监委, which has none. */
const routeTargets = [...townships, 'office-county', 'office-jiwei'];

/**
 * A walk-in: usually a new person (a 证件号码-less one, so two desks never meet the same record by number), now and
 * then a person this office registered before (`known`, linked by id), and for about one in five a 检举控告 against
 * another township (or, from a township, the county bureau) by a new person, who must never reach the accused.
 */
export function walkInFor(
  random: Random,
  office: DeskOffice,
  serial: string,
  known: readonly string[],
): { registration: RegistrationInput; accused: string[] } {
  const accusation = random() < 0.2;
  const accused = accusation
    ? [
        pick(
          random,
          [...townships, 'office-county'].filter(
            (o) => o !== office && !(office === 'office-county' && o === 'office-county'),
          ),
        ),
      ]
    : [];
  const existing = !accusation && known.length > 0 && random() < 0.25 ? pick(random, known) : undefined;
  const person = existing
    ? { kind: 'person' as const, existingId: existing }
    : {
        kind: 'person' as const,
        name: `信访人${serial}`,
        phone: `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
        address: `${serial}号`,
      };
  return {
    accused,
    registration: {
      channel: pick(random, ['visit', 'letter', 'call'] as const),
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      petitioners: [person],
      headcount: 1,
      request: accusation ? `检举${serial}：某干部违规发放补偿款` : `诉求${serial}：要求修缮村道`,
      facts: `事实${serial}`,
      reasons: `理由${serial}`,
      flags: [],
      ...(accusation
        ? { class: 'accusation' as const }
        : random() < 0.5
          ? { class: pick(random, ['claim', 'suggestion'] as const) }
          : {}),
      accusedOfficeIds: accused,
    },
  };
}

type Payload = ApiArgs<'case-act'>['payload'];

/** A payload for `type` on matter `c` at `office`, or undefined when this suite does not record that act. */
export function payloadFor(
  random: Random,
  type: ActType,
  c: CaseProjection,
  office: string,
  serial: string,
): Payload | undefined {
  const today = new Date().toISOString().slice(0, 10);
  const notice = { noticeMethod: pick(random, ['on-site', 'post', 'sms', 'phone'] as const) };
  const elsewhere = routeTargets.filter(
    (o) => o !== c.currentOfficeId && !(c.restricted && c.accusedOfficeIds.includes(o)),
  );
  const builders: Partial<Record<ActType, () => Payload | undefined>> = {
    note: () => ({ text: `备注${serial}` }),
    receive: () => ({}),
    accept: () => ({
      ...notice,
      class: c.class ?? pick(random, ['claim', 'suggestion'] as const),
      procedure: 'opinion',
    }),
    reject: () => ({ ...notice, ground: 'other', explanation: `不予受理${serial}` }),
    redirect: () => ({ ...notice, organ: '示范县人民法院' }),
    forward: () =>
      elsewhere.length === 0 ? undefined : { toOfficeId: pick(random, elsewhere), petitionerTold: random() < 0.5 },
    inform: () => notice,
    object: () => ({ reasons: `该事项不属于本机关职责范围，请核实（${serial}）` }),
    'object-decision': () => ({ agreed: random() < 0.5, reasons: `经核实${serial}` }),
    // 交办 goes downward only: from the county to a township.
    assign: () =>
      office === 'office-county'
        ? {
            toOfficeId: pick(
              random,
              townships.filter((o) => o !== c.currentOfficeId && !(c.restricted && c.accusedOfficeIds.includes(o))),
            ),
            dueDate: addDays(today, 20),
          }
        : undefined,
    'report-return': () => ({ reasons: `报告不完整${serial}`, dueDate: addDays(today, 10) }),
    transfer: () => ({ target: 'discipline', organ: '示范县纪委监委', toOfficeId: 'office-jiwei' }),
    decide: () => ({
      outcome: pick(random, ['support', 'explain', 'not-support'] as const),
      basis: `依据${serial}`,
      reviewOrgan: '示范县人民政府',
    }),
    reply: () => ({ content: `答复${serial}` }),
    serve: () => ({ method: pick(random, ['in-person', 'electronic'] as const), signedDay: today }),
    report: () => ({ content: `办结报告${serial}` }),
    supervise: () => ({ kind: pick(random, ['supervise', 'urge'] as const), issue: `请按期办理${serial}` }),
    'leader-reception': () => ({ leader: '李镇长' }),
    'leader-case': () => ({ leader: '王书记' }),
    'follow-up': () => ({ method: 'phone', result: `回访满意${serial}` }),
    'urgent-report': () => ({ to: '示范县信访局', content: `紧急情况${serial}` }),
    evaluate: () => ({
      target: 'petition-office',
      stage: 'acceptance',
      rating: pick(random, ['satisfied', 'basically-satisfied', 'dissatisfied'] as const),
    }),
    extend: () => ({ days: 15, reasons: `情况复杂${serial}`, noticeMethod: notice.noticeMethod }),
    'hearing-start': () => ({ note: `听证${serial}` }),
    'hearing-end': () => ({ conclusion: `听证结论${serial}` }),
    close: () => ({ ground: pick(random, ['replied', 'withdrawn', 'executed'] as const) }),
    supplement: () => ({ field: 'contentCategory', value: `类别${serial}` }),
    consult: () => ({ officeIds: [c.currentOfficeId], outcome: `协商一致${serial}` }),
    approve: () =>
      c.proposals.length === 0
        ? undefined
        : { proposalEventId: pick(random, c.proposals).eventId, approved: random() < 0.7 },
  };
  return builders[type]?.();
}
