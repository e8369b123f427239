import { createPortal } from 'react-dom';
import { messages } from '#shared/messages/zh-CN';

const t = messages.notice;

export interface NoticeLetterProps {
  readonly title: string;
  readonly caseNumber: string;
  /** The petitioners' names joined, '' when anonymous. */
  readonly to: string;
  /** 接收情况: the date received and the channel, in words. */
  readonly receivedDate: string;
  readonly channel: string;
  readonly request: string;
  /** What was decided, one paragraph each. */
  readonly paragraphs: readonly string[];
  /** The office that signs, and the date under its seal (YYYY年M月D日). */
  readonly office: string;
  readonly date: string;
  /**
   * For a 告知书 that sends the petitioner elsewhere (第二十三条第一款): the organ to turn to, named in place of
   * 办理机关 (the signing office handles nothing).
   */
  readonly competentOrgan?: string;
}

/**
 * A written notice to the petitioner (domain-research §7.4) in the layout every notice shares: title, 查询码,
 * addressee, 接收情况, the request, the decision, the handling organ (or the organ to turn to) and contact, seal and date. Rendered into a
 * print-only container outside the app, so `window.print()` prints just the notice (base.css @media print).
 */
export function NoticeLetter({ title, caseNumber, to, receivedDate, channel, request, paragraphs, office, date, competentOrgan }: NoticeLetterProps) {
  return createPortal(
    <article className="desk-notice" aria-label={title}>
      <h1>{title}</h1>
      <p className="desk-notice-no">{t.queryCode(caseNumber)}</p>
      <p>{t.to(to || t.anonymous)}</p>
      <p className="desk-notice-body">{t.received(receivedDate, channel)}</p>
      {request ? (
        <p className="desk-notice-body">
          {t.request}
          {request}
        </p>
      ) : null}
      {paragraphs.map((line) => (
        <p key={line} className="desk-notice-body">
          {line}
        </p>
      ))}
      <p>{competentOrgan === undefined ? t.handlingOrgan(office) : t.competentOrgan(competentOrgan)}</p>
      <p>{t.contact}</p>
      <p className="desk-notice-sign">
        {office}
        {t.seal}
        <br />
        {date}
      </p>
    </article>,
    document.body,
  );
}

/** A day or instant as a notice writes it: 2025年12月1日. */
export function noticeDate(isoOrDay: string | Date): string {
  const d = new Date(isoOrDay);
  // Beijing days: the notice is dated where the office is, whatever the PC's zone says.
  const [y, m, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(d).filter((p) => p.type !== 'literal').map((p) => p.value);
  return `${y}年${Number(m)}月${Number(day)}日`;
}
