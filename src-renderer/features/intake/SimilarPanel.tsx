import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { memo } from 'react';
import dayjs from 'dayjs';
import type { SimilarCase } from '#shared/contract/api';
import { channelText, messages, statusText } from '#shared/messages/zh-CN';
import { useDebounced } from '../../app/useDebounced';
import type { LinkTarget } from './draft';
import { useDraftStore } from './draft-store';
import { FinalCaseWarning } from './FinalCaseWarning';
import { similarQuery, useSimilar } from './useSimilar';

const t = messages.similar;

/**
 * The side panel: earlier matters of this petitioner and similar matters, each one click from being linked as 重件.
 * Selects only its question and the link from the draft, so typing a field that asks nothing new leaves it be.
 */
export const SimilarPanel = memo(function SimilarPanel() {
  // Asked once typing has paused; until then only this small component renders per keystroke.
  const query = useDebounced(
    useDraftStore((s) => similarQuery(s.draft)),
    400,
  );
  return <SimilarResults query={query} />;
});

const SimilarResults = memo(function SimilarResults({ query }: { query: string }) {
  const similar = useSimilar(query);
  const linked = useDraftStore((s) => s.draft.link?.caseId);
  const update = useDraftStore((s) => s.update);
  const link = (target: LinkTarget | undefined) => update({ link: target });
  const none = similar.samePetitioner.length === 0 && similar.similarContent.length === 0;
  return (
    <Card size="small" title={t.title} className="intake-similar">
      <FinalCaseWarning cases={similar.samePetitioner.filter((s) => s.closedByReReview)} />
      {!similar.asked ? <Typography.Text type="secondary">{t.hint}</Typography.Text> : null}
      {similar.asked && none ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.none} /> : null}
      <Group title={t.samePetitioner} items={similar.samePetitioner} linked={linked} onLink={link} />
      <Group title={t.similarContent} items={similar.similarContent} linked={linked} onLink={link} />
    </Card>
  );
});

interface GroupProps {
  readonly title: string;
  readonly items: readonly SimilarCase[];
  readonly linked: string | undefined;
  onLink(target: LinkTarget | undefined): void;
}

function Group({ title, items, linked, onLink }: GroupProps) {
  if (items.length === 0) return null;
  return (
    <List
      size="small"
      header={<strong>{title}</strong>}
      dataSource={[...items]}
      rowKey={(s) => s.caseId}
      renderItem={(s) => {
        const { summary } = s;
        const isLinked = linked === s.caseId;
        return (
          <List.Item
            actions={[
              <Button
                key="link"
                size="small"
                type={isLinked ? 'primary' : 'default'}
                onClick={() =>
                  onLink(
                    isLinked ? undefined : { caseId: s.caseId, caseNumber: summary.caseNumber, title: summary.title },
                  )
                }
              >
                {isLinked ? t.linked : t.link}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={<span className="intake-similar-title">{summary.title}</span>}
              description={
                <Space size={4} wrap>
                  <span>{summary.caseNumber}</span>
                  <span>{dayjs(summary.receivedAt).format('YYYY-MM-DD')}</span>
                  <Tag>{channelText[summary.channel]}</Tag>
                  <Tag color="blue">{statusText[summary.status]}</Tag>
                  {s.samePetitioner ? <Tag color="orange">{t.match[s.samePetitioner]}</Tag> : null}
                  {s.similarity > 0 ? <Tag>{t.similarity(Math.round(s.similarity * 100))}</Tag> : null}
                </Space>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
