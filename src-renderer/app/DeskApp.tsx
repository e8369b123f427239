import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import type { Transport } from '#shared/contract/transport';
import { App } from './App';
import { DeskProvider } from './desk-context';

dayjs.locale('zh-cn');

/**
 * The whole renderer for one Transport: antd in Chinese with its default theme made compact (dense tables and
 * forms for a small screen; no decoration an old PC pays for), the desk context, and the app. main.tsx mounts it
 * with the chosen transport; component tests mount it with an in-process core.
 */
export function DeskApp({ transport }: { transport: Transport }) {
  return (
    <ConfigProvider
      locale={zhCN}
      componentSize="middle"
      theme={{ algorithm: [theme.defaultAlgorithm, theme.compactAlgorithm], token: { motion: false } }}
    >
      <AntApp>
        <DeskProvider transport={transport}>
          <App />
        </DeskProvider>
      </AntApp>
    </ConfigProvider>
  );
}
