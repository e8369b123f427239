import { Card, Descriptions, Space, Tag } from 'antd';
import type { PetitionDoc } from '#shared/domain/documents';
import { formatInstant } from '../common/summary-columns';
import { channelText, flagText, matterText, petitionerText } from '#shared/messages/zh-CN';

/** 信访件: the first petition and every 重件, with request, facts and reasons (absent when masked). */
export function PetitionsCard({ petitions }: { readonly petitions: readonly PetitionDoc[] }) {
  const sorted = [...petitions].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const none = petitionerText.unknown;
  return (
    <Card size="small" title={`${matterText.petitions}（${petitions.length}）`} data-testid="petitions">
      {sorted.map((x) => (
        <Descriptions
          key={x.id}
          size="small"
          column={1}
          style={{ marginBottom: 8 }}
          title={
            <Space size={4} wrap>
              <Tag color={x.repeat ? 'orange' : 'blue'}>{x.repeat ? matterText.repeat : matterText.first}</Tag>
              {formatInstant(x.receivedAt)} · {channelText[x.channel]} · {matterText.headcount(x.headcount)}
              {x.flags.map((f) => (
                <Tag key={f}>{flagText[f]}</Tag>
              ))}
            </Space>
          }
          items={[
            { key: 'request', label: matterText.request, children: x.request ?? none },
            { key: 'facts', label: matterText.facts, children: x.facts ?? none },
            { key: 'reasons', label: matterText.reasons, children: x.reasons ?? none },
          ]}
        />
      ))}
    </Card>
  );
}
