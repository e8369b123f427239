import { Button, Card, Space, Typography } from 'antd';
import type { ActType } from '#shared/domain/act-payloads';
import { useCasesUi } from '../cases-store';
import { isFormAct } from '../acts/act-fields';
import { actText, caseText } from '#shared/messages/zh-CN';

/**
 * Exactly the acts the core allows this user now (`detail.allowedActs`: status, office and role decide, e.g. 延期
 * only for a 负责人). 重件关联 is left out: a repeat is linked while registering it (intake), not from here. An act
 * this user records as 报批 for a 负责人 to approve (`detail.proposedActs`, 第三十四条) says so, e.g. 终结（报批）.
 */
export function ActButtons({
  acts,
  proposed = [],
}: {
  readonly acts: readonly ActType[];
  readonly proposed?: readonly ActType[];
}) {
  const setOpenAct = useCasesUi((s) => s.setOpenAct);
  const shown = acts.filter(isFormAct);
  return (
    <Card size="small" title={caseText.acts} data-testid="acts">
      {shown.length === 0 ? (
        <Typography.Text type="secondary">{caseText.noActs}</Typography.Text>
      ) : (
        <Space wrap size={[6, 6]}>
          {shown.map((type, i) => (
            <Button
              key={type}
              size="small"
              type={i === 0 ? 'primary' : 'default'}
              onClick={() => setOpenAct(type)}
              data-act={type}
            >
              {proposed.includes(type) ? caseText.proposedAct(actText[type]) : actText[type]}
            </Button>
          ))}
        </Space>
      )}
    </Card>
  );
}
