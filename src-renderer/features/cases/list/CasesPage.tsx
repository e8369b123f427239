import { Alert, Flex, Typography } from 'antd';
import { errorText } from '../../../app/errors';
import { useCasesUi } from '../cases-store';
import { CasesFilters } from './CasesFilters';
import { CasesTable } from './CasesTable';
import { useCaseWindow } from './useCaseWindow';
import { casesText } from '#shared/messages/zh-CN';

/** 事项: every matter this desk can see, filtered and sorted, in a virtual table that stays smooth at 100,000. */
export function CasesPage() {
  const filter = useCasesUi((s) => s.filter);
  const sort = useCasesUi((s) => s.sort);
  const { length, rowAt, total, error, ensure } = useCaseWindow(filter, sort);

  return (
    <Flex vertical gap={8} style={{ padding: '8px 12px 0' }}>
      <Flex align="baseline" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {casesText.listTitle}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="cases-total">
          {total === undefined ? '' : casesText.total(total)}
        </Typography.Text>
        <Typography.Text type="secondary">{casesText.keyboardHint}</Typography.Text>
      </Flex>
      <CasesFilters />
      {error !== undefined && <Alert type="error" showIcon title={errorText(error)} />}
      <CasesTable length={length} rowAt={rowAt} counted={total !== undefined} ensure={ensure} />
    </Flex>
  );
}
