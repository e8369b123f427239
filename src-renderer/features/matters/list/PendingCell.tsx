import { useEffect } from 'react';
import { mattersText } from '../messages';

interface PendingCellProps {
  readonly index: number;
  /** Asks for the rows around `index`; repeated asks for a block already on its way cost nothing. */
  readonly need: (first: number, last: number) => void;
}

/**
 * A row whose block has not arrived. Being rendered means the list is showing it, so this is where the fetch is
 * asked for: it works the same for the wheel, the scrollbar, keyboard jumps and a resized window. A plain span
 * (styled by MattersTable): a screenful of these mounts at once after a jump.
 */
export function PendingCell({ index, need }: PendingCellProps) {
  useEffect(() => need(index, index + 50), [index, need]);
  return <span className="xf-matters-pending">{mattersText.loadingRow}</span>;
}
