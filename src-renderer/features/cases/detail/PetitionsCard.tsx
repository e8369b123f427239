import type { ReactNode } from 'react';
import { Card, Descriptions, Space, Tag } from 'antd';
import type { ShownPetition } from '#shared/contract/api';
import { formatInstant } from '../common/summary-columns';
import { channelText, flagText, caseText, petitionerText } from '#shared/messages/zh-CN';

/**
 * 信访件: the first petition and every 重件, with request, facts and reasons (absent when masked), as 补充/更正 left
 * them and marked so (第十九条; what was registered stays in the timeline).
 */
export function PetitionsCard({ petitions }: { readonly petitions: readonly ShownPetition[] }) {
  const sorted = [...petitions].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const none = petitionerText.unknown;
  const shown = (x: ShownPetition, field: 'request' | 'facts' | 'reasons'): ReactNode => {
    const change = x.amended?.[field];
    return (
      <>
        {x[field] ?? none}
        {change ? (
          <Tag color="orange" style={{ marginInlineStart: 8 }} data-amended={field}>
            {caseText.amended[change]}
          </Tag>
        ) : null}
      </>
    );
  };
  return (
    <Card size="small" title={`${caseText.petitions}（${petitions.length}）`} data-testid="petitions">
      {sorted.map((x) => (
        <Descriptions
          key={x.id}
          size="small"
          column={1}
          style={{ marginBottom: 8 }}
          title={
            <Space size={4} wrap>
              <Tag color={x.repeat ? 'orange' : 'blue'}>{x.repeat ? caseText.repeat : caseText.first}</Tag>
              {formatInstant(x.receivedAt)} · {channelText[x.channel]} · {caseText.headcount(x.headcount)}
              {x.flags.map((f) => (
                <Tag key={f}>{flagText[f]}</Tag>
              ))}
            </Space>
          }
          items={[
            { key: 'request', label: caseText.request, children: shown(x, 'request') },
            { key: 'facts', label: caseText.facts, children: shown(x, 'facts') },
            { key: 'reasons', label: caseText.reasons, children: shown(x, 'reasons') },
          ]}
        />
      ))}
    </Card>
  );
}
