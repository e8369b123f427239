import { Alert, Button, Card, Checkbox, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { messages, syncErrorText } from '#shared/messages/zh-CN';
import { useDesk, useSession } from '../../app/desk-context';
import { errorText } from '../../app/errors';

const t = messages.enrol;

interface EnrolForm {
  readonly serverUrl: string;
  readonly login: string;
  readonly password: string;
  readonly replaceServer?: boolean;
}

type Outcome = { readonly kind: 'done' } | { readonly kind: 'error'; readonly text: string };

const mayEnrol = (roles: readonly string[]) => roles.some((r) => r === 'approver' || r === 'admin');

/**
 * 登记本机: a 负责人 or 管理员 enrols this desk with the county server, again after its device was
 * revoked or at the county's new address. The server must prove it is the county this desk pinned; a different
 * county is refused with the reason, and only then is 更换县级服务器 offered, to be ticked on purpose. Every refusal
 * shows here in Chinese.
 */
export function EnrolCard({ serverUrl }: { serverUrl: string }) {
  const { transport } = useDesk();
  const session = useSession();
  const [form] = Form.useForm<EnrolForm>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [offerReplace, setOfferReplace] = useState(false);

  if (!mayEnrol(session.user.roles)) {
    return (
      <Card size="small" title={t.title}>
        <Typography.Text type="secondary">{t.onlyApprover}</Typography.Text>
      </Card>
    );
  }

  const submit = async ({ serverUrl: url, login, password, replaceServer }: EnrolForm) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const status = await transport.invoke('sync-enrol', {
        serverUrl: url.trim(),
        login,
        password,
        ...(replaceServer ? { replaceServer: true } : {}),
      });
      const problem = status.lastError;
      setOutcome(
        status.state === 'error' || status.state === 'offline'
          ? { kind: 'error', text: problem ? syncErrorText[problem] : errorText(undefined) }
          : { kind: 'done' },
      );
    } catch (e) {
      if (typeof e === 'object' && e !== null && 'code' in e && e.code === 'server-identity-changed')
        setOfferReplace(true);
      setOutcome({ kind: 'error', text: errorText(e) });
    } finally {
      form.setFieldValue('password', '');
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t.title} data-testid="enrol-card">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t.hint}</Typography.Text>
        <Form
          form={form}
          layout="inline"
          initialValues={{ serverUrl, login: session.user.login }}
          onFinish={(v) => void submit(v)}
          requiredMark={false}
        >
          <Form.Item
            name="serverUrl"
            label={t.serverUrl}
            rules={[{ required: true, pattern: /^https?:\/\/\S+$/, message: t.serverUrlInvalid }]}
          >
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item
            name="login"
            label={t.login}
            rules={[{ required: true, whitespace: true, message: messages.login.loginRequired }]}
          >
            <Input style={{ width: 140 }} autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t.password}
            rules={[{ required: true, message: messages.login.passwordRequired }]}
          >
            <Input.Password style={{ width: 160 }} autoComplete="current-password" />
          </Form.Item>
          {offerReplace ? (
            <Form.Item name="replaceServer" valuePropName="checked">
              <Checkbox>{t.replaceServer}</Checkbox>
            </Form.Item>
          ) : null}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t.submit}
          </Button>
        </Form>
        {offerReplace ? <Alert type="warning" showIcon title={t.replaceWarning} /> : null}
        {outcome?.kind === 'done' ? <Alert type="success" showIcon title={t.done} /> : null}
        {outcome?.kind === 'error' ? <Alert type="error" showIcon role="alert" title={outcome.text} /> : null}
      </Flex>
    </Card>
  );
}
