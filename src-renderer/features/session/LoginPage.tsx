import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useDesk } from '../../app/desk-context';
import { errorText } from '../../app/errors';
import { FirstLoginOffline, signIn, type Credentials } from './sign-in';
import { messages } from '#shared/messages/zh-CN';

/**
 * Login against the desk core (`session-login`): the users and their password verifiers are in the local
 * database, so this works offline. A fresh desk with a county server enrols on its first login (sign-in.ts).
 * A failed login keeps the login name and clears nothing else but the password.
 */
export function LoginPage() {
  const { transport } = useDesk();
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [enrolling, setEnrolling] = useState(false);

  const submit = async ({ login, password }: Credentials) => {
    setBusy(true);
    setError(undefined);
    try {
      // Success needs nothing here: the core emits data-changed('session') and DeskProvider swaps in the shell.
      await signIn(transport, { login, password }, () => setEnrolling(true));
    } catch (e) {
      setError(e instanceof FirstLoginOffline ? messages.login.firstLoginOffline : errorText(e));
      form.setFieldValue('password', '');
      setBusy(false);
      setEnrolling(false);
    }
  };

  return (
    <div className="desk-login">
      <Card className="desk-login-card">
        <Typography.Title level={3}>{messages.login.title}</Typography.Title>
        <Typography.Paragraph type="secondary">{messages.login.subtitle}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="login"
            label={messages.login.login}
            rules={[{ required: true, whitespace: true, message: messages.login.loginRequired }]}
          >
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={messages.login.password}
            rules={[{ required: true, message: messages.login.passwordRequired }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {enrolling ? (
            <Alert type="info" showIcon title={messages.login.enrolling} className="desk-login-error" />
          ) : null}
          {error ? <Alert type="error" showIcon title={error} className="desk-login-error" role="alert" /> : null}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {messages.login.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
