import { memo, useMemo } from 'react';
import { Button, Checkbox, Input, Select, Space } from 'antd';
import { caseClasses, caseStatuses, channels } from '#shared/domain/codes';
import { defaultSort, useCasesUi, type CaseSort } from '../cases-store';
import { useDirectory } from '../../../app/directory';
import { channelText, classText, casesText, statusText } from '#shared/messages/zh-CN';

const f = casesText.filter;
const s = casesText.sort;

type SortKey = 'received-desc' | 'received-asc' | 'nextDue' | 'caseNumber';
const sorts: Record<SortKey, CaseSort> = {
  'received-desc': defaultSort,
  'received-asc': { field: 'receivedAt', direction: 'asc' },
  // Earliest due first: what needs doing next.
  nextDue: { field: 'nextDue', direction: 'asc' },
  caseNumber: { field: 'caseNumber', direction: 'asc' },
};
const sortLabels: Record<SortKey, string> = {
  'received-desc': s.receivedDesc,
  'received-asc': s.receivedAsc,
  nextDue: s.nextDue,
  caseNumber: s.caseNumber,
};
const sortKeyOf = (sort: CaseSort) =>
  (Object.keys(sorts) as SortKey[]).find(
    (k) => sorts[k].field === sort.field && sorts[k].direction === sort.direction,
  ) ?? 'received-desc';

const statusOptions = caseStatuses.map((v) => ({ value: v, label: statusText[v] }));
const classOptions = [
  ...caseClasses.map((v) => ({ value: v, label: classText[v] })),
  { value: 'unclassified' as const, label: casesText.unclassified },
];
const channelOptions = channels.map((v) => ({ value: v, label: channelText[v] }));

/**
 * The filter bar of the matter list; every change goes to the feature's UI store, which the list reads. Memoised:
 * the page renders again whenever a block of rows arrives, and five antd selects cost a scroll frame its budget.
 */
export const CasesFilters = memo(function CasesFilters() {
  const offices = useDirectory((st) => st.offices);
  const officeOptions = useMemo(() => offices.map((o) => ({ value: o.id, label: o.name })), [offices]);
  const filter = useCasesUi((st) => st.filter);
  const sort = useCasesUi((st) => st.sort);
  const setFilter = useCasesUi((st) => st.setFilter);
  const resetFilter = useCasesUi((st) => st.resetFilter);
  const setSort = useCasesUi((st) => st.setSort);
  const multi = {
    mode: 'multiple' as const,
    allowClear: true,
    maxTagCount: 'responsive' as const,
    size: 'small' as const,
  };

  return (
    <Space wrap size={[8, 6]} aria-label={casesText.listTitle}>
      <Input.Search
        size="small"
        allowClear
        placeholder={f.text}
        aria-label={f.text}
        style={{ width: 180 }}
        // Remounted when the filter is cleared, so "清除筛选" empties the box too.
        key={filter.text === undefined ? 'none' : 'some'}
        defaultValue={filter.text}
        onSearch={(text) => setFilter({ text: text.trim() || undefined })}
      />
      <Select
        {...multi}
        aria-label={f.status}
        placeholder={f.status}
        style={{ width: 150 }}
        options={statusOptions}
        value={filter.status ?? []}
        onChange={(v) => setFilter({ status: v.length ? v : undefined })}
      />
      <Select
        {...multi}
        aria-label={f.class}
        placeholder={f.class}
        style={{ width: 150 }}
        options={classOptions}
        value={filter.class ?? []}
        onChange={(v) => setFilter({ class: v.length ? v : undefined })}
      />
      <Select
        {...multi}
        aria-label={f.channel}
        placeholder={f.channel}
        style={{ width: 150 }}
        options={channelOptions}
        value={filter.channel ?? []}
        onChange={(v) => setFilter({ channel: v.length ? v : undefined })}
      />
      <Select
        size="small"
        allowClear
        aria-label={f.office}
        placeholder={f.office}
        style={{ width: 150 }}
        options={officeOptions}
        value={filter.officeId}
        onChange={(v?: string) => setFilter({ officeId: v })}
      />
      <Checkbox
        checked={filter.dueSoon === true}
        onChange={(e) => setFilter({ dueSoon: e.target.checked || undefined })}
      >
        {f.dueSoon}
      </Checkbox>
      <Checkbox
        checked={filter.overdue === true}
        onChange={(e) => setFilter({ overdue: e.target.checked || undefined })}
      >
        {f.overdue}
      </Checkbox>
      <Select
        size="small"
        aria-label={s.label}
        style={{ width: 160 }}
        value={sortKeyOf(sort)}
        options={(Object.keys(sorts) as SortKey[]).map((k) => ({ value: k, label: sortLabels[k] }))}
        onChange={(k: SortKey) => setSort(sorts[k])}
      />
      <Button size="small" onClick={resetFilter}>
        {f.reset}
      </Button>
    </Space>
  );
});
