import { useRef, useState } from 'react';
import { Alert, DatePicker, Form, Modal, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CaseDetail } from '#shared/contract/api';
import { petitionFields, type AmendableField } from '#shared/domain/act-payloads';
import { actRules } from '#shared/domain/acts';
import type { CaseProjection, Clock } from '#shared/domain/case-types';
import { useDesk } from '../../../app/desk-context';
import { errorText } from '../../../app/errors';
import { actFields, datedActs, type FormActType } from './act-fields';
import { ActFieldInput } from './ActFieldInput';
import { isRequired, toPayload, validatePayload, type FormValues } from './validate';
import { actText, fieldText, caseText } from '#shared/messages/zh-CN';

interface ActModalProps {
  readonly caseId: string;
  readonly type: FormActType;
  readonly supervisions: readonly Clock[];
  /** The case's acts waiting for a 负责人's approval (the 审批 form picks one). */
  readonly proposals?: CaseProjection['proposals'];
  /** The case as shown: 补充/更正 pick one of its 信访件 and start from the text now in force. */
  readonly detail?: Pick<CaseDetail, 'case' | 'petitions'>;
  /** The act is recorded as a 报批 for a 负责人 to approve (第三十四条). */
  readonly proposed?: boolean;
  readonly onClose: () => void;
  /** Called once the core recorded the act, or its 报批 (the page says so; the modal is gone by then). */
  readonly onDone: (type: FormActType, proposed: boolean) => void;
}

/** The text of an amendable item now in force, which a 更正 replaces (第十九条 如实记录: the old value is recorded). */
function currentText(detail: ActModalProps['detail'], field: unknown, petitionId: unknown): string {
  if (!detail) return '';
  const c = detail.case;
  if (field === 'title') return c.title;
  if (field === 'problemRegion') return c.problemRegion ?? '';
  if (field === 'contentCategory') return c.contentCategory ?? '';
  const petition = detail.petitions.find((p) => p.id === petitionId);
  return petition && petitionFields.includes(field as AmendableField)
    ? (petition[field as 'request' | 'facts' | 'reasons'] ?? '')
    : ''; // an amendable field name, checked just before
}

/**
 * The short form of one act: the fields its payload schema asks for, checked by that same schema before the call,
 * then `case-act`. Acts that record a real-world event also ask when it happened (发生时间). A refusal by the core
 * shows its Chinese reason, on the field it concerns where it names one, and leaves every input as typed.
 */
export function ActModal({
  caseId,
  type,
  supervisions,
  proposals,
  detail,
  proposed = false,
  onClose,
  onDone,
}: ActModalProps) {
  const [form] = Form.useForm<FormValues>();
  const fields = actFields[type];
  const petitions = [...(detail?.petitions ?? [])].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const amends = type === 'supplement' || type === 'correct';
  const { submit, saving, refusal } = useActSubmit(form, caseId, type, onDone);

  return (
    <Modal
      open
      title={
        <>
          {proposed ? caseText.proposedAct(actText[type]) : actText[type]}
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
            {actRules[type].article}
          </Typography.Text>
        </>
      }
      okText={caseText.submit}
      cancelText={caseText.cancel}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
      data-testid={`act-modal-${type}`}
    >
      {proposed && <Alert type="info" showIcon title={caseText.proposedNotice} style={{ marginBottom: 12 }} />}
      {refusal !== undefined && (
        <Alert type="error" showIcon title={errorText(refusal)} style={{ marginBottom: 12 }} role="alert" />
      )}
      <Form
        form={form}
        layout="vertical"
        size="small"
        name={`act-${type}`}
        onFinish={() => void submit()}
        initialValues={amends && petitions[0] ? { petitionId: petitions[0].id } : {}}
        onValuesChange={(changed: FormValues, all: FormValues) => {
          // A 更正 starts from the text now in force, recorded as the old value.
          if (type === 'correct' && ('field' in changed || 'petitionId' in changed))
            form.setFieldValue('oldValue', currentText(detail, all.field, all.petitionId));
        }}
      >
        {fields.length === 0 && !datedActs.has(type) && (
          <Typography.Paragraph>{caseText.noFields}</Typography.Paragraph>
        )}
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} required={isRequired(type, f.name)}>
            <ActFieldInput
              input={f.input}
              supervisions={supervisions}
              petitions={petitions}
              {...(proposals ? { proposals } : {})}
            />
          </Form.Item>
        ))}
        {datedActs.has(type) && (
          <Form.Item name="occurredAt" label={fieldText.occurredAt}>
            <DatePicker
              showTime
              placeholder={caseText.occurredAtNow}
              disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'day')}
              style={{ width: 220 }}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/**
 * Checks the form by the act's payload schema, then records the act through `case-act`. One submit at a time (Enter
 * in a field and a click on 确定 may both ask): never the same act twice. A refusal about one input (发生时间, the
 * 信访件) is said at that input too.
 */
function useActSubmit(
  form: FormInstance<FormValues>,
  caseId: string,
  type: FormActType,
  onDone: ActModalProps['onDone'],
) {
  const { transport } = useDesk();
  const [refusal, setRefusal] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const busy = useRef(false);
  const fields = actFields[type];

  const submit = async () => {
    if (busy.current) return;
    const values = form.getFieldsValue(true) as FormValues; // getFieldsValue(true) returns the store as is
    const payload = toPayload(type, values);
    // Only a request, facts or reasons belongs to one 信访件; the title and the other items are the case's.
    if ((type === 'supplement' || type === 'correct') && !petitionFields.includes(payload.field as AmendableField))
      delete payload.petitionId; // `field` is one of the select's amendable fields
    const checked = validatePayload(type, payload);
    form.setFields([
      ...fields.map((f) => ({
        name: f.name,
        errors: checked.ok ? [] : (checked.errors.find((e) => e.name === f.name)?.errors ?? []),
      })),
      { name: 'occurredAt', errors: [] },
    ]);
    if (!checked.ok) return;
    const when = values.occurredAt as Dayjs | null | undefined; // the DatePicker's own value
    busy.current = true;
    setSaving(true);
    setRefusal(undefined);
    try {
      const { event } = await transport.invoke('case-act', {
        caseId,
        type,
        payload,
        ...(when ? { occurredAt: when.toISOString() } : {}),
      });
      onDone(type, event.type === 'propose');
    } catch (error) {
      setRefusal(error);
      const problems = (error as { problems?: readonly { field?: string; code: string }[] }).problems ?? []; // ApiError's shape; absent on others
      const named = (field: string | undefined) => field?.replace(/^payload\./, '');
      const inputs = new Set(['occurredAt', ...fields.map((f) => f.name)]);
      form.setFields(
        problems.flatMap((p) =>
          inputs.has(named(p.field) ?? '') ? [{ name: named(p.field) ?? '', errors: [errorText(p)] }] : [],
        ),
      );
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  return { submit, saving, refusal };
}
