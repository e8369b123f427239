import { useState } from 'react';
import { Alert, Form, Modal, Typography } from 'antd';
import { actRules } from '#shared/domain/acts';
import type { CaseProjection, Clock } from '#shared/domain/case-types';
import { useDesk } from '../../../app/desk-context';
import { errorText } from '../../../app/errors';
import { actFields, type FormActType } from './act-fields';
import { ActFieldInput } from './ActFieldInput';
import { isRequired, toPayload, validatePayload, type FormValues } from './validate';
import { actText, matterText } from '#shared/messages/zh-CN';

interface ActModalProps {
  readonly caseId: string;
  readonly type: FormActType;
  readonly supervisions: readonly Clock[];
  /** The matter's acts waiting for a 负责人's approval (the 审批 form picks one). */
  readonly proposals?: CaseProjection['proposals'];
  readonly onClose: () => void;
  /** Called once the core recorded the act (the page says so; the modal is gone by then). */
  readonly onDone: (type: FormActType) => void;
}

/**
 * The short form of one act: the fields its payload schema asks for, checked by that same schema before the call,
 * then `case-act`. A refusal by the core shows its Chinese reason and leaves every input as typed.
 */
export function ActModal({ caseId, type, supervisions, proposals, onClose, onDone }: ActModalProps) {
  const { transport } = useDesk();
  const [form] = Form.useForm<FormValues>();
  const [refusal, setRefusal] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const fields = actFields[type];

  const submit = async () => {
    const payload = toPayload(type, form.getFieldsValue(true) as FormValues); // getFieldsValue(true) returns the store as is
    const checked = validatePayload(type, payload);
    form.setFields(fields.map((f) => ({ name: f.name, errors: checked.ok ? [] : (checked.errors.find((e) => e.name === f.name)?.errors ?? []) })));
    if (!checked.ok) return;
    setSaving(true);
    setRefusal(undefined);
    try {
      await transport.invoke('case-act', { caseId, type, payload });
      onDone(type);
    } catch (error) {
      setRefusal(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={
        <>
          {actText[type]}
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
            {actRules[type].article}
          </Typography.Text>
        </>
      }
      okText={matterText.submit}
      cancelText={matterText.cancel}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
      data-testid={`act-modal-${type}`}
    >
      {refusal !== undefined && <Alert type="error" showIcon title={errorText(refusal)} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" size="small" name={`act-${type}`} onFinish={() => void submit()}>
        {fields.length === 0 && <Typography.Paragraph>{matterText.noFields}</Typography.Paragraph>}
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} required={isRequired(type, f.name)}>
            <ActFieldInput input={f.input} supervisions={supervisions} {...(proposals ? { proposals } : {})} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
