import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Spin, Table, Typography } from 'antd';
import type { CaseSummary } from '#shared/contract/api';
import { useApi } from '../../app/useApi';
import { errorText } from '../../app/errors';
import { useNav } from '../../app/nav-store';
import { summaryColumns } from '../cases/common/summary-columns';
import { PetitionsCard } from '../cases/detail/PetitionsCard';
import { ContactHistory } from './ContactHistory';
import { PetitionerEditForm } from './PetitionerEditForm';
import { casesText, caseText, petitionerText as t } from '#shared/messages/zh-CN';

const columns = summaryColumns<CaseSummary>((s) => s);

/**
 * 信访人: contact data with its earlier values, every matter (click opens it) and every petition. 编辑 corrects the
 * contact data (第十九条); `edit` opens that form at once (from the intake's list of missing items).
 */
export function PetitionerPage({ id, edit = false }: { id: string; edit?: boolean }) {
  const { data, error } = useApi('petitioner-get', { id }, ['petitioners', 'petitions', 'cases', 'session']);
  const go = useNav((s) => s.go);
  const { message } = App.useApp();
  const [editing, setEditing] = useState(edit);
  const back = (
    <Button size="small" onClick={() => go({ name: 'cases' })}>
      {caseText.back}
    </Button>
  );
  if (!data) {
    return (
      <Flex vertical gap={8} style={{ padding: 12 }}>
        {back}
        {error === undefined ? (
          <Spin description={t.loading} />
        ) : (
          <Alert type="error" showIcon title={errorText(error)} />
        )}
      </Flex>
    );
  }
  const p = data.petitioner;
  const none = t.unknown;
  return (
    <Flex vertical gap={8} style={{ padding: '8px 12px 12px' }} data-testid="petitioner-page">
      <Flex align="center" gap={8}>
        {back}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.title} · {p.name || none}
        </Typography.Title>
      </Flex>
      <Card
        size="small"
        title={t.contact}
        extra={
          data.masked ? null : (
            <Button size="small" onClick={() => setEditing(true)}>
              {t.edit}
            </Button>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'kind', label: t.kindLabel, children: t.kind[p.kind] },
            { key: 'idNumber', label: t.idNumber, children: p.idNumber || none },
            { key: 'birth', label: t.birthDate, children: p.birthDate ?? none },
            { key: 'sex', label: t.sex, children: p.sex ? t.sexText[p.sex] : none },
            { key: 'phone', label: t.phone, children: p.phone || none },
            { key: 'address', label: t.address, children: p.address ?? none },
            { key: 'region', label: t.region, children: p.regionCode ?? none },
          ]}
        />
      </Card>
      {editing && !data.masked ? (
        <PetitionerEditForm
          petitioner={p}
          onClose={(saved) => {
            setEditing(false);
            if (saved) void message.success(t.saved);
          }}
        />
      ) : null}
      <ContactHistory history={p.history} />
      <Card size="small" title={`${t.cases}（${data.cases.length}）`}>
        <Table<CaseSummary>
          size="small"
          pagination={false}
          rowKey="id"
          columns={columns}
          dataSource={[...data.cases]}
          locale={{ emptyText: casesText.empty }}
          onRow={(row) => ({ onClick: () => go({ name: 'case', id: row.id }), style: { cursor: 'pointer' } })}
        />
      </Card>
      {data.petitions.length === 0 ? (
        <Typography.Text type="secondary">{t.noPetitions}</Typography.Text>
      ) : (
        <PetitionsCard petitions={data.petitions} />
      )}
    </Flex>
  );
}
