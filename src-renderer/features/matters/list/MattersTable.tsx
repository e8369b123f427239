import { useCallback, useMemo, useRef, type KeyboardEvent, type UIEvent } from 'react';
import { Table, theme, type TableRef } from 'antd';
import { useNav } from '../../../app/nav-store';
import { mattersText } from '../messages';
import { useMattersUi } from '../matters-store';
import { summaryColumns } from '../common/summary-columns';
import type { CaseRow } from './useCaseWindow';
import { PendingCell } from './PendingCell';
import { useFillHeight } from './useFillHeight';

/** antd's small row: 8px padding twice, a 22px line, a 1px border (antd computes the same for `virtual`). */
const ROW_HEIGHT = 39;
/** Header row and a little air below the table. */
const RESERVE = 39 + 12;

interface MattersTableProps {
  readonly rows: readonly CaseRow[];
  readonly ensure: (first: number, last: number) => void;
}

/**
 * The matter list: an antd virtual table over a windowed `case-list` (only the rows in view are in the DOM, only
 * the blocks scrolled to are fetched). Keyboard: ↑/↓ move, PageUp/PageDown jump a screen, Home/End, Enter opens.
 */
export function MattersTable({ rows, ensure }: MattersTableProps) {
  const { token } = theme.useToken();
  const go = useNav((s) => s.go);
  const selected = useMattersUi((s) => s.selected);
  const select = useMattersUi((s) => s.select);
  const box = useRef<HTMLDivElement>(null);
  const table = useRef<TableRef>(null);
  const height = useFillHeight(box, RESERVE);
  const pageRows = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);

  const columns = useMemo(() => {
    const cols = summaryColumns<CaseRow>((row) => row.summary);
    // The summary column of a row still loading asks for its block (see PendingCell).
    return cols.map((col) => (col.key === 'title' ? { ...col, render: (_: unknown, row: CaseRow) => (row.summary ? row.summary.title : <PendingCell index={row.key} need={ensure} />) } : col));
  }, [ensure]);

  const open = useCallback((row: CaseRow | undefined) => row?.summary && go({ name: 'matter', id: row.summary.id }), [go]);

  const move = (to: number) => {
    if (rows.length === 0) return;
    const index = Math.min(rows.length - 1, Math.max(0, to));
    select(index);
    table.current?.scrollTo({ index });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(selected + 1),
      ArrowUp: () => move(selected - 1),
      PageDown: () => move(selected + pageRows),
      PageUp: () => move(selected - pageRows),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => open(rows[selected]),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  // Prefetch ahead of the wheel: the rows about to come into view are asked for before they show as pending.
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const top = Math.floor(e.currentTarget.scrollTop / ROW_HEIGHT);
    ensure(Math.max(0, top - 20), top + pageRows + 100);
  };

  const css = `
    .xf-matters .ant-table-row { cursor: pointer; }
    .xf-matters .ant-table-row.xf-selected > .ant-table-cell { background: ${token.controlItemBgActive}; }
    .xf-matters:focus-visible { outline: 2px solid ${token.colorPrimaryBorder}; outline-offset: 1px; }
    .xf-matters .ant-table-row.xf-overdue > .ant-table-cell:first-child { box-shadow: inset 3px 0 0 ${token.colorError}; }
    .xf-matters .ant-table-row.xf-due-soon > .ant-table-cell:first-child { box-shadow: inset 3px 0 0 ${token.colorWarning}; }
  `;

  return (
    <div ref={box} className="xf-matters" tabIndex={0} onKeyDown={onKeyDown} aria-label={mattersText.keyboardHint} data-testid="matters-table">
      <style>{css}</style>
      <Table<CaseRow>
        ref={table}
        virtual
        size="small"
        bordered={false}
        pagination={false}
        rowKey="key"
        columns={columns}
        dataSource={rows as CaseRow[]} /* antd types dataSource as mutable; it never writes to it */
        scroll={{ y: height }}
        onScroll={onScroll}
        locale={{ emptyText: mattersText.empty }}
        rowClassName={(row) =>
          [row.key === selected ? 'xf-selected' : '', row.summary?.overdue ? 'xf-overdue' : row.summary?.dueSoon ? 'xf-due-soon' : ''].filter(Boolean).join(' ')
        }
        onRow={(row) => ({
          onClick: () => {
            select(row.key);
            open(row);
          },
          'data-row-index': row.key,
          'data-overdue': row.summary?.overdue ? 'true' : undefined,
          'data-due-soon': row.summary?.dueSoon ? 'true' : undefined,
          'aria-selected': row.key === selected,
        })}
      />
    </div>
  );
}
