import { Space, Tag, Tooltip, Typography } from 'antd';
import { casesText } from '#shared/messages/zh-CN';

interface DueTagProps {
  readonly due: string;
  readonly overdue: boolean;
  /** The duty was met, but after its due day: it stays marked late (no act erases lateness). */
  readonly late?: boolean;
  readonly dueSoon: boolean;
  readonly uncertain: boolean;
  /** Days left, when the caller knows today (the matter page does; a list row has only the flags). */
  readonly daysLeft?: number;
}

/**
 * A due date, red when overdue or met late and orange when due soon, with a "?" when the calendar does not cover
 * its year.
 */
export function DueTag({ due, overdue, late = false, dueSoon, uncertain, daysLeft }: DueTagProps) {
  const type = overdue || late ? 'danger' : dueSoon ? 'warning' : undefined;
  return (
    <Space size={4} wrap={false}>
      <Typography.Text
        type={type}
        strong={overdue}
        data-due-state={overdue ? 'overdue' : late ? 'met-late' : dueSoon ? 'due-soon' : 'running'}
      >
        {due}
        {daysLeft === undefined ? '' : `（${casesText.daysLeft(daysLeft)}）`}
      </Typography.Text>
      {uncertain && (
        <Tooltip title={casesText.uncertainTip}>
          <Tag color="gold" style={{ marginInlineEnd: 0, cursor: 'help' }} aria-label={casesText.uncertainTip}>
            {casesText.uncertain}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
