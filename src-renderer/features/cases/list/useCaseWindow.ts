import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseSummary } from '#shared/contract/api';
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

/**
 * The matter list as a window onto `case-list` (the contract pages by offset/limit): the table is told the full
 * length, but only the blocks the user scrolls to are fetched, and they are re-read when the core says the cases
 * changed. The total is asked for after the first rows: the first count of a large desk takes the core seconds,
 * and the first rows must not wait for it. This is `useApi` for a paged list: same rules (core data from the Api,
 * last answer wins), many calls.
 */
export function useCaseWindow(filter: CaseFilter, sort: CaseSort): CaseWindow {
  const { transport } = useDesk();
  const query = useMemo(() => JSON.stringify({ filter, sort }), [filter, sort]);
  const [state, setState] = useState<WindowState>({ query, total: undefined, blocks: new Map(), error: undefined });
  // Per query: the newest call per block (-1 for the total; an older answer never overwrites a newer one), the
  // blocks still on their way (one scroll never asks twice), and what `ensure` reads without being re-created
  // on every answer (it is a dependency of every pending cell).
  const latest = useRef(new Map<number, number>());
  const pending = useRef(new Set<number>());
  const calls = useRef(0);
  const near = useRef(0);
  const current = useRef(state);
  current.current = state;

  const args = useCallback(() => JSON.parse(query) as { filter: CaseFilter; sort: CaseSort }, [query]); // built by this hook from those types

  const fetchBlock = useCallback(
    (block: number) => {
      const call = ++calls.current;
      latest.current.set(block, call);
      pending.current.add(block);
      transport.invoke('case-list', { ...args(), page: { offset: block * BLOCK, limit: BLOCK }, withTotal: false }).then(
        (answer) =>
          setState((prev) => {
            if (prev.query !== query || latest.current.get(block) !== call) return prev; // a newer call or query wins
            pending.current.delete(block);
            const blocks = new Map(prev.blocks);
            blocks.set(
              block,
              answer.items.map((summary, i) => ({ key: block * BLOCK + i, summary })),
            );
            evictFarthest(blocks, near.current);
            return { ...prev, blocks, error: undefined };
          }),
        (error: unknown) => {
          pending.current.delete(block);
          setState((prev) => (prev.query === query ? { ...prev, error } : prev));
        },
      );
    },
    [transport, query, args],
  );

  const fetchTotal = useCallback(() => {
    const call = ++calls.current;
    latest.current.set(-1, call);
    transport.invoke('case-list', { ...args(), page: { offset: 0, limit: 1 }, withTotal: true }).then(
      ({ total }) => setState((prev) => (prev.query !== query || latest.current.get(-1) !== call || total === undefined ? prev : { ...prev, total })),
      (error: unknown) => setState((prev) => (prev.query === query ? { ...prev, error } : prev)),
    );
  }, [transport, query, args]);

  // A new filter or sort starts an empty list: its first rows and its total, asked for side by side.
  useEffect(() => {
    latest.current = new Map();
    pending.current = new Set();
    near.current = 0;
    setState({ query, total: undefined, blocks: new Map(), error: undefined });
    fetchBlock(0);
  }, [query, fetchBlock]);
  // The total once the first rows are there: asked side by side, the count would hold the storage (IndexedDB
  // serves one long request at a time) and the first rows would wait for it.
  const started = state.query === query && (state.blocks.size > 0 || state.error !== undefined);
  useEffect(() => {
    if (started) fetchTotal();
  }, [started, fetchTotal]);

  // When any matter changes (a new one shifts every offset of a newest-first list): the total and the blocks in
  // view are read again; blocks far from view are dropped rather than re-read, and read when scrolled back to.
  useEffect(
    () =>
      transport.on('data-changed', (change) => {
        if (!change.collections.includes('cases')) return;
        fetchTotal();
        const keep = [...current.current.blocks.keys()].filter((b) => Math.abs(b - near.current) <= REFRESH_AROUND);
        setState((prev) => (prev.query === query ? { ...prev, blocks: new Map([...prev.blocks].filter(([b]) => keep.includes(b))) } : prev));
        for (const block of keep.length > 0 ? keep : [0]) fetchBlock(block);
      }),
    [transport, query, fetchBlock, fetchTotal],
  );

  const ensure = useCallback(
    (first: number, lastRow: number) => {
      const { total, blocks } = current.current;
      // Never past the end: a scroll near the bottom must not ask for a block that cannot exist.
      const lastBlock = Math.max(0, Math.floor(((total ?? 1) - 1) / BLOCK));
      const from = Math.min(lastBlock, Math.max(0, Math.floor(first / BLOCK)));
      const to = Math.min(lastBlock, Math.max(from, Math.floor(Math.max(first, lastRow) / BLOCK)));
      near.current = from;
      for (let block = from; block <= to; block++) {
        if (!blocks.has(block) && !pending.current.has(block)) fetchBlock(block);
      }
    },
    [fetchBlock],
  );

  // Until the total is known, the list is as long as the rows that have arrived (the first block, usually). No
  // array of every row: at 100,000 rows, building one per arriving block cost the page a long task each time.
  const length = state.total ?? Math.max(0, ...[...state.blocks.values()].map((b) => (b.at(-1)?.key ?? -1) + 1));
  const rowAt = useCallback((index: number): WindowRow => state.blocks.get(Math.floor(index / BLOCK))?.[index % BLOCK] ?? { key: index }, [state.blocks]);

  return { length, rowAt, total: state.total, error: state.error, ensure };
}

function evictFarthest(blocks: Map<number, readonly WindowRow[]>, near: number): void {
  while (blocks.size > MAX_BLOCKS) {
    const farthest = [...blocks.keys()].reduce((a, b) => (Math.abs(b - near) > Math.abs(a - near) ? b : a));
    blocks.delete(farthest);
  }
}
