import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseSummary } from '#shared/contract/api';
import { useDesk } from '../../../app/desk-context';
import type { CaseFilter, CaseSort } from '../matters-store';

/** Rows fetched per `case-list` call: a few screens, far below the contract's limit of 500. */
export const BLOCK = 200;
/** Blocks kept in memory; the farthest from the last requested one is dropped first, so 100,000 rows never are. */
const MAX_BLOCKS = 12;

/** One row of the virtual table: its index, and its summary once its block has arrived. */
export interface CaseRow {
  readonly key: number;
  readonly summary?: CaseSummary;
}

export interface CaseWindow {
  /** Length `total`; rows outside the loaded blocks are placeholders. */
  readonly rows: readonly CaseRow[];
  readonly total: number | undefined;
  readonly error: unknown;
  /** Asks for the blocks that cover rows `first`…`last` (the visible window plus a margin). */
  ensure(first: number, last: number): void;
}

/**
 * The matter list as a window onto `case-list` (the contract pages by offset/limit): the table is told the full
 * length, but only the blocks the user scrolls to are fetched, and they are re-read when the core says the cases
 * changed. This is `useApi` for a paged list: same rules (core data from the Api, last answer wins), many calls.
 */
export function useCaseWindow(filter: CaseFilter, sort: CaseSort): CaseWindow {
  const { transport } = useDesk();
  const query = useMemo(() => JSON.stringify({ filter, sort }), [filter, sort]);
  const [state, setState] = useState<{ query: string; total: number | undefined; blocks: ReadonlyMap<number, readonly CaseRow[]>; error: unknown }>({
    query,
    total: undefined,
    blocks: new Map(),
    error: undefined,
  });
  // Per query: the newest call per block (an older answer never overwrites it) and the blocks still on their way
  // (so one scroll does not ask for a block twice).
  const latest = useRef(new Map<number, number>());
  const pending = useRef(new Set<number>());
  const calls = useRef(0);
  const last = useRef(0);

  const fetchBlock = useCallback(
    (block: number) => {
      const call = ++calls.current;
      latest.current.set(block, call);
      pending.current.add(block);
      const { filter: f, sort: s } = JSON.parse(query) as { filter: CaseFilter; sort: CaseSort }; // built by this hook from those types
      transport.invoke('case-list', { filter: f, sort: s, page: { offset: block * BLOCK, limit: BLOCK } }).then(
        (answer) =>
          setState((prev) => {
            if (prev.query !== query || latest.current.get(block) !== call) return prev; // a newer call or query wins
            pending.current.delete(block);
            const blocks = new Map(prev.blocks);
            blocks.set(
              block,
              answer.items.map((summary, i) => ({ key: block * BLOCK + i, summary })),
            );
            evictFarthest(blocks, last.current);
            return { query, total: answer.total, blocks, error: undefined };
          }),
        (error: unknown) => {
          pending.current.delete(block);
          setState((prev) => (prev.query === query ? { ...prev, error } : prev));
        },
      );
    },
    [transport, query],
  );

  // A new filter or sort starts an empty list; its first block also tells the total.
  useEffect(() => {
    latest.current = new Map();
    pending.current = new Set();
    last.current = 0;
    setState({ query, total: undefined, blocks: new Map(), error: undefined });
    fetchBlock(0);
  }, [query, fetchBlock]);

  // Re-read the blocks in view when any matter changes: a new matter shifts every offset of a newest-first list.
  const loaded = useRef<readonly number[]>([]);
  useEffect(() => {
    loaded.current = [...state.blocks.keys()];
  }, [state.blocks]);
  useEffect(
    () =>
      transport.on('data-changed', (change) => {
        if (!change.collections.includes('cases')) return;
        const blocks = loaded.current.length > 0 ? loaded.current : [0];
        for (const block of blocks) fetchBlock(block);
      }),
    [transport, fetchBlock],
  );

  const ensure = useCallback(
    (first: number, lastRow: number) => {
      // Never past the end: a scroll near the bottom must not ask for a block that cannot exist.
      const lastBlock = Math.max(0, Math.floor(((state.total ?? 1) - 1) / BLOCK));
      const from = Math.min(lastBlock, Math.max(0, Math.floor(first / BLOCK)));
      const to = Math.min(lastBlock, Math.max(from, Math.floor(Math.max(first, lastRow) / BLOCK)));
      last.current = from;
      for (let block = from; block <= to; block++) {
        if (!state.blocks.has(block) && !pending.current.has(block)) fetchBlock(block);
      }
    },
    [state.blocks, state.total, fetchBlock],
  );

  const placeholders = useMemo(() => Array.from({ length: state.total ?? 0 }, (_, key): CaseRow => ({ key })), [state.total]);
  const rows = useMemo(() => {
    if (state.blocks.size === 0) return placeholders;
    const out = placeholders.slice();
    for (const block of state.blocks.values()) for (const row of block) if (row.key < out.length) out[row.key] = row;
    return out;
  }, [placeholders, state.blocks]);

  return { rows, total: state.total, error: state.error, ensure };
}

function evictFarthest(blocks: Map<number, readonly CaseRow[]>, near: number): void {
  while (blocks.size > MAX_BLOCKS) {
    const farthest = [...blocks.keys()].reduce((a, b) => (Math.abs(b - near) > Math.abs(a - near) ? b : a));
    blocks.delete(farthest);
  }
}
