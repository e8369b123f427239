import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import type { CaseSummary } from '#shared/contract/api';
import { officeName } from '../../../app/directory';
import { CaseMarks } from './CaseMarks';
import { DueTag } from './DueTag';
import { channelText, classText, casesText, statusText } from '#shared/messages/zh-CN';

const c = casesText.column;

/** Received time as a Beijing wall clock, minutes only: the desk is in China whatever the PC's zone says. */
const received = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function formatInstant(iso: string): string {
  return received.format(new Date(iso));
}

/**
 * The columns of a matter row, shared by the matter list (virtual, fixed widths) and the petitioner page.
 * `pick` reads the summary out of whatever row type the table holds; an absent summary is a row still loading.
 */
export function summaryColumns<Row>(pick: (row: Row) => CaseSummary | undefined): TableColumnsType<Row> {
  const cell = (render: (s: CaseSummary) => ReactNode) => (_: unknown, row: Row) => {
    const s = pick(row);
    return s ? render(s) : null;
  };
  return [
    { key: 'caseNumber', title: c.caseNumber, width: 200, render: cell((s) => s.caseNumber) },
    {
      key: 'title',
      title: c.title,
      // No width: the summary takes what the fixed columns leave.
      ellipsis: true,
      render: (_: unknown, row: Row) => {
        const s = pick(row);
        return s ? s.title : casesText.loadingRow;
      },
    },
    { key: 'status', title: c.status, width: 84, render: cell((s) => statusText[s.status]) },
    {
      key: 'class',
      title: c.class,
      width: 96,
      render: cell((s) => (s.class ? classText[s.class] : casesText.unclassified)),
    },
    { key: 'channel', title: c.channel, width: 76, render: cell((s) => channelText[s.channel]) },
    { key: 'receivedAt', title: c.receivedAt, width: 130, render: cell((s) => formatInstant(s.receivedAt)) },
    { key: 'office', title: c.office, width: 120, ellipsis: true, render: cell((s) => officeName(s.currentOfficeId)) },
    {
      key: 'nextDue',
      title: c.nextDue,
      width: 130,
      render: cell((s) =>
        s.nextDue ? (
          <DueTag due={s.nextDue.due} overdue={s.overdue} dueSoon={s.dueSoon} uncertain={s.nextDue.uncertain} />
        ) : null,
      ),
    },
    {
      key: 'flags',
      title: c.flags,
      width: 170,
      render: cell((s) => <CaseMarks flags={s.flags} restricted={s.restricted} conflictCount={s.conflictCount} />),
    },
  ];
}
