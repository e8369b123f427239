import { memo, useEffect, useState, type Ref, type UIEvent } from 'react';
import { Empty } from 'antd';
import type { WindowRow } from './useCaseWindow';
import { ROW_HEIGHT, type ListColumn } from './list-columns';
import { CasesTableRow } from './CasesTableRow';
import { casesText } from '#shared/messages/zh-CN';

/** Rows rendered above and below the screen, so a wheel step never shows a blank band. */
const OVERSCAN = 6;

interface CasesBodyProps {
  readonly ref: Ref<HTMLDivElement>;
  readonly length: number;
  readonly rowAt: (index: number) => WindowRow;
  /** Whether the list's length is known: an empty list says so only then, not while its first rows load. */
  readonly counted: boolean;
  readonly columns: readonly ListColumn[];
  readonly selected: number;
  readonly height: number;
  /** Rows below the top of the screen to ask for ahead of the wheel. */
  readonly ahead: number;
  readonly ensure: (first: number, last: number) => void;
  readonly onClick: (row: WindowRow) => void;
}

/**
 * The scrolling part of the matter list: a spacer as tall as all rows, and the rows in view (plus a few) placed
 * in it by arithmetic, every row one fixed height. It keeps the scroll position itself, so a scroll frame renders
 * this and the rows that came into view, not the page, its filters or its stylesheet. Rows are keyed by screen
 * slot (index modulo the number of rows rendered), so a scroll or a scrollbar jump updates the row elements
 * already there: a jump mounts nothing, and a row whose data did not change is not rendered again.
 */
export const CasesBody = memo(function CasesBody({
  ref,
  length,
  rowAt,
  counted,
  columns,
  selected,
  height,
  ahead,
  ensure,
  onClick,
}: CasesBodyProps) {
  const [scrollTop, setScrollTop] = useState(0);

  // Prefetch ahead of the wheel: the rows about to come into view are asked for before they show as pending.
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const top = e.currentTarget.scrollTop;
    setScrollTop(top);
    const row = Math.floor(top / ROW_HEIGHT);
    ensure(Math.max(0, row - 20), row + ahead);
  };

  // Always as many rows as slots (fewer only at the ends of the list): the screen and OVERSCAN on either side,
  // however the rows are cut by the screen's edges. So each slot holds exactly one row, whatever is in view.
  const slots = Math.ceil(height / ROW_HEIGHT) + 2 * OVERSCAN + 1;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(length, first + slots);
  const rows = Array.from({ length: Math.max(0, last - first) }, (_, i) => rowAt(first + i));
  // In slot order, each row placed by its own offset: a scroll moves no element in the DOM, it re-fills some
  // (moving them cost more paint than filling them). aria-rowindex gives assistive technology the row order.
  const bySlot = [...rows].sort((a, b) => (a.key % slots) - (b.key % slots));

  // The rows shown still loading ask for their blocks (and the next few rows), whatever brought them into view:
  // the wheel, the scrollbar, a keyboard jump, a resized window, blocks dropped on a change. Asked again only
  // when the rows waiting change; a block already on its way is not asked for twice (see useCaseWindow).
  const waiting = rows.filter((row) => !row.summary);
  const waitFrom = waiting[0]?.key ?? -1;
  const waitTo = waiting.at(-1)?.key ?? -1;
  useEffect(() => {
    if (waitFrom >= 0) ensure(waitFrom, waitTo + 50);
  }, [waitFrom, waitTo, ensure]);

  return (
    <div ref={ref} className="xf-cases-body" data-testid="cases-scroll" style={{ height }} onScroll={onScroll}>
      {length === 0 ? (
        counted && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={casesText.empty} />
      ) : (
        <div style={{ height: length * ROW_HEIGHT, position: 'relative' }}>
          {bySlot.map((row) => (
            <CasesTableRow
              key={row.key % slots}
              row={row}
              columns={columns}
              selected={row.key === selected}
              onClick={onClick}
            />
          ))}
        </div>
      )}
    </div>
  );
});
