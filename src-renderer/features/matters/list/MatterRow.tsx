import { memo } from 'react';
import type { CaseRow } from './useCaseWindow';
import type { ListColumn } from './list-columns';

interface MatterRowProps {
  readonly row: CaseRow;
  readonly columns: readonly ListColumn[];
  readonly selected: boolean;
  readonly onClick: (row: CaseRow) => void;
}

/**
 * One row of the matter list, memoised: while the list scrolls, or a block of other rows arrives, a row renders
 * again only when its own data or its selection changed (placeholders are made afresh, so they compare by index).
 */
export const MatterRow = memo(function MatterRow({ row, columns, selected, onClick }: MatterRowProps) {
  const s = row.summary;
  const mark = s?.overdue ? 'xf-overdue' : s?.dueSoon ? 'xf-due-soon' : '';
  return (
    <div
      role="row"
      className={['xf-matters-row', selected ? 'xf-selected' : '', mark].filter(Boolean).join(' ')}
      aria-selected={selected}
      data-row-index={row.key}
      data-overdue={s?.overdue ? 'true' : undefined}
      data-due-soon={s?.dueSoon ? 'true' : undefined}
      onClick={() => onClick(row)}
    >
      {columns.map((c) => (
        <div key={c.key} role="gridcell" className="xf-matters-cell">
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}, same);

function same(a: MatterRowProps, b: MatterRowProps): boolean {
  return a.row.key === b.row.key && a.row.summary === b.row.summary && a.selected === b.selected && a.columns === b.columns && a.onClick === b.onClick;
}
