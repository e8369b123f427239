import { Card, Table, Tag } from 'antd';
import type { Clock, ClockKind } from '#shared/domain/case-types';
import { clockState, petitionerWindows, type ClockState } from '#shared/domain/clocks';
import { useOfficeName } from '../../../app/directory';
import { DueTag } from '../common/DueTag';
import { clockStateByKind, clockText, caseText } from '#shared/messages/zh-CN';

const stateColor: Record<ClockState, string> = {
  running: 'blue',
  'due-soon': 'orange',
  overdue: 'red',
  met: 'green',
  'met-late': 'volcano',
  lapsed: 'default',
};

/** Kinds whose running out is no office's delay: the petitioner's windows, and the receiver's option to object (第二十三条第三款). */
const noDelay: readonly ClockKind[] = [...petitionerWindows, 'objection'];
const late = (k: Clock, state: ClockState) => state === 'met-late' && !noDelay.includes(k.kind);
const colorOf = (k: Clock, state: ClockState) =>
  state === 'met-late' && !late(k, state) ? 'default' : stateColor[state];

/** Whole days from `today` to `due` (both Beijing days, YYYY-MM-DD). */
function daysBetween(today: string, due: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

interface ClocksCardProps {
  readonly clocks: readonly Clock[];
  readonly today: string;
  readonly extensionDays: number;
}

/**
 * 办理期限: every clock of the matter with its due day and days left; overdue red, uncertain years marked. Each
 * state is worded by the clock's kind (已告知, 逾期办结, 期满未申请 …); a duty met late stays marked late. The
 * petitioner's own windows (第三十五条、第三十六条) are no office's duty, so they name no 责任机构.
 */
export function ClocksCard({ clocks, today, extensionDays }: ClocksCardProps) {
  const officeName = useOfficeName();
  return (
    <Card
      size="small"
      title={caseText.clocks}
      extra={extensionDays > 0 ? <Tag color="blue">{caseText.extension(extensionDays)}</Tag> : null}
      data-testid="clocks"
    >
      <Table<Clock>
        size="small"
        pagination={false}
        rowKey={(k) => `${k.kind}-${k.sourceEventId}`}
        dataSource={[...clocks]}
        locale={{ emptyText: caseText.noClocks }}
        columns={[
          { key: 'kind', title: caseText.clocks, render: (_, k) => `${clockText[k.kind]} · ${k.article}` },
          {
            key: 'due',
            title: caseText.clockDue,
            render: (_, k) => {
              const state = clockState(k, today);
              const running = k.stoppedDay === undefined;
              return (
                <DueTag
                  due={k.due}
                  overdue={state === 'overdue'}
                  late={late(k, state)}
                  dueSoon={state === 'due-soon'}
                  uncertain={k.uncertain}
                  daysLeft={running ? daysBetween(today, k.due) : undefined}
                />
              );
            },
          },
          {
            key: 'state',
            title: '',
            width: 100,
            render: (_, k) => (
              <Tag color={colorOf(k, clockState(k, today))}>{clockStateByKind[k.kind][clockState(k, today)]}</Tag>
            ),
          },
          {
            key: 'office',
            title: caseText.clockOffice,
            render: (_, k) => (k.officeId && !petitionerWindows.includes(k.kind) ? officeName(k.officeId) : null),
          },
        ]}
      />
    </Card>
  );
}
