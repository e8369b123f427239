import { useState } from 'react';
import { Button, Card, Space, Tag, Timeline, Typography } from 'antd';
import type { CaseDetail } from '#shared/contract/api';
import { approvedEvent } from '#shared/domain/acts';
import type { CaseEvent } from '#shared/domain/case-types';
import { useSession } from '../../../app/desk-context';
import { useOfficeName, useUserName } from '../../../app/directory';
import { formatInstant } from '../common/summary-columns';
import { describeEvent } from './describe-event';
import { ActNotice, hasNotice, type NoticeEvent } from './ActNotice';
import { actText, matterText, roleText } from '#shared/messages/zh-CN';

/** An approved 报批 takes effect as the act it proposed, at the approval (第三十四条): its notice prints from there. */
function inEffect(e: CaseEvent, events: readonly CaseEvent[]): CaseEvent {
  if (e.type !== 'approve' || !e.payload.approved) return e;
  const proposal = events.find((p) => p.id === e.payload.proposalEventId);
  if (proposal?.type !== 'propose') return e;
  return approvedEvent(e, { eventId: proposal.id, act: proposal.payload.act, payload: proposal.payload.payload, userId: proposal.actor.userId });
}

/**
 * 办理过程: every act in causal order, with who (office, person, role), when, and the article it rests on. An act
 * that comes with a written notice (受理, 不予受理, 告知, 延期) can print it here, for a matter the user may read.
 */
export function TimelineCard({ detail }: { readonly detail: CaseDetail }) {
  const { events } = detail;
  const session = useSession();
  const [printing, setPrinting] = useState<NoticeEvent>();
  const print = (event: NoticeEvent) => {
    setPrinting(event);
    setTimeout(() => window.print(), 0); // after the notice is in the page
  };
  const officeName = useOfficeName();
  const userName = useUserName();
  const who = (id: string) => (id === session.user.id ? session.user.name : userName(id));
  return (
    <Card size="small" title={`${matterText.timeline}（${events.length}）`} data-testid="timeline">
      <Timeline
        items={events.map((e) => ({ e, effect: inEffect(e, events) })).map(({ e, effect }) => ({
          key: e.id,
          color: effect.type === 'reject' || effect.type === 'close' ? 'gray' : 'blue',
          title: formatInstant(e.occurredAt),
          content: (
            <div data-event-type={e.type}>
              <Space size={6} wrap>
                <Typography.Text strong>{actText[e.type]}</Typography.Text>
                <Tag>{e.article}</Tag>
                <Typography.Text type="secondary">{matterText.actor(who(e.actor.userId), roleText[e.actor.role], officeName(e.actor.officeId))}</Typography.Text>
                {hasNotice(effect) && !detail.masked ? (
                  <Button size="small" type="link" onClick={() => print(effect)}>
                    {matterText.printNotice}
                  </Button>
                ) : null}
              </Space>
              {describeEvent(e, officeName, { events, userName: who }).map(([label, value], i) => (
                <div key={i}>
                  <Typography.Text type="secondary">{label ? `${label}：` : ''}</Typography.Text>
                  <Typography.Text>{value}</Typography.Text>
                </div>
              ))}
            </div>
          ),
        }))}
      />
      {printing ? <ActNotice detail={detail} event={printing} /> : null}
    </Card>
  );
}
