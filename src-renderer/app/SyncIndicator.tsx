import { CloudOutlined, CloudSyncOutlined, DisconnectOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Badge, Button, Descriptions, Popover } from 'antd';
import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import type { SyncStatus } from '#shared/contract/events';
import { messages, syncErrorText, syncStateText } from '#shared/messages/zh-CN';
import { useSyncStatus } from './useSyncStatus';

const icons: Record<SyncStatus['state'], ReactNode> = {
  disabled: <DisconnectOutlined />,
  offline: <DisconnectOutlined />,
  online: <CloudOutlined />,
  syncing: <CloudSyncOutlined />,
  error: <ExclamationCircleOutlined />,
};
const colours: Record<SyncStatus['state'], 'default' | 'success' | 'processing' | 'warning' | 'error'> = {
  disabled: 'default',
  offline: 'warning',
  online: 'success',
  syncing: 'processing',
  error: 'error',
};

const time = (iso: string | undefined) => (iso ? dayjs(iso).format('MM-DD HH:mm') : messages.sync.never);

/** The sync state in the top bar (state, pending count, last sync); click for the details and 立即同步. */
export function SyncIndicator() {
  const { status, busy, syncNow } = useSyncStatus();
  const state = status?.state ?? 'disabled';
  const error = status?.lastError && syncErrorText[status.lastError];
  const drift = status?.clockDriftMs === undefined ? undefined : Math.round(Math.abs(status.clockDriftMs) / 60_000);
  const details = (
    <div className="desk-sync-details">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={messages.sync.state}>{syncStateText[state]}</Descriptions.Item>
        <Descriptions.Item label={messages.sync.lastSuccess}>{time(status?.lastSuccessAt)}</Descriptions.Item>
        {status && status.pending > 0 ? (
          <Descriptions.Item label="">{messages.sync.pending(status.pending)}</Descriptions.Item>
        ) : null}
        {error ? <Descriptions.Item label={messages.sync.lastError}>{error}</Descriptions.Item> : null}
        {drift !== undefined && drift >= 5 ? (
          <Descriptions.Item label="">{messages.sync.clockDrift(drift)}</Descriptions.Item>
        ) : null}
      </Descriptions>
      <Button type="primary" size="small" loading={busy} disabled={!status || state === 'disabled'} onClick={syncNow}>
        {messages.sync.syncNow}
      </Button>
    </div>
  );
  return (
    <Popover content={details} title={messages.sync.title} trigger="click" placement="bottomRight">
      <Button size="small" type="text" icon={icons[state]} data-testid="sync-indicator">
        <Badge status={colours[state]} text={syncStateText[state]} />
        {status && status.pending > 0 ? (
          <span className="desk-sync-pending">{messages.sync.pending(status.pending)}</span>
        ) : null}
        {status?.lastSuccessAt ? <span className="desk-sync-last">{time(status.lastSuccessAt)}</span> : null}
      </Button>
    </Popover>
  );
}
