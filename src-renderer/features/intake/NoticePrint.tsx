import { createPortal } from 'react-dom';
import dayjs from 'dayjs';
import { channelText } from '#shared/messages/zh-CN';
import { messages } from '../../app/messages';
import type { SavedIntake } from './useIntakeSave';

const t = messages.notice;

export type NoticeKind = 'accept' | 'redirect';

/**
 * The notice printed on the spot (domain-research §7.4): 受理告知书 (第二十三条: 接收情况, 处理途径和程序, the
 * handling organ, contact, 查询码) or 告知书 (第二十三条第一款: the organ to turn to). Rendered into a print-only
 * container outside the app, so `window.print()` prints just the notice (see base.css @media print).
 */
export function NoticePrint({ saved, kind, organ }: { saved: SavedIntake; kind: NoticeKind; organ: string }) {
  const { draft, result, session } = saved;
  const names = draft.flags.includes('anonymous') ? '' : draft.petitioners.map((p) => p.name.trim()).filter(Boolean).join('、');
  const received = dayjs(draft.receivedAt).format('YYYY年M月D日');
  const channel = draft.channel ? channelText[draft.channel] : '';
  const request = (draft.request || draft.facts).trim();
  return createPortal(
    <article className="desk-notice" aria-label={kind === 'accept' ? t.acceptTitle : t.redirectTitle}>
      <h1>{kind === 'accept' ? t.acceptTitle : t.redirectTitle}</h1>
      <p className="desk-notice-no">{t.queryCode(result.caseNumber)}</p>
      <p>{t.to(names || t.anonymous)}</p>
      <p className="desk-notice-body">{t.received(received, channel)}</p>
      {request ? (
        <p className="desk-notice-body">
          {t.request}
          {request}
        </p>
      ) : null}
      {kind === 'accept' ? (
        <>
          <p className="desk-notice-body">{t.acceptBody}</p>
          <p className="desk-notice-body">{t.acceptRights}</p>
        </>
      ) : (
        <p className="desk-notice-body">{t.redirectBody(organ || '____________')}</p>
      )}
      <p>{t.handlingOrgan(session.office.name)}</p>
      <p>{t.contact}</p>
      <p className="desk-notice-sign">
        {session.office.name}
        {t.seal}
        <br />
        {dayjs().format('YYYY年M月D日')}
      </p>
    </article>,
    document.body,
  );
}
