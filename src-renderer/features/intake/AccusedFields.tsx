import { Col, Form, Row, Select } from 'antd';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ReasonCode } from '#shared/domain/reasons';
import { caseText, messages, reasonText } from '#shared/messages/zh-CN';
import { useDirectory } from '../../app/directory';
import { accusedShown } from './draft';
import { useDraftStore } from './draft-store';

const t = messages.intake;
/** As many as the registration takes (act-payloads.ts `classification`). */
const MAX_ACCUSED = 20;

/** Search the offices by name, or by code from its start, as typed. */
const byNameOrCode = (typed: string, option?: { label?: unknown; code?: string }) =>
  String(option?.label ?? '').includes(typed) || (option?.code ?? '').startsWith(typed);

/**
 * 被检举/被控告单位 and 人员 (第三十条第三款), asked for a 检举控告 or a matter filed under 纪检监察 (`accusedShown`).
 * The offices come from the directory, the desk's own included: a township may be the one accused, and what it
 * registers must then never come back to it. The persons are free text, one tag each.
 */
export const AccusedFields = memo(function AccusedFields({ problem }: { problem: ReasonCode | undefined }) {
  const update = useDraftStore((s) => s.update);
  const draft = useDraftStore(
    useShallow((s) => ({
      class: s.draft.class,
      contentCategory: s.draft.contentCategory,
      offices: s.draft.accusedOfficeIds,
      persons: s.draft.accusedPersons,
    })),
  );
  const offices = useDirectory((s) => s.offices);
  if (!accusedShown(draft)) return null;
  const options = offices.map((o) => ({ value: o.id, label: o.name, code: o.code }));
  return (
    <Row gutter={8} className="intake-accused">
      <Col span={12}>
        <Form.Item label={t.accusedOffices} htmlFor="intake-accused-offices" tooltip={t.accusedNote}>
          <Select
            id="intake-accused-offices"
            mode="multiple"
            allowClear
            maxCount={MAX_ACCUSED}
            value={[...draft.offices]}
            options={options}
            showSearch={{ filterOption: byNameOrCode }}
            placeholder={caseText.officeHint}
            onChange={(ids: string[]) => update({ accusedOfficeIds: ids })}
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          label={t.accusedPersons}
          htmlFor="intake-accused-persons"
          validateStatus={problem ? 'error' : undefined}
          help={problem ? reasonText[problem] : undefined}
        >
          <Select
            id="intake-accused-persons"
            mode="tags"
            open={false}
            suffixIcon={null}
            maxCount={MAX_ACCUSED}
            value={[...draft.persons]}
            placeholder={t.accusedPersonsHint}
            onChange={(persons: string[]) => update({ accusedPersons: persons })}
          />
        </Form.Item>
      </Col>
    </Row>
  );
});
