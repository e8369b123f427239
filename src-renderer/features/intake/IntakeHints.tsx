import { Alert, Space, Tag } from 'antd';
import type { MissingItem } from '#shared/domain/registration';
import { missingText } from '#shared/messages/zh-CN';
import { messages } from '../../app/messages';
import type { Draft } from './draft';

/**
 * Routing at registration (domain-rules.md "Registration" item 6): 涉法涉诉 → 政法部门, 检举控告 → 纪检监察,
 * and the items 第十九条 expects that are still missing (saving is allowed without them).
 */
export function IntakeHints({ draft, missing, valid }: { draft: Draft; missing: readonly MissingItem[]; valid: boolean }) {
  const routes = [
    draft.flags.includes('litigation') ? messages.routing.litigation : undefined,
    draft.class === 'accusation' ? messages.routing.accusation : undefined,
    draft.flags.includes('urgent') ? messages.routing.urgent : undefined,
  ].filter((r) => r !== undefined);
  return (
    <Space orientation="vertical" size={4} className="intake-hints">
      {routes.map((r) => (
        <Alert key={r} type="info" showIcon title={r} />
      ))}
      {valid ? (
        <div data-testid="intake-missing" className="intake-missing">
          {missing.length > 0 ? (
            <>
              {messages.intake.missing}
              {missing.map((m) => (
                <Tag key={m} color="gold">
                  {missingText[m]}
                </Tag>
              ))}
            </>
          ) : (
            <Tag color="green">{messages.intake.complete}</Tag>
          )}
        </div>
      ) : null}
    </Space>
  );
}
