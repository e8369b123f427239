import { Card, Table, Tag } from 'antd';
import type { Clock } from '#shared/domain/case-types';
import { clockState, type ClockState } from '#shared/domain/clocks';
import { useOfficeName } from '../../../app/directory';
import { DueTag } from '../common/DueTag';
import { clockStateText, clockText, matterText } from '#shared/messages/zh-CN';

const stateColor: Record<ClockState, string> = { running: 'blue', 'due-soon': 'orange', overdue: 'red', met: 'green', 'met-late': 'volcano', lapsed: 'default' };

/** Whole days from `today` to `due` (both Beijing days, YYYY-MM-DD). */
function daysBetween(today: string, due: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

interface ClocksCardProps {
  readonly clocks: readonly Clock[];
  readonly today: string;
  readonly extensionDays: number;
}

/** 办理期限: every clock of the matter with its due day and days left; overdue red, uncertain years marked. */
export function ClocksCard({ clocks, today, extensionDays }: ClocksCardProps) {
  const officeName = useOfficeName();
  return (
    <Card size="small" title={matterText.clocks} extra={extensionDays > 0 ? <Tag color="blue">{matterText.extension(extensionDays)}</Tag> : null} data-testid="clocks">
      <Table<Clock>
        size="small"
        pagination={false}
        rowKey={(k) => `${k.kind}-${k.sourceEventId}`}
        dataSource={[...clocks]}
        locale={{ emptyText: matterText.noClocks }}
        columns={[
          { key: 'kind', title: matterText.clocks, render: (_, k) => `${clockText[k.kind]} · ${k.article}` },
          {
            key: 'due',
            title: matterText.clockDue,
            render: (_, k) => {
              const state = clockState(k, today);
              const running = k.stoppedDay === undefined;
              return <DueTag due={k.due} overdue={state === 'overdue'} dueSoon={state === 'due-soon'} uncertain={k.uncertain} daysLeft={running ? daysBetween(today, k.due) : undefined} />;
            },
          },
          { key: 'state', title: '', width: 90, render: (_, k) => <Tag color={stateColor[clockState(k, today)]}>{clockStateText[clockState(k, today)]}</Tag> },
          { key: 'office', title: matterText.clockOffice, render: (_, k) => (k.officeId ? officeName(k.officeId) : matterText.petitionerWindow) },
        ]}
      />
    </Card>
  );
}
