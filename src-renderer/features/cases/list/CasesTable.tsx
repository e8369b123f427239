import { useCallback, useMemo, useRef, type KeyboardEvent } from 'react';
import { theme, type GlobalToken } from 'antd';
import { useNav } from '../../../app/nav-store';
import { useCasesUi } from '../cases-store';
import { BLOCK, type WindowRow } from './useCaseWindow';
import { useFillHeight } from './useFillHeight';
import { CasesBody } from './CasesBody';
import { listColumns, ROW_HEIGHT } from './list-columns';
import { casesText } from '#shared/messages/zh-CN';

/** Header row and a little air below the table. */
const RESERVE = 39 + 12;
/** The columns' widths, shared by the header and every row. */
const GRID = listColumns.map((c) => (c.width === undefined ? 'minmax(0, 1fr)' : `${c.width}px`)).join(' ');

interface CasesTableProps {
  readonly length: number;
  readonly rowAt: (index: number) => WindowRow;
  /** Whether the total is known (see CasesBody). */
  readonly counted: boolean;
  readonly ensure: (first: number, last: number) => void;
}

/**
 * The matter list: a virtual list over a windowed `case-list` (only the rows in view are in the DOM, only the
 * blocks scrolled to are fetched). Its own windowing rather than antd's `<Table virtual>`, which walks every row
 * of its data on each scroll frame (keys and measured heights of all 100,000) and re-renders every visible cell
 * when a block arrives; here the rows have one fixed height, so the rows in view are plain arithmetic, and each
 * row is memoised on its own data. Keyboard: ↑/↓ move, PageUp/PageDown jump a screen, Home/End, Enter opens.
 */
export function CasesTable({ length, rowAt, counted, ensure }: CasesTableProps) {
  const { token } = theme.useToken();
  const go = useNav((s) => s.go);
  const selected = useCasesUi((s) => s.selected);
  const select = useCasesUi((s) => s.select);
  const box = useRef<HTMLDivElement>(null);
  const holder = useRef<HTMLDivElement>(null);
  const height = useFillHeight(box, RESERVE);
  const pageRows = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);

  const open = useCallback((row: WindowRow) => row.summary && go({ name: 'case', id: row.summary.id }), [go]);
  const click = useCallback(
    (row: WindowRow) => {
      select(row.key);
      open(row);
    },
    [select, open],
  );

  /** Scrolls just enough to show row `index`. */
  const reveal = (index: number) => {
    const el = holder.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + height) el.scrollTop = top + ROW_HEIGHT - height;
  };

  const move = (to: number) => {
    if (length === 0) return;
    const index = Math.min(length - 1, Math.max(0, to));
    select(index);
    reveal(index);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(selected + 1),
      ArrowUp: () => move(selected - 1),
      PageDown: () => move(selected + pageRows),
      PageUp: () => move(selected - pageRows),
      Home: () => move(0),
      End: () => move(length - 1),
      Enter: () => {
        if (selected < length) open(rowAt(selected));
      },
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };

  const css = useMemo(() => tableCss(token), [token]);

  return (
    <div
      ref={box}
      className="xf-cases"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={casesText.keyboardHint}
      data-testid="cases-table"
      role="grid"
      aria-rowcount={length + 1}
    >
      <style>{css}</style>
      <div className="xf-cases-head" role="row" aria-rowindex={1}>
        {listColumns.map((c) => (
          <div key={c.key} className="xf-cases-cell" role="columnheader">
            {c.title}
          </div>
        ))}
      </div>
      <CasesBody
        ref={holder}
        length={length}
        rowAt={rowAt}
        counted={counted}
        columns={listColumns}
        selected={selected}
        height={height}
        ahead={pageRows + BLOCK}
        ensure={ensure}
        onClick={click}
      />
    </div>
  );
}

/** The table's look from the theme's tokens: one style element instead of styles on 30 rows × 9 cells. */
function tableCss(token: GlobalToken): string {
  return `
  .xf-cases-head, .xf-cases-row { display: grid; grid-template-columns: ${GRID}; }
  .xf-cases-head { background: ${token.colorFillAlter}; font-weight: ${token.fontWeightStrong}; border-bottom: 1px solid ${token.colorBorderSecondary};
    border-radius: ${token.borderRadiusLG}px ${token.borderRadiusLG}px 0 0; overflow-y: hidden; scrollbar-gutter: stable; }
  .xf-cases-body { overflow-y: auto; scrollbar-gutter: stable; position: relative; contain: strict; }
  .xf-cases-cell { padding: 8px; line-height: 22px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .xf-cases-body .xf-cases-row { position: absolute; inset: 0 0 auto; }
  .xf-cases-row { height: ${ROW_HEIGHT}px; box-sizing: border-box; border-bottom: 1px solid ${token.colorBorderSecondary}; cursor: pointer; }
  .xf-cases-row:hover { background: ${token.colorFillQuaternary}; }
  .xf-cases-row.xf-selected { background: ${token.controlItemBgActive}; }
  .xf-cases-row.xf-overdue > .xf-cases-cell:first-child { box-shadow: inset 3px 0 0 ${token.colorError}; }
  .xf-cases-row.xf-due-soon > .xf-cases-cell:first-child { box-shadow: inset 3px 0 0 ${token.colorWarning}; }
  .xf-cases-pending { grid-column: 2 / -1; color: ${token.colorTextSecondary}; }
  .xf-due-overdue { color: ${token.colorError}; font-weight: ${token.fontWeightStrong}; }
  .xf-due-due-soon { color: ${token.colorWarning}; }
  .xf-mark { display: inline-block; margin-inline-end: 4px; padding: 0 6px; font-size: ${token.fontSizeSM}px; line-height: 18px;
    border: 1px solid ${token.colorBorder}; border-radius: ${token.borderRadiusSM}px; background: ${token.colorFillQuaternary}; }
  .xf-due + .xf-mark { margin-inline-start: 4px; cursor: help; }
  .xf-mark-red { color: ${token.colorError}; border-color: ${token.colorErrorBorder}; background: ${token.colorErrorBg}; }
  .xf-mark-purple { color: ${token.purple7}; border-color: ${token.purple3}; background: ${token.purple1}; }
  .xf-mark-gold { color: ${token.gold7}; border-color: ${token.gold3}; background: ${token.gold1}; }
  .xf-cases:focus-visible { outline: 2px solid ${token.colorPrimaryBorder}; outline-offset: 1px; }
`;
}
