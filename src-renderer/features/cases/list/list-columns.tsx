import type { ReactNode } from 'react';
import type { CaseSummary } from '#shared/contract/api';
import { officeName } from '../../../app/directory';
import { formatInstant } from '../common/summary-columns';
import { channelText, classText, flagText, casesText, statusText } from '#shared/messages/zh-CN';

/** A column of the matter list: its header, its fixed width (none: takes the rest) and its cell of a loaded row. */
export interface ListColumn {
  readonly key: string;
  readonly title: string;
  readonly width: number | undefined;
  readonly render: (summary: CaseSummary) => ReactNode;
}

/** One row: antd's small table row (8px padding twice, a 22px line, a 1px border). */
export const ROW_HEIGHT = 39;

const c = casesText.column;

/**
 * The matter list's columns: the same headers, widths and texts as summaryColumns (the petitioner page's table),
 * but every cell plain text or a span styled by CasesTable's stylesheet. antd's Tag, Space and Typography each
 * register their CSS-in-JS styles when they mount, and while the list scrolls rows mount every frame. A row still
 * loading is not drawn by these, but by one placeholder cell (see CasesTableRow).
 */
export const listColumns: readonly ListColumn[] = [
  { key: 'caseNumber', title: c.caseNumber, width: 200, render: (s) => s.caseNumber },
  { key: 'title', title: c.title, width: undefined, render: (s) => s.title },
  { key: 'status', title: c.status, width: 84, render: (s) => statusText[s.status] },
  { key: 'class', title: c.class, width: 96, render: (s) => (s.class ? classText[s.class] : casesText.unclassified) },
  { key: 'channel', title: c.channel, width: 76, render: (s) => channelText[s.channel] },
  { key: 'receivedAt', title: c.receivedAt, width: 130, render: (s) => formatInstant(s.receivedAt) },
  { key: 'office', title: c.office, width: 120, render: (s) => officeName(s.currentOfficeId) },
  { key: 'nextDue', title: c.nextDue, width: 130, render: dueCell },
  { key: 'flags', title: c.flags, width: 170, render: marksCell },
];

/** The next due date, coloured as DueTag colours it, "?" when the calendar does not cover its year. */
function dueCell(s: CaseSummary): ReactNode {
  if (!s.nextDue) return null;
  const state = s.overdue ? 'overdue' : s.dueSoon ? 'due-soon' : 'running';
  return (
    <>
      <span className={`xf-due xf-due-${state}`} data-due-state={state}>
        {s.nextDue.due}
      </span>
      {s.nextDue.uncertain && (
        <span className="xf-mark xf-mark-gold" title={casesText.uncertainTip} aria-label={casesText.uncertainTip}>
          {casesText.uncertain}
        </span>
      )}
    </>
  );
}

/** 限阅, conflicts and the petition flags, as CaseMarks shows them on the matter page. */
function marksCell(s: CaseSummary): ReactNode {
  return (
    <>
      {s.conflictCount > 0 && (
        <span
          className="xf-mark xf-mark-red"
          title={casesText.conflict(s.conflictCount)}
          data-conflicts={s.conflictCount}
        >
          {s.conflictCount}
        </span>
      )}
      {s.restricted && <span className="xf-mark xf-mark-purple">{casesText.restricted}</span>}
      {s.flags.map((f) => (
        <span key={f} className={`xf-mark${f === 'urgent' || f === 'threat' ? ' xf-mark-red' : ''}`}>
          {flagText[f]}
        </span>
      ))}
    </>
  );
}
