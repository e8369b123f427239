import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input } from 'antd';
import { memo, useState } from 'react';
import type { PetitionerDoc } from '#shared/domain/documents';
import { useApi } from '../../app/useApi';
import { useDebounced } from '../../app/useDebounced';
import { messages } from '#shared/messages/zh-CN';

/**
 * Finds a known petitioner by 证件号码, phone, or name / pinyin initials (`petitioner-search` guesses which);
 * picking one fills the form. Typing nothing found just means a new petitioner: the fields below take it.
 */
export const PetitionerSearch = memo(function PetitionerSearch({ onPick }: { onPick(doc: PetitionerDoc): void }) {
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 250);
  const { data } = useApi('petitioner-search', query.length >= 2 ? { query, limit: 10 } : null, ['petitioners']);
  const found = query.length >= 2 ? (data ?? []) : [];
  const options = found.map((p) => ({
    value: p.id,
    label: [p.name || '—', p.idNumber, p.phone, p.address].filter(Boolean).join('　'),
  }));
  return (
    <AutoComplete
      className="intake-search"
      options={options}
      value={text}
      onChange={setText}
      onSelect={(id: string) => {
        const doc = found.find((p) => p.id === id);
        if (doc) onPick(doc);
        setText('');
      }}
      notFoundContent={query.length >= 2 ? messages.intake.searchEmpty : undefined}
    >
      <Input
        prefix={<SearchOutlined />}
        placeholder={messages.intake.searchPlaceholder}
        aria-label={messages.intake.searchPlaceholder}
        allowClear
      />
    </AutoComplete>
  );
});
