import { memo, useState, type Ref, type UIEvent } from 'react';
import { Empty } from 'antd';
import { mattersText } from '../messages';
import type { CaseRow } from './useCaseWindow';
import { ROW_HEIGHT, type ListColumn } from './list-columns';
import { MatterRow } from './MatterRow';

/** Rows rendered above and below the screen, so a wheel step never shows a blank band. */
const OVERSCAN = 6;

interface MattersBodyProps {
  readonly ref: Ref<HTMLDivElement>;
  readonly length: number;
  readonly rowAt: (index: number) => CaseRow;
  /** Whether the list's length is known: an empty list says so only then, not while its first rows load. */
  readonly counted: boolean;
  readonly columns: readonly ListColumn[];
  readonly selected: number;
  readonly height: number;
  /** Rows below the top of the screen to ask for ahead of the wheel. */
  readonly ahead: number;
  readonly ensure: (first: number, last: number) => void;
  readonly onClick: (row: CaseRow) => void;
}

/**
 * The scrolling part of the matter list: a spacer as tall as all rows, and the rows in view (plus a few) placed
 * in it by arithmetic, every row one fixed height. It keeps the scroll position itself, so a scroll frame renders
 * this and the rows that came into view, not the page, its filters or its stylesheet.
 */
export const MattersBody = memo(function MattersBody({ ref, length, rowAt, counted, columns, selected, height, ahead, ensure, onClick }: MattersBodyProps) {
  const [scrollTop, setScrollTop] = useState(0);

  // Prefetch ahead of the wheel: the rows about to come into view are asked for before they show as pending.
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const top = e.currentTarget.scrollTop;
    setScrollTop(top);
    const row = Math.floor(top / ROW_HEIGHT);
    ensure(Math.max(0, row - 20), row + ahead);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  return (
    <div ref={ref} className="xf-matters-body" data-testid="matters-scroll" style={{ height }} onScroll={onScroll}>
      {length === 0 ? (
        counted && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={mattersText.empty} />
      ) : (
        <div style={{ height: length * ROW_HEIGHT }}>
          <div style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }}>
            {Array.from({ length: Math.max(0, last - first) }, (_, i) => {
              const row = rowAt(first + i);
              return <MatterRow key={row.key} row={row} columns={columns} selected={row.key === selected} onClick={onClick} />;
            })}
          </div>
        </div>
      )}
    </div>
  );
});
