import { channelText, messages } from '#shared/messages/zh-CN';
import { NoticeLetter, noticeDate } from '../../app/NoticeLetter';
import type { SavedIntake } from './useIntakeSave';

const t = messages.notice;

export type NoticeKind = 'accept' | 'redirect';

/**
 * The notice printed on the spot (domain-research §7.4): 受理告知书 (第二十三条: 接收情况, 处理途径和程序, the
 * handling organ, contact, 查询码) or 告知书 (第二十三条第一款: the organ to turn to, named in place of the handling organ).
 */
export function NoticePrint({ saved, kind, organ }: { saved: SavedIntake; kind: NoticeKind; organ: string }) {
  const { draft, result, session } = saved;
  return (
    <NoticeLetter
      title={kind === 'accept' ? t.acceptTitle : t.redirectTitle}
      caseNumber={result.caseNumber}
      to={draft.flags.includes('anonymous') ? '' : draft.petitioners.map((p) => p.name.trim()).filter(Boolean).join('、')}
      receivedDate={noticeDate(draft.receivedAt ?? new Date())}
      channel={draft.channel ? channelText[draft.channel] : ''}
      request={(draft.request || draft.facts).trim()}
      paragraphs={kind === 'accept' ? [t.acceptBody, t.acceptRights] : [t.redirectBody(organ.trim() || t.blank)]}
      office={session.office.name}
      date={noticeDate(new Date())}
      {...(kind === 'redirect' ? { competentOrgan: organ.trim() || t.blank } : {})}
    />
  );
}
