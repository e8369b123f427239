/**
 * Bench-only page entry (built by ui-serve.ts): the scrolling baseline, an empty antd `<Table virtual>`
 * with the matter list's columns, theme and size, so the frame figures of the real list can be read against what
 * the browser and antd cost with nothing to render, measured on the same machine in the same run.
 *
 * Plain `createElement` in a .ts file: the bench project has no JSX and no DOM types, and this page needs neither
 * beyond one element looked up through `globalThis`.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfigProvider, Table, theme } from 'antd';
import zhCN from 'antd/locale/zh_CN';

/** The matter list's columns (src-renderer/features/cases/common/summary-columns.tsx), headers only. */
const columns = [
  { key: 'caseNumber', title: '事项编号', width: 200 },
  { key: 'title', title: '事项摘要' },
  { key: 'status', title: '状态', width: 84 },
  { key: 'class', title: '法定分类', width: 96 },
  { key: 'channel', title: '信访形式', width: 76 },
  { key: 'receivedAt', title: '收到时间', width: 130 },
  { key: 'office', title: '承办机构', width: 120 },
  { key: 'nextDue', title: '最近期限', width: 130 },
  { key: 'flags', title: '标记', width: 170 },
];

interface PageGlobals {
  document: { getElementById(id: string): unknown; documentElement: { dataset: Record<string, string> } };
  innerHeight: number;
}
const page = globalThis as unknown as PageGlobals; // this entry only ever runs in a page

// The matter list fills the window below the top bar and filters; about the same height here.
const height = Math.max(200, page.innerHeight - 180);
const table = createElement(Table, {
  virtual: true,
  size: 'small',
  bordered: false,
  pagination: false,
  rowKey: 'key',
  columns,
  dataSource: [],
  scroll: { y: height },
});
const app = createElement(
  ConfigProvider,
  {
    locale: zhCN,
    componentSize: 'middle',
    theme: { algorithm: [theme.defaultAlgorithm, theme.compactAlgorithm], token: { motion: false } },
  },
  createElement('div', { style: { padding: 16 }, 'data-testid': 'baseline-table' }, table),
);
createRoot(page.document.getElementById('root') as Parameters<typeof createRoot>[0]).render(app);
page.document.documentElement.dataset.benchState = 'ready';
