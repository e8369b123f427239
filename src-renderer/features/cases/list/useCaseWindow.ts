import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseSummary } from '#shared/contract/api';
import type { Transport } from '#shared/contract/transport';
import { useDesk } from '../../../app/desk-context';
import type { CaseFilter, CaseSort } from '../cases-store';

/** Rows fetched per `case-list` call: a few screens, far below the contract's limit of 500. */
export const BLOCK = 200;
/** Blocks kept in memory; the farthest from the last requested one is dropped first, so 100,000 rows never are. */
const MAX_BLOCKS = 12;
/** Blocks around the one in view that are re-read when the core says the matters changed; the rest are dropped. */
const REFRESH_AROUND = 2;

/** One row of the virtual table: its index, and its summary once its block has arrived. */
export interface WindowRow {
  readonly key: number;
  readonly summary?: CaseSummary;
}

export interface CaseWindow {
  /** The list's length: `total`, or the rows that have arrived until the total is known. */
  readonly length: number;
  /** Row `index`: a placeholder (no summary) until its block has arrived. A new function whenever a block does. */
  readonly rowAt: (index: number) => WindowRow;
  readonly total: number | undefined;
  readonly error: unknown;
  /** Asks for the blocks that cover rows `first`…`last` (the visible window plus a margin). Stable per query. */
  ensure(first: number, last: number): void;
}

interface WindowState {
  readonly query: string;
  readonly total: number | undefined;
  readonly blocks: ReadonlyMap<number, readonly WindowRow[]>;
  readonly error: unknown;
}

type Update = (change: (prev: WindowState) => WindowState) => void;

/**
 * The calls of one filter and sort. The newest call per block wins (-1 for the total; an older answer never
 * overwrites a newer one), a block on its way is never asked for twice, and `near` is the block last scrolled to
 * (blocks far from it are dropped first). A new query gets a new loader, so nothing of the old one's leaks into it.
 */
class WindowLoader {
  private readonly latest = new Map<number, number>();
  private readonly pending = new Set<number>();
  private calls = 0;
  private near = 0;
  private readonly args: { filter: CaseFilter; sort: CaseSort };

  constructor(
    private readonly transport: Transport,
    private readonly query: string,
    private readonly update: Update,
  ) {
    this.args = JSON.parse(query) as { filter: CaseFilter; sort: CaseSort }; // built by the hook from those types
  }

  fetchBlock(block: number): void {
    const call = ++this.calls;
    this.latest.set(block, call);
    this.pending.add(block);
    this.transport
      .invoke('case-list', { ...this.args, page: { offset: block * BLOCK, limit: BLOCK }, withTotal: false })
      .then(
        (answer) =>
          this.update((prev) => {
            if (prev.query !== this.query || this.latest.get(block) !== call) return prev; // a newer call or query wins
            this.pending.delete(block);
            const blocks = new Map(prev.blocks);
            blocks.set(
              block,
              answer.items.map((summary, i) => ({ key: block * BLOCK + i, summary })),
            );
            evictFarthest(blocks, this.near);
            return { ...prev, blocks, error: undefined };
          }),
        (error: unknown) => {
          this.pending.delete(block);
          this.failed(error);
        },
      );
  }

  fetchTotal(): void {
    const call = ++this.calls;
    this.latest.set(-1, call);
    this.transport.invoke('case-list', { ...this.args, page: { offset: 0, limit: 1 }, withTotal: true }).then(
      ({ total }) =>
        this.update((prev) =>
          prev.query !== this.query || this.latest.get(-1) !== call || total === undefined ? prev : { ...prev, total },
        ),
      (error: unknown) => this.failed(error),
    );
  }

  /** Asks for the blocks covering rows `first`…`lastRow` that are neither held nor on their way. */
  ensure(first: number, lastRow: number, { total, blocks }: WindowState): void {
    // Never past the end: a scroll near the bottom must not ask for a block that cannot exist.
    const lastBlock = Math.max(0, Math.floor(((total ?? 1) - 1) / BLOCK));
    const from = Math.min(lastBlock, Math.max(0, Math.floor(first / BLOCK)));
    const to = Math.min(lastBlock, Math.max(from, Math.floor(Math.max(first, lastRow) / BLOCK)));
    this.near = from;
    for (let block = from; block <= to; block++) {
      if (!blocks.has(block) && !this.pending.has(block)) this.fetchBlock(block);
    }
  }

  /**
   * After any case changed (a new one shifts every offset of a newest-first list): the total and the blocks in view
   * are read again; blocks far from view are dropped rather than re-read, and read when scrolled back to.
   */
  refresh({ blocks }: WindowState): void {
    this.fetchTotal();
    const keep = [...blocks.keys()].filter((b) => Math.abs(b - this.near) <= REFRESH_AROUND);
    this.update((prev) =>
      prev.query === this.query
        ? { ...prev, blocks: new Map([...prev.blocks].filter(([b]) => keep.includes(b))) }
        : prev,
    );
    for (const block of keep.length > 0 ? keep : [0]) this.fetchBlock(block);
  }

  private failed(error: unknown): void {
    this.update((prev) => (prev.query === this.query ? { ...prev, error } : prev));
  }
}

/**
 * The case list as a window onto `case-list` (the contract pages by offset/limit): the table is told the full
 * length, but only the blocks the user scrolls to are fetched, and they are re-read when the core says the cases
 * changed. The total is asked for after the first rows: the first count of a large desk takes the core seconds,
 * and the first rows must not wait for it. This is `useApi` for a paged list: same rules (core data from the Api,
 * last answer wins), many calls.
 */
export function useCaseWindow(filter: CaseFilter, sort: CaseSort): CaseWindow {
  const { transport } = useDesk();
  const query = useMemo(() => JSON.stringify({ filter, sort }), [filter, sort]);
  const [state, setState] = useState<WindowState>({ query, total: undefined, blocks: new Map(), error: undefined });
  const loader = useMemo(() => new WindowLoader(transport, query, setState), [transport, query]);
  // What `ensure` and the change listener read without being re-created on every answer (`ensure` is a
  // dependency of every pending cell).
  const current = useRef(state);
  current.current = state;

  // A new filter or sort starts an empty list with its first rows.
  useEffect(() => {
    setState({ query, total: undefined, blocks: new Map(), error: undefined });
    loader.fetchBlock(0);
  }, [query, loader]);
  // The total once the first rows are there: asked side by side, the count would hold the storage (IndexedDB
  // serves one long request at a time) and the first rows would wait for it.
  const started = state.query === query && (state.blocks.size > 0 || state.error !== undefined);
  useEffect(() => {
    if (started) loader.fetchTotal();
  }, [started, loader]);

  useEffect(
    () =>
      transport.on('data-changed', (change) => {
        if (change.collections.includes('cases')) loader.refresh(current.current);
      }),
    [transport, loader],
  );

  const ensure = useCallback(
    (first: number, lastRow: number) => loader.ensure(first, lastRow, current.current),
    [loader],
  );

  // Until the total is known, the list is as long as the rows that have arrived (the first block, usually). No
  // array of every row: at 100,000 rows, building one per arriving block cost the page a long task each time.
  const length = state.total ?? Math.max(0, ...[...state.blocks.values()].map((b) => (b.at(-1)?.key ?? -1) + 1));
  const rowAt = useCallback(
    (index: number): WindowRow => state.blocks.get(Math.floor(index / BLOCK))?.[index % BLOCK] ?? { key: index },
    [state.blocks],
  );

  return { length, rowAt, total: state.total, error: state.error, ensure };
}

function evictFarthest(blocks: Map<number, readonly WindowRow[]>, near: number): void {
  while (blocks.size > MAX_BLOCKS) {
    const farthest = [...blocks.keys()].reduce((a, b) => (Math.abs(b - near) > Math.abs(a - near) ? b : a));
    blocks.delete(farthest);
  }
}
