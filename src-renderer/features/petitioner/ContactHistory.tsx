import { Card, Table } from 'antd';
import { formatInstant } from '../cases/common/summary-columns';
import { messages, petitionerText as t } from '#shared/messages/zh-CN';

interface HistoryRow {
  readonly key: string;
  readonly at: string;
  readonly field: string;
  readonly value: string;
  readonly by: string;
  readonly reason: string;
}

/** Keys of a history entry that say when, who and why, not a replaced value. */
const entryKeys = new Set(['at', 'by', 'byName', 'reason', 'conflict', 'nameInitials']);
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const idTypeLabels: Readonly<Record<string, string>> = { ...messages.intake.idTypes, none: t.noIdType };
const sexLabels: Readonly<Record<string, string>> = t.sexText;

/** A replaced value as the page shows it: codes in words, unknown as a dash. */
function shown(field: string, value: unknown): string {
  if (value === undefined || value === '') return t.unknown;
  const raw = String(value);
  if (field === 'idType') return idTypeLabels[raw] ?? raw;
  if (field === 'sex') return sexLabels[raw] ?? raw;
  return raw;
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
 * it on every change, design.md §2), with `by`/`byName` and `reason` for a correction (第十九条) and `conflict`
 * for the version a sync merge set aside; shown one replaced value per row, newest change first.
 */
export function ContactHistory({ history }: { readonly history: readonly Record<string, unknown>[] }) {
  const rows: HistoryRow[] = history
    .flatMap((entry, i) => {
      const at = text(entry.at);
      const by = text(entry.byName) || text(entry.by);
      const reason = entry.conflict === true ? t.mergedReason : text(entry.reason);
      return Object.entries(entry)
        .filter(([field]) => !entryKeys.has(field))
        .map(([field, value]) => ({
          key: `${i}-${field}`,
          at,
          field: fieldLabels[field] ?? field,
          value: shown(field, value),
          by,
          reason,
        }));
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
          { key: 'by', title: t.historyBy, width: 120, render: (_, r) => r.by || t.unknown },
          { key: 'reason', title: t.historyReason, render: (_, r) => r.reason || t.unknown },
        ]}
      />
    </Card>
  );
}
