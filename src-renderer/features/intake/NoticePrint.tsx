import { queryCode } from '#shared/domain/query-code';
import { channelText, messages } from '#shared/messages/zh-CN';
import { NoticeLetter } from '../../app/NoticeLetter';
import { acceptParagraphs, addressee, noticeDate, receivedParagraphs } from '../../app/letters';
import type { SavedIntake } from './useIntakeSave';

const t = messages.notice;

export type NoticeKind = 'accept' | 'redirect';

/**
 * The notice printed on the spot (domain-research §7.4): 受理告知书 (第二十三条: 接收情况, 处理途径和程序 by the class
 * chosen at registration, the handling organ, contact, 查询码) or 告知书 (第二十三条第一款: the organ to turn to).
 */
export function NoticePrint({ saved, kind, organ }: { saved: SavedIntake; kind: NoticeKind; organ: string }) {
  const { draft, result, session } = saved;
  const opening = receivedParagraphs(
    noticeDate(draft.receivedAt ?? new Date()),
    draft.channel ? channelText[draft.channel] : '',
    (draft.request || draft.facts).trim(),
  );
  return (
    <NoticeLetter
      letter={{
        kind,
        queryCode: queryCode(result.caseId),
        to: addressee(
          draft.petitioners.map((p) => p.name),
          draft.flags.includes('anonymous'),
        ),
        paragraphs: [
          ...opening,
          ...(kind === 'accept' ? acceptParagraphs(draft.class, undefined) : [t.redirectBody(organ || '____________')]),
        ],
        contact: true,
        ...(kind === 'redirect' ? { competentOrgan: organ || '____________' } : {}),
        office: session.office.name,
        date: noticeDate(new Date()),
      }}
    />
  );
}
