import { Alert, Space, Tag } from 'antd';
import { memo } from 'react';
import { routingHints, type MissingItem } from '#shared/domain/registration';
import { messages, missingText } from '#shared/messages/zh-CN';
import { disciplineCategory } from './draft';
import { useDraftStore } from './draft-store';

interface Props {
  readonly missing: readonly MissingItem[];
  readonly valid: boolean;
}

/**
 * Routing at registration (domain-rules.md "Registration" item 6, `routingHints`): 涉法涉诉 met with 释法明理 and
 * guided to the statutory routes, 检举控告 → 纪检监察 (and a matter filed under 纪检监察 is to be classified
 * 检举控告), urgent matters reported; and the items 第十九条 expects that are still missing (saving is allowed
 * without them). Renders again only when one of these changes: `missing` is a fresh array after every keystroke,
 * so it is compared item by item.
 */
export const IntakeHints = memo(
  function IntakeHints({ missing, valid }: Props) {
    const channel = useDraftStore((s) => s.draft.channel);
    const caseClass = useDraftStore((s) => s.draft.class);
    const flags = useDraftStore((s) => s.draft.flags);
    // Filed under 纪检监察 but not (yet) a 检举控告: only a restricted matter is kept from the accused (第三十条第三款).
    const discipline = useDraftStore((s) => s.draft.class !== 'accusation' && disciplineCategory(s.draft));
    const routes = [
      ...routingHints({ flags, ...(channel ? { channel } : {}), ...(caseClass ? { class: caseClass } : {}) }).map(
        (hint) => messages.routing[hint],
      ),
      ...(discipline ? [messages.routing.discipline] : []),
    ];
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
  },
  (a, b) => a.valid === b.valid && a.missing.join() === b.missing.join(),
);
