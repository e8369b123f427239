import { DatePicker, Input, InputNumber, Select } from 'antd';
import type { ShownPetition } from '#shared/contract/api';
import type { CaseProjection, Clock } from '#shared/domain/case-types';
import { useDirectory, useUserName } from '../../../app/directory';
import { formatInstant } from '../common/summary-columns';
import { useSession } from '../../../app/desk-context';
import type { FieldInput } from './act-fields';
import { actText, caseText } from '#shared/messages/zh-CN';

interface ActFieldInputProps {
  readonly input: FieldInput;
  readonly id?: string;
  /** The matter's running 督办 clocks, for the feedback form. */
  readonly supervisions: readonly Clock[];
  /** The matter's acts waiting for approval, for the 审批 form. */
  readonly proposals?: CaseProjection['proposals'];
  /** The matter's 信访件, for 补充/更正 of a request, facts or reasons. */
  readonly petitions?: readonly ShownPetition[];
  /** antd's Form.Item passes value/onChange through. */
  readonly value?: unknown;
  readonly onChange?: (value: unknown) => void;
}

/** Search a picker by its label (the name) or its code, as typed. */
const byLabel = (typed: string, option?: { label?: unknown; code?: string }) =>
  String(option?.label ?? '').includes(typed) || (option?.code ?? '').startsWith(typed);

/** One field of an act form, by the kind of input the table in act-fields.ts asks for. */
export function ActFieldInput({
  input,
  id,
  supervisions,
  proposals = [],
  petitions = [],
  value,
  onChange,
}: ActFieldInputProps) {
  const common = { id, onChange };
  switch (input.kind) {
    case 'select':
    case 'yes-no':
      return (
        <Select
          {...common}
          value={value}
          allowClear
          options={Object.entries(input.options).map(([v, label]) => ({ value: v, label }))}
        />
      );
    case 'office':
      return <OfficePicker {...common} value={value} />;
    case 'offices':
      return <OfficePicker {...common} value={value} multiple />;
    case 'tags':
      return <Select {...common} value={value} mode="tags" open={false} suffixIcon={null} />;
    case 'proposal':
      return <ProposalPicker {...common} value={value} proposals={proposals} />;
    case 'petition':
      return (
        <Select
          {...common}
          value={value}
          allowClear
          options={petitions.map((p) => ({
            value: p.id,
            label: caseText.petitionOption(p.repeat ? caseText.repeat : caseText.first, formatInstant(p.receivedAt)),
          }))}
        />
      );
    case 'user':
      return <UserPicker {...common} value={value} />;
    case 'text':
      return (
        <Input
          {...common}
          value={typeof value === 'string' ? value : undefined}
          onChange={(e) => onChange?.(e.target.value)}
        />
      );
    case 'textarea':
      return (
        <Input.TextArea
          {...common}
          value={typeof value === 'string' ? value : undefined}
          onChange={(e) => onChange?.(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
        />
      );
    case 'number':
      // No max here: a 31 typed in must reach validation and be refused with the reason, not silently clamped.
      return (
        <InputNumber
          {...common}
          value={typeof value === 'number' ? value : undefined}
          min={1}
          precision={0}
          style={{ width: 160 }}
        />
      );
    case 'date':
      return <DatePicker {...common} value={value as never} style={{ width: 200 }} />; // the form holds the picker's own dayjs value
    case 'supervision':
      return (
        <Select
          {...common}
          value={value}
          notFoundContent={caseText.noSupervision}
          options={supervisions.map((k) => ({
            value: k.sourceEventId,
            label: caseText.supervisionOption(k.startDay, k.due),
          }))}
        />
      );
  }
}

/** 转送/交办 targets (第二十二条): every office the desk knows but the user's own, by name or code. */
function OfficePicker({
  value,
  multiple,
  ...rest
}: {
  readonly id?: string;
  readonly value?: unknown;
  readonly onChange?: (value: unknown) => void;
  readonly multiple?: boolean;
}) {
  const own = useSession().office.id;
  const offices = useDirectory((s) => s.offices);
  const options = offices.filter((o) => o.id !== own).map((o) => ({ value: o.id, label: o.name, code: o.code }));
  return (
    <Select
      {...rest}
      value={value}
      {...(multiple ? { mode: 'multiple' as const } : {})}
      showSearch={{ filterOption: byLabel }}
      allowClear
      options={options}
      placeholder={caseText.officeHint}
    />
  );
}

/** An act waiting for approval (审批, 第三十四条), named with who proposed it. */
function ProposalPicker({
  value,
  proposals,
  ...rest
}: {
  readonly id?: string;
  readonly value?: unknown;
  readonly onChange?: (value: unknown) => void;
  readonly proposals: CaseProjection['proposals'];
}) {
  const userName = useUserName();
  return (
    <Select
      {...rest}
      value={value}
      options={proposals.map((p) => ({
        value: p.eventId,
        label: caseText.proposalOption(actText[p.act], userName(p.userId)),
      }))}
    />
  );
}

/** A staff member of the user's office (回避, 第二十八条); disabled accounts are not offered. */
function UserPicker({
  value,
  ...rest
}: {
  readonly id?: string;
  readonly value?: unknown;
  readonly onChange?: (value: unknown) => void;
}) {
  const users = useDirectory((s) => s.users);
  const options = users.filter((u) => !u.disabled).map((u) => ({ value: u.id, label: u.name }));
  return <Select {...rest} value={value} showSearch={{ filterOption: byLabel }} allowClear options={options} />;
}
