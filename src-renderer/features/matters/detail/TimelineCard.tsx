import { Card, Space, Tag, Timeline, Typography } from 'antd';
import type { CaseEvent } from '#shared/domain/case-types';
import { useSession } from '../../../app/desk-context';
import { actText, matterText, roleText } from '../messages';
import { officeName } from '../offices';
import { formatInstant } from '../common/summary-columns';
import { describeEvent } from './describe-event';

/** 办理过程: every act in causal order, with who (office, person, role), when, and the article it rests on. */
export function TimelineCard({ events }: { readonly events: readonly CaseEvent[] }) {
  const session = useSession();
  // The contract has no user lookup yet: the signed-in user is named, others are shown by account id.
  const who = (e: CaseEvent) => (e.actor.userId === session.user.id ? session.user.name : e.actor.userId.replace(/^user-/, ''));
  return (
    <Card size="small" title={`${matterText.timeline}（${events.length}）`} data-testid="timeline">
      <Timeline
        items={events.map((e) => ({
          key: e.id,
          color: e.type === 'reject' || e.type === 'close' ? 'gray' : 'blue',
          title: formatInstant(e.occurredAt),
          content: (
            <div data-event-type={e.type}>
              <Space size={6} wrap>
                <Typography.Text strong>{actText[e.type]}</Typography.Text>
                <Tag>{e.article}</Tag>
                <Typography.Text type="secondary">{matterText.actor(who(e), roleText[e.actor.role], officeName(e.actor.officeId))}</Typography.Text>
              </Space>
              {describeEvent(e).map(([label, value], i) => (
                <div key={i}>
                  <Typography.Text type="secondary">{label ? `${label}：` : ''}</Typography.Text>
                  <Typography.Text>{value}</Typography.Text>
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
