import { createPortal } from 'react-dom';
import { documentText, messages } from '#shared/messages/zh-CN';
import type { Letter } from './letters';

const t = messages.notice;

/**
 * The one layout of every printed document (domain-research §7.4): title, 文号 and 查询码, addressee, the body, a
 * form's rows, the 办理机关 and contact of a notice to the petitioner, seal and date. Rendered into a print-only
 * container outside the app, so `window.print()` prints just the document (base.css @media print).
 */
export function NoticeLetter({ letter }: { readonly letter: Letter }) {
  const title = documentText.title[letter.kind];
  // Fixed lists rendered once: an index is a stable key.
  return createPortal(
    <article className="desk-notice" aria-label={title} data-document={letter.kind}>
      <h1>{title}</h1>
      {letter.reference ? <p className="desk-notice-no">{letter.reference}</p> : null}
      {letter.queryCode ? <p className="desk-notice-no">{t.queryCode(letter.queryCode)}</p> : null}
      {letter.to !== undefined ? <p>{t.to(letter.to)}</p> : null}
      {letter.paragraphs.map((line, i) => (
        <p key={i} className="desk-notice-body">
          {line}
        </p>
      ))}
      {letter.rows ? (
        <table className="desk-notice-form">
          <tbody>
            {letter.rows.map(([label, value], i) => (
              <tr key={i}>
                <th scope="row">{label}</th>
                <td className={value ? undefined : 'desk-notice-blank'}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {letter.after?.map((line, i) => (
        <p key={i} className="desk-notice-body">
          {line}
        </p>
      ))}
      {letter.contact ? (
        <>
          <p>
            {letter.competentOrgan === undefined
              ? t.handlingOrgan(letter.office)
              : t.competentOrgan(letter.competentOrgan)}
          </p>
          <p>{t.contact}</p>
        </>
      ) : null}
      <p className="desk-notice-sign">
        {letter.office}
        {t.seal}
        <br />
        {letter.date}
      </p>
    </article>,
    document.body,
  );
}
