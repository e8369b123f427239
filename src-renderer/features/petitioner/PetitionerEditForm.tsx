import { useState } from 'react';
import { Alert, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { ApiError } from '#shared/contract/errors';
import { beijingDay } from '#shared/domain/calendar';
import { idTypes } from '#shared/domain/codes';
import type { PetitionerDoc } from '#shared/domain/documents';
import { editPetitioner, petitionerChanges, type PetitionerChanges } from '#shared/domain/petitioner-edit';
import { apiErrorText, messages, petitionerText as t, reasonText } from '#shared/messages/zh-CN';
import { useDesk } from '../../app/desk-context';
import { errorText } from '../../app/errors';

type Field = keyof PetitionerChanges;
type Values = Record<Field | 'reason', string>;

const idTypeOptions = [
  { value: 'none', label: t.noIdType },
  ...idTypes.map((v) => ({ value: v, label: messages.intake.idTypes[v] })),
];

function valuesOf(p: PetitionerDoc): Values {
  return {
    name: p.name,
    idType: p.idType,
    idNumber: p.idNumber,
    phone: p.phone,
    address: p.address ?? '',
    regionCode: p.regionCode ?? '',
    reason: '',
  };
}

/** The fields a person changed, trimmed (the record's values as stored are what they are compared with). */
function changesOf(p: PetitionerDoc, v: Values): PetitionerChanges {
  const before = valuesOf(p);
  const changed = (['name', 'idType', 'idNumber', 'phone', 'address', 'regionCode'] as const).filter(
    (f) => v[f].trim() !== before[f],
  );
  return Object.fromEntries(changed.map((f) => [f, v[f].trim()])) as PetitionerChanges; // each value is a string the schema's field accepts or the check below refuses
}

/** Why each changed field would be refused: the core's own check (第十九条, GB 11643, phones), run as typed. */
function localProblems(p: PetitionerDoc, changes: PetitionerChanges, today: string): Map<Field, string> {
  const problems = new Map<Field, string>();
  if (changes.regionCode !== undefined && !petitionerChanges.shape.regionCode.safeParse(changes.regionCode).success)
    problems.set('regionCode', t.regionInvalid);
  const edit = editPetitioner(
    p,
    { ...changes, ...(problems.has('regionCode') ? { regionCode: undefined } : {}) },
    today,
  );
  if (!edit.ok) for (const problem of edit.problems) problems.set(problem.field, reasonText[problem.reason]);
  return problems;
}

/**
 * 更正信访人信息 (第十九条 如实记录): the contact data, checked as typed by the rule the core runs, and the reason
 * for the correction, which is required. The replaced values stay in the record's history; a refusal by the core
 * shows its Chinese reason beside the field and keeps every input as typed.
 */
export function PetitionerEditForm({
  petitioner,
  onClose,
}: {
  readonly petitioner: PetitionerDoc;
  readonly onClose: (saved: boolean) => void;
}) {
  const { transport } = useDesk();
  const [values, setValues] = useState<Values>(() => valuesOf(petitioner));
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [fromCore, setFromCore] = useState<{ fields: Map<string, string>; error?: string }>({ fields: new Map() });
  const today = beijingDay(new Date().toISOString());
  const changes = changesOf(petitioner, values);
  const problems = localProblems(petitioner, changes, today);
  const unchanged = Object.keys(changes).length === 0;
  const reasonMissing = values.reason.trim() === '';

  const set = (field: Field | 'reason', value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (fromCore.fields.has(field)) setFromCore({ fields: new Map([...fromCore.fields].filter(([f]) => f !== field)) });
  };
  const help = (field: Field) => {
    const typing =
      field === 'idNumber' &&
      !attempted &&
      values.idType === 'resident-id' &&
      /^\d{0,17}$/.test(values.idNumber.trim());
    return (typing ? undefined : problems.get(field)) ?? fromCore.fields.get(field);
  };
  const item = (field: Field) => ({
    label: t[field === 'regionCode' ? 'region' : field],
    htmlFor: `petitioner-${field}`,
    validateStatus: help(field) ? ('error' as const) : undefined,
    help: help(field),
  });

  const submit = async () => {
    setAttempted(true);
    if (unchanged || reasonMissing || problems.size > 0) return;
    setSaving(true);
    setFromCore({ fields: new Map() });
    try {
      await transport.invoke('petitioner-update', { id: petitioner.id, changes, reason: values.reason.trim() });
      onClose(true);
    } catch (error) {
      const fields = new Map(
        (error instanceof ApiError ? (error.problems ?? []) : []).flatMap((p) =>
          p.field?.startsWith('changes.') ? [[p.field.slice('changes.'.length), apiErrorText[p.code]] as const] : [],
        ),
      );
      setFromCore({ fields, ...(fields.size === 0 ? { error: errorText(error) } : {}) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t.editTitle}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
      width={640}
      data-testid="petitioner-edit"
    >
      <Typography.Paragraph type="secondary">{t.editNote}</Typography.Paragraph>
      {fromCore.error ? (
        <Alert type="error" showIcon role="alert" title={fromCore.error} style={{ marginBottom: 12 }} />
      ) : null}
      {attempted && unchanged ? (
        <Alert type="info" showIcon title={t.nothingChanged} style={{ marginBottom: 12 }} />
      ) : null}
      <Form layout="vertical" size="small" component="div">
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item {...item('name')}>
              <Input
                id="petitioner-name"
                value={values.name}
                onChange={(e) => set('name', e.target.value)}
                maxLength={100}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item {...item('phone')}>
              <Input
                id="petitioner-phone"
                value={values.phone}
                onChange={(e) => set('phone', e.target.value)}
                maxLength={40}
                autoComplete="off"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={8}>
          <Col span={8}>
            <Form.Item {...item('idType')}>
              <Select
                id="petitioner-idType"
                value={values.idType}
                options={idTypeOptions}
                onChange={(v: string) => set('idType', v)}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item {...item('idNumber')}>
              <Input
                id="petitioner-idNumber"
                value={values.idNumber}
                onChange={(e) => set('idNumber', e.target.value)}
                maxLength={40}
                autoComplete="off"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item {...item('address')}>
          <Input
            id="petitioner-address"
            value={values.address}
            onChange={(e) => set('address', e.target.value)}
            maxLength={300}
          />
        </Form.Item>
        <Form.Item {...item('regionCode')} extra={t.regionHint}>
          <Input
            id="petitioner-regionCode"
            value={values.regionCode}
            onChange={(e) => set('regionCode', e.target.value)}
            maxLength={12}
            inputMode="numeric"
          />
        </Form.Item>
        <Form.Item
          label={t.reason}
          htmlFor="petitioner-reason"
          required
          validateStatus={attempted && reasonMissing ? 'error' : undefined}
          help={attempted && reasonMissing ? t.reasonRequired : undefined}
        >
          <Input.TextArea
            id="petitioner-reason"
            value={values.reason}
            onChange={(e) => set('reason', e.target.value)}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
