import { Card, Table } from 'antd';
import { formatInstant } from '../matters/common/summary-columns';
import { petitionerText as t } from '#shared/messages/zh-CN';

interface HistoryRow {
  readonly key: string;
  readonly at: string;
  readonly field: string;
  readonly value: string;
}

const fieldLabels: Readonly<Record<string, string>> = {
  name: t.name,
  idType: t.idType,
  idNumber: t.idNumber,
  birthDate: t.birthDate,
  sex: t.sex,
  phone: t.phone,
  address: t.address,
  regionCode: t.region,
};

/**
 * Earlier contact data: each history entry is `{ at, <field>: <value before that change> … }` (the core keeps
 * it on every change, design.md §2), shown one replaced value per row, newest change first.
 */
export function ContactHistory({ history }: { readonly history: readonly Record<string, unknown>[] }) {
  const rows: HistoryRow[] = history
    .flatMap((entry, i) => {
      const at = typeof entry.at === 'string' ? entry.at : '';
      return Object.entries(entry)
        .filter(([field]) => field !== 'at' && field !== 'nameInitials')
        .map(([field, value]) => ({ key: `${i}-${field}`, at, field: fieldLabels[field] ?? field, value: value === undefined || value === '' ? t.unknown : String(value) }));
    })
    .reverse();
  return (
    <Card size="small" title={t.history} data-testid="contact-history">
      <Table<HistoryRow>
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t.noHistory }}
        columns={[
          { key: 'at', title: t.historyAt, width: 150, render: (_, r) => (r.at ? formatInstant(r.at) : t.unknown) },
          { key: 'field', title: t.historyField, width: 120, dataIndex: 'field' },
          { key: 'value', title: t.historyValue, dataIndex: 'value' },
        ]}
      />
    </Card>
  );
}
