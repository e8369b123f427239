import { LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { calendarMessages, messages, roleText } from '#shared/messages/zh-CN';
import { useDesk, useSession } from './desk-context';
import { useNav } from './nav-store';
import { SyncIndicator } from './SyncIndicator';

/** Who is signed in, where, the pages, and the sync state: one dense line. */
export function TopBar() {
  const { transport } = useDesk();
  const session = useSession();
  const { page, go } = useNav();
  const current = page.name === 'case' ? 'cases' : page.name;
  return (
    <Layout.Header className="desk-topbar">
      <Typography.Text strong className="desk-brand">
        {messages.appTitle}
      </Typography.Text>
      <Menu
        mode="horizontal"
        className="desk-nav"
        selectedKeys={[current]}
        onClick={({ key }) =>
          go(key === 'cases' ? { name: 'cases' } : key === 'settings' ? { name: 'settings' } : { name: 'intake' })
        }
        items={[
          { key: 'intake', label: messages.shell.nav.intake },
          { key: 'cases', label: messages.shell.nav.cases },
          { key: 'settings', label: calendarMessages.nav },
        ]}
      />
      <Space size="middle" className="desk-who">
        <SyncIndicator />
        <span data-testid="desk-user">
          {session.user.name}（{session.user.roles.map((r) => roleText[r]).join('、')}）· {session.office.name}
        </span>
        <Button size="small" icon={<LogoutOutlined />} onClick={() => void transport.invoke('session-logout', {})}>
          {messages.shell.logout}
        </Button>
      </Space>
    </Layout.Header>
  );
}
