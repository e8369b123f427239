import { Alert, Flex, Typography } from 'antd';
import { errorText } from '../../../app/errors';
import { useMattersUi } from '../matters-store';
import { MattersFilters } from './MattersFilters';
import { MattersTable } from './MattersTable';
import { useCaseWindow } from './useCaseWindow';
import { mattersText } from '#shared/messages/zh-CN';

/** 事项: every matter this desk can see, filtered and sorted, in a virtual table that stays smooth at 100,000. */
export function MattersPage() {
  const filter = useMattersUi((s) => s.filter);
  const sort = useMattersUi((s) => s.sort);
  const { length, rowAt, total, error, ensure } = useCaseWindow(filter, sort);

  return (
    <Flex vertical gap={8} style={{ padding: '8px 12px 0' }}>
      <Flex align="baseline" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {mattersText.listTitle}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="matters-total">
          {total === undefined ? '' : mattersText.total(total)}
        </Typography.Text>
        <Typography.Text type="secondary">{mattersText.keyboardHint}</Typography.Text>
      </Flex>
      <MattersFilters />
      {error !== undefined && <Alert type="error" showIcon title={errorText(error)} />}
      <MattersTable length={length} rowAt={rowAt} counted={total !== undefined} ensure={ensure} />
    </Flex>
  );
}
