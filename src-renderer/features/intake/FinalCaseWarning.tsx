import { Alert, Button, Flex, Typography } from 'antd';
import type { SimilarCase } from '#shared/contract/api';
import { messages } from '#shared/messages/zh-CN';
import { useNav } from '../../app/nav-store';

const t = messages.similar;

/**
 * 第三十六条第三款: this petitioner has a matter whose 复核 is final, so the same facts and reasons are 不再受理.
 * Each such matter is named (number, title) and one click from being opened; registering stays allowed
 * (第十九条: every receipt is registered, 第四十四条第一项).
 */
export function FinalCaseWarning({ cases }: { readonly cases: readonly SimilarCase[] }) {
  const go = useNav((s) => s.go);
  if (cases.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="intake-final"
      data-testid="intake-final-warning"
      title={
        <Flex vertical gap={4}>
          {cases.map(({ caseId, summary }) => (
            <Flex key={caseId} vertical align="start">
              <Typography.Text>{t.finalWarning(summary.caseNumber, summary.title)}</Typography.Text>
              <Button
                type="link"
                size="small"
                style={{ paddingInline: 0 }}
                onClick={() => go({ name: 'case', id: caseId })}
              >
                {t.openCase}
              </Button>
            </Flex>
          ))}
        </Flex>
      }
      description={t.finalStillRegister}
    />
  );
}
