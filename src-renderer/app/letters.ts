import { beijingDay } from '#shared/domain/calendar';
import { type CaseClass, type StatutoryRoute } from '#shared/domain/codes';
import { documentText, messages } from '#shared/messages/zh-CN';

/**
 * What a printed document is made of (domain-research §7.4), for the one layout that prints them all
 * (`NoticeLetter`): the intake's notices and every act's document on the matter page are built as a `Letter`.
 */

export type DocumentKind = keyof typeof documentText.title;

/** One row of a form (转送单, 送达回证 …); an empty value is a box left blank to fill in by hand. */
export type LetterRow = readonly [label: string, value: string];

export interface Letter {
  readonly kind: DocumentKind;
  /** 文号 or 编号, under the title. */
  readonly reference?: string;
  /** 查询码 (第二十一条第二款): on documents to the petitioner only, never on one between offices. */
  readonly queryCode?: string;
  /** Who it is addressed to (the petitioners, or the receiving office). */
  readonly to?: string;
  readonly paragraphs: readonly string[];
  readonly rows?: readonly LetterRow[];
  /** Paragraphs after the rows. */
  readonly after?: readonly string[];
  /** The 办理机关 and 联系人 lines a notice to the petitioner ends with (第二十三条: handling organ, contact). */
  readonly contact?: boolean;
  /** A 告知书 that sends the petitioner elsewhere (第二十三条第一款) names that organ in place of the 办理机关. */
  readonly competentOrgan?: string;
  /** The office that did the act and signs, and the Beijing day under its seal. */
  readonly office: string;
  readonly date: string;
}

const notice = messages.notice;
const t = documentText;

/** A Beijing day as a document writes it: '2025-12-01' → 2025年12月1日. */
export function noticeDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** The Beijing day of an instant, as a document writes it: dated where the office is, whatever the PC's zone. */
export function noticeDate(instant: string | Date): string {
  return noticeDay(beijingDay(typeof instant === 'string' ? instant : instant.toISOString()));
}

/** The petitioners a notice is addressed to; an anonymous petition is addressed to 信访人. */
export function addressee(names: readonly string[], anonymous: boolean): string {
  const named = names.map((n) => n.trim()).filter(Boolean);
  return anonymous || named.length === 0 ? notice.anonymous : named.join('、');
}

/** The opening of a notice to the petitioner: 接收情况 (第二十三条) and the request as registered. */
export function receivedParagraphs(receivedDate: string, channel: string, request: string): string[] {
  return [notice.received(receivedDate, channel), ...(request ? [`${notice.request}${request}`] : [])];
}

/**
 * What the 受理告知书 says the matter's 处理途径和程序 are (第二十三条), by class: a 建议意见 is studied and answered
 * (第二十九条) and a 检举控告 handled and fed back in confidence (第三十条), neither promised 60 日 nor told of 复查; a
 * 申诉求决 under 第三十一条第六项 is promised 60 日 (第三十四条) and told of 复查 (第三十五条); one led into a statutory
 * procedure (第三十一条第一项至第五项) is told which (a blank to write it in while the act does not record it).
 * Before the class or procedure is chosen (at registration), it says how each case goes.
 */
export function acceptParagraphs(
  cls: CaseClass | undefined,
  procedure: 'opinion' | 'statutory' | undefined,
  route?: StatutoryRoute,
): string[] {
  switch (cls) {
    case 'suggestion':
      return [t.accept.suggestion];
    case 'accusation':
      return [t.accept.accusation, t.accept.accusationSecrecy];
    case 'claim':
      if (procedure === 'opinion') return [t.accept.claimOpinion, t.accept.claimRights];
      if (procedure === 'statutory') return [t.accept.statutory(route ? t.route[route] : t.accept.statutoryUnknown)];
      return [t.accept.claimPending];
    case undefined:
      return [t.accept.unclassified];
  }
}

/** The statutory route an act's payload names, if it names one (第三十一条第一项至第五项). */
export function routeOf(payload: { readonly route?: StatutoryRoute | undefined }): StatutoryRoute | undefined {
  return payload.route;
}
