import { Alert, Card, Descriptions, Flex, Spin, Table, Tag, Typography } from 'antd';
import type { CalendarYear } from '#shared/domain/calendar-merge';
import { beijingDay } from '#shared/domain/calendar';
import { actText, calendarMessages, messages } from '#shared/messages/zh-CN';
import { errorText } from '../../app/errors';
import { useApi } from '../../app/useApi';
import { EnrolCard } from './EnrolCard';

const t = calendarMessages.settings;

/**
 * 设置: this desk (its id, the county server, the due-soon window), enrolling it, the county's approval acts
 * (第三十四条) and the holiday calendar's covered years.
 */
export function SettingsPage() {
  const settings = useApi('settings-get', {}, ['settings', 'session', 'offices']);
  return (
    <Flex vertical gap={8} style={{ padding: '8px 12px 12px' }} data-testid="settings-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t.title}
      </Typography.Title>
      <Card size="small" title={t.desk}>
        {settings.data ? (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'deskId', label: t.deskId, children: settings.data.deskId },
              { key: 'serverUrl', label: t.serverUrl, children: settings.data.serverUrl || t.noServer },
              { key: 'dueSoon', label: t.dueSoonDays, children: t.dueSoonValue(settings.data.dueSoonDays) },
              {
                key: 'approval',
                label: t.approvalActs,
                span: 'filled',
                children: (
                  <Flex vertical gap={2} data-testid="approval-acts">
                    <span>
                      {settings.data.approvalActs.length === 0
                        ? t.approvalNone
                        : settings.data.approvalActs.map((a) => actText[a]).join('、')}
                    </span>
                    <Typography.Text type="secondary">{t.approvalSource}</Typography.Text>
                  </Flex>
                ),
              },
            ]}
          />
        ) : settings.error === undefined ? (
          <Spin description={messages.shell.loading} />
        ) : (
          <Alert type="error" showIcon title={errorText(settings.error)} />
        )}
      </Card>
      {settings.data ? <EnrolCard serverUrl={settings.data.serverUrl} /> : null}
      <CalendarCard />
    </Flex>
  );
}

const columns = [
  { key: 'year', title: t.year, dataIndex: 'year', width: 100, render: (year: number) => t.yearLabel(year) },
  {
    key: 'source',
    title: t.source,
    render: (_: unknown, y: CalendarYear) =>
      y.source === 'bundled' ? t.bundled : t.county(y.loadedAt ? beijingDay(y.loadedAt) : ''),
  },
  { key: 'version', title: t.version, dataIndex: 'version', width: 220 },
];

/** The covered years, where each comes from, and the years the desk needs but lacks. */
function CalendarCard() {
  const { data, error } = useApi('calendar-status', {}, ['calendars', 'session']);
  return (
    <Card size="small" title={t.calendar} data-testid="calendar-years">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t.calendarHint}</Typography.Text>
        {data ? (
          <>
            <Flex gap={8} align="center" wrap>
              <span>{t.coveredYears}</span>
              {data.years.map((y) => (
                <Tag key={y.year} color={y.source === 'county' ? 'blue' : undefined}>
                  {t.yearLabel(y.year)}
                </Tag>
              ))}
              {data.missingYears.length > 0 ? (
                <Tag color="warning">{t.missing(data.missingYears)}</Tag>
              ) : (
                <Tag color="success">{t.complete}</Tag>
              )}
            </Flex>
            <Table<CalendarYear>
              size="small"
              pagination={false}
              rowKey="year"
              columns={columns}
              dataSource={[...data.years]}
            />
          </>
        ) : error === undefined ? (
          <Spin description={messages.shell.loading} />
        ) : (
          <Alert type="error" showIcon title={errorText(error)} />
        )}
      </Flex>
    </Card>
  );
}
