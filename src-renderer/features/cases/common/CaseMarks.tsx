import { Badge, Space, Tag, Tooltip } from 'antd';
import type { PetitionFlag } from '#shared/domain/codes';
import { flagText, casesText } from '#shared/messages/zh-CN';

interface CaseMarksProps {
  readonly flags: readonly PetitionFlag[];
  readonly restricted: boolean;
  readonly conflictCount: number;
}

/** The marks a matter carries: 限阅 (检举控告, 第三十条), conflicts waiting for a person, and the petition flags. */
export function CaseMarks({ flags, restricted, conflictCount }: CaseMarksProps) {
  return (
    <Space size={2} wrap={false}>
      {conflictCount > 0 && (
        <Tooltip title={casesText.conflict(conflictCount)}>
          <Badge count={conflictCount} size="small" data-conflicts={conflictCount} />
        </Tooltip>
      )}
      {restricted && <Tag color="purple">{casesText.restricted}</Tag>}
      {flags.map((f) => (
        <Tag key={f} color={f === 'urgent' || f === 'threat' ? 'red' : undefined}>
          {flagText[f]}
        </Tag>
      ))}
    </Space>
  );
}
