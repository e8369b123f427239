import { AutoComplete, DatePicker, Input, InputNumber, Select } from 'antd';
import type { Clock } from '#shared/domain/case-types';
import { matterText } from '../messages';
import { knownOffices } from '../offices';
import type { FieldInput } from './act-fields';

interface ActFieldInputProps {
  readonly input: FieldInput;
  readonly id?: string;
  /** The matter's running 督办 clocks, for the feedback form. */
  readonly supervisions: readonly Clock[];
  /** antd's Form.Item passes value/onChange through. */
  readonly value?: unknown;
  readonly onChange?: (value: unknown) => void;
}

const officeOptions = knownOffices.map((o) => ({ value: o.id, label: `${o.name}（${o.id}）` }));

/** One field of an act form, by the kind of input the table in act-fields.ts asks for. */
export function ActFieldInput({ input, id, supervisions, value, onChange }: ActFieldInputProps) {
  const common = { id, onChange };
  switch (input.kind) {
    case 'select':
    case 'yes-no':
      return <Select {...common} value={value} allowClear options={Object.entries(input.options).map(([v, label]) => ({ value: v, label }))} />;
    case 'text':
    case 'user':
      return <Input {...common} value={typeof value === 'string' ? value : undefined} onChange={(e) => onChange?.(e.target.value)} />;
    case 'textarea':
      return <Input.TextArea {...common} value={typeof value === 'string' ? value : undefined} onChange={(e) => onChange?.(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} />;
    case 'number':
      // No max here: a 31 typed in must reach validation and be refused with the reason, not silently clamped.
      return <InputNumber {...common} value={typeof value === 'number' ? value : undefined} min={1} precision={0} style={{ width: 160 }} />;
    case 'date':
      return <DatePicker {...common} value={value as never} style={{ width: 200 }} />; // the form holds the picker's own dayjs value
    case 'office':
      return (
        <AutoComplete
          {...common}
          value={typeof value === 'string' ? value : undefined}
          options={officeOptions}
          placeholder={matterText.officeHint}
          filterOption={(typed, option) => String(option?.label ?? '').includes(typed) || String(option?.value ?? '').includes(typed)}
        />
      );
    case 'supervision':
      return (
        <Select
          {...common}
          value={value}
          notFoundContent={matterText.noSupervision}
          options={supervisions.map((k) => ({ value: k.sourceEventId, label: matterText.supervisionOption(k.startDay, k.due) }))}
        />
      );
  }
}
