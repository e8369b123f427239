import { memo } from 'react';
import type { WindowRow } from './useCaseWindow';
import { ROW_HEIGHT, type ListColumn } from './list-columns';
import { casesText } from '#shared/messages/zh-CN';

interface CasesTableRowProps {
  readonly row: WindowRow;
  readonly columns: readonly ListColumn[];
  readonly selected: boolean;
  readonly onClick: (row: WindowRow) => void;
}

/**
 * One row of the matter list, memoised: while the list scrolls, or a block of other rows arrives, a row renders
 * again only when its own data or its selection changed (placeholders are made afresh, so they compare by index).
 * A row still loading is one cell under the title column, not nine: a screenful of them shows at once after a
 * jump. Its block is asked for by CasesBody.
 */
export const CasesTableRow = memo(function CasesTableRow({ row, columns, selected, onClick }: CasesTableRowProps) {
  const s = row.summary;
  const mark = s?.overdue ? 'xf-overdue' : s?.dueSoon ? 'xf-due-soon' : '';
  return (
    <div
      role="row"
      className={['xf-cases-row', selected ? 'xf-selected' : '', mark].filter(Boolean).join(' ')}
      aria-selected={selected}
      aria-rowindex={row.key + 2}
      style={{ transform: `translateY(${row.key * ROW_HEIGHT}px)` }}
      data-row-index={row.key}
      data-overdue={s?.overdue ? 'true' : undefined}
      data-due-soon={s?.dueSoon ? 'true' : undefined}
      onClick={() => onClick(row)}
    >
      {s ? (
        columns.map((c) => (
          <div key={c.key} role="gridcell" className="xf-cases-cell">
            {c.render(s)}
          </div>
        ))
      ) : (
        <div
          role="gridcell"
          className="xf-cases-cell xf-cases-pending"
          aria-colindex={2}
          aria-colspan={columns.length - 1}
        >
          {casesText.loadingRow}
        </div>
      )}
    </div>
  );
}, same);

function same(a: CasesTableRowProps, b: CasesTableRowProps): boolean {
  return (
    a.row.key === b.row.key &&
    a.row.summary === b.row.summary &&
    a.selected === b.selected &&
    a.columns === b.columns &&
    a.onClick === b.onClick
  );
}
