import type { CaseDetail } from '#shared/contract/api';
import type { CaseEvent } from '#shared/domain/case-types';
import type { ActPayload } from '#shared/domain/act-payloads';
import { NoticeLetter, noticeDate } from '../../../app/NoticeLetter';
import { useOfficeName } from '../../../app/directory';
import { actNoticeText, channelText, messages, optionText } from '#shared/messages/zh-CN';

const common = messages.notice;
const t = actNoticeText;

/** The acts that come with a written notice to the petitioner, printable from the matter's timeline. */
export type NoticeAct = keyof typeof actNoticeText.title;
export type NoticeEvent = CaseEvent & { readonly type: NoticeAct };
export const hasNotice = (event: CaseEvent): event is NoticeEvent => event.type in actNoticeText.title;

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
      return [t.extendBody(p.days, handling ? noticeDate(handling.due) : '____年__月__日'), t.extendReasons(p.reasons)];
    }
  }
}

/**
 * The written notice of one act, dated the day of the act and signed by the office that did it; a 告知书
 * (第二十三条第一款) names the organ to turn to instead of a handling organ.
 */
export function ActNotice({ detail, event }: { readonly detail: CaseDetail; readonly event: NoticeEvent }) {
  const c = detail.case;
  const office = useOfficeName()(event.actor.officeId);
  const petition = detail.petitions[0];
  return (
    <NoticeLetter
      title={t.title[event.type]}
      caseNumber={c.caseNumber}
      to={c.flags.includes('anonymous') ? '' : detail.petitioners.map((p) => p.name.trim()).filter(Boolean).join('、')}
      receivedDate={noticeDate(c.receivedAt)}
      channel={channelText[c.channel]}
      request={petition?.request?.trim() || petition?.facts?.trim() || ''}
      paragraphs={decision(event, detail)}
      office={office}
      date={noticeDate(event.occurredAt)}
      {...(event.type === 'redirect' ? { competentOrgan: (event.payload as ActPayload<'redirect'>).organ } : {})}
    />
  );
}
