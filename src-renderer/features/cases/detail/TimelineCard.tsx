import { useState } from 'react';
import { Button, Card, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { CaseDetail, EventSignatureFlag } from '#shared/contract/api';
import type { CaseEvent } from '#shared/domain/case-types';
import { useSession } from '../../../app/desk-context';
import { useOfficeName, useUserName } from '../../../app/directory';
import { formatInstant } from '../common/summary-columns';
import { describeEvent } from './describe-event';
import { ActNotice } from './ActNotice';
import { documentKind } from './act-documents';
import { actText, documentText, caseText, roleText } from '#shared/messages/zh-CN';

/** 签名无效 (red) or 未签名 for an act whose signature fails or is missing (design.md §5); nothing for a valid one. */
function SignatureTag({ flag }: { readonly flag: EventSignatureFlag | undefined }) {
  if (!flag) return null;
  return (
    <Tooltip title={caseText.signatureHint[flag]}>
      <Tag color={flag === 'invalid' ? 'red' : 'default'} data-signature={flag}>
        {caseText.signature[flag]}
      </Tag>
    </Tooltip>
  );
}

/**
 * 办理过程: every act in causal order, with who (office, person, role), when, and the article it rests on. An act
 * that comes with a written document (notices, opinions, forms; act-documents.ts) can print it here, for a matter
 * the user may read.
 */
export function TimelineCard({ detail }: { readonly detail: CaseDetail }) {
  const { events } = detail;
  const session = useSession();
  const [printing, setPrinting] = useState<CaseEvent>();
  const print = (event: CaseEvent) => {
    setPrinting(event);
    setTimeout(() => window.print(), 0); // after the notice is in the page
  };
  const officeName = useOfficeName();
  const userName = useUserName();
  const who = (id: string) => (id === session.user.id ? session.user.name : userName(id));
  return (
    <Card size="small" title={`${caseText.timeline}（${events.length}）`} data-testid="timeline">
      <Timeline
        items={events.map((e) => {
          const kind = detail.masked ? undefined : documentKind(e, events);
          return {
            key: e.id,
            color: e.type === 'reject' || e.type === 'close' ? 'gray' : 'blue',
            title: formatInstant(e.occurredAt),
            content: (
              <div data-event-type={e.type}>
                <Space size={6} wrap>
                  <Typography.Text strong>{actText[e.type]}</Typography.Text>
                  <Tag>{e.article}</Tag>
                  <Typography.Text type="secondary">
                    {caseText.actor(who(e.actor.userId), roleText[e.actor.role], officeName(e.actor.officeId))}
                  </Typography.Text>
                  <SignatureTag flag={detail.signatures[e.id]} />
                  {kind ? (
                    <Button size="small" type="link" onClick={() => print(e)}>
                      {documentText.print(documentText.title[kind])}
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
          };
        })}
      />
      {printing ? <ActNotice detail={detail} event={printing} /> : null}
    </Card>
  );
}
