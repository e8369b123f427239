import { createPortal } from 'react-dom';
import dayjs from 'dayjs';
import type { CaseDetail } from '#shared/contract/api';
import type { CaseEvent } from '#shared/domain/case-types';
import type { ActPayload } from '#shared/domain/act-payloads';
import { messages } from '../../../app/messages';
import { actNoticeText, channelText, optionText } from '../messages';
import { officeName } from '../offices';

const common = messages.notice;
const t = actNoticeText;

/** The acts that come with a written notice to the petitioner, printable from the matter's timeline. */
export type NoticeAct = keyof typeof actNoticeText.title;
export type NoticeEvent = CaseEvent & { readonly type: NoticeAct };
export const hasNotice = (event: CaseEvent): event is NoticeEvent => event.type in actNoticeText.title;

const chineseDate = (isoOrDay: string) => dayjs(isoOrDay).format('YYYY年M月D日');

/** The paragraphs that say what was decided, by act (payloads as the core validated them). */
function decision(event: NoticeEvent, detail: CaseDetail): string[] {
  switch (event.type) {
    case 'accept': {
      const p = event.payload as ActPayload<'accept'>;
      // 第三十一条第六项 items get the 60-day promise and the 复查 right; others follow their own procedure.
      return p.procedure === 'opinion' ? [common.acceptBody, common.acceptRights] : [t.statutoryBody];
    }
    case 'reject': {
      const p = event.payload as ActPayload<'reject'>;
      return [t.rejectBody(optionText.ground[p.ground]), t.explanation(p.explanation)];
    }
    case 'redirect':
      return [common.redirectBody((event.payload as ActPayload<'redirect'>).organ)];
    case 'extend': {
      const p = event.payload as ActPayload<'extend'>;
      const handling = detail.case.clocks.find((k) => k.kind === 'handling');
      return [t.extendBody(p.days, handling ? chineseDate(handling.due) : '____年__月__日'), t.extendReasons(p.reasons)];
    }
  }
}

/**
 * The written notice of one act, dated the day of the act and signed by the office that did it. Rendered into the
 * print-only container outside the app (base.css @media print), as the intake's notice is.
 */
export function ActNotice({ detail, event }: { readonly detail: CaseDetail; readonly event: NoticeEvent }) {
  const c = detail.case;
  const names = c.flags.includes('anonymous') ? '' : detail.petitioners.map((p) => p.name.trim()).filter(Boolean).join('、');
  const request = detail.petitions[0]?.request?.trim() || detail.petitions[0]?.facts?.trim() || '';
  const office = officeName(event.actor.officeId);
  return createPortal(
    <article className="desk-notice" aria-label={t.title[event.type]}>
      <h1>{t.title[event.type]}</h1>
      <p className="desk-notice-no">{common.queryCode(c.caseNumber)}</p>
      <p>{common.to(names || common.anonymous)}</p>
      <p className="desk-notice-body">{common.received(chineseDate(c.receivedAt), channelText[c.channel])}</p>
      {request ? (
        <p className="desk-notice-body">
          {common.request}
          {request}
        </p>
      ) : null}
      {decision(event, detail).map((line) => (
        <p key={line} className="desk-notice-body">
          {line}
        </p>
      ))}
      <p>{common.handlingOrgan(office)}</p>
      <p>{common.contact}</p>
      <p className="desk-notice-sign">
        {office}
        {common.seal}
        <br />
        {chineseDate(event.occurredAt)}
      </p>
    </article>,
    document.body,
  );
}
