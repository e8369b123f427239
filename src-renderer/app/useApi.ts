import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiArgs, ApiName, ApiResults } from '#shared/contract/api';
import type { DataCollection } from '#shared/contract/events';
import { useDesk } from './desk-context';

export interface ApiQuery<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Reads core data through the Api and re-reads it when the core says a collection it depends on changed
 * (style.md "Renderer state": core data is never copied into a store by hand). `args: null` skips the call.
 * The last answer wins: a slow earlier answer never overwrites a newer one.
 */
export function useApi<K extends ApiName>(
  name: K,
  args: ApiArgs<K> | null,
  collections: readonly DataCollection[] = ['cases'],
): ApiQuery<ApiResults[K]> {
  const { transport } = useDesk();
  const [state, setState] = useState<{ data: ApiResults[K] | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: args !== null,
  });
  const key = args === null ? null : JSON.stringify(args);
  const generation = useRef(0);

  const run = useCallback(() => {
    if (key === null) return;
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    transport.invoke(name, JSON.parse(key) as ApiArgs<K>).then(
      (data) => mine === generation.current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => mine === generation.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
  }, [transport, name, key]);

  // `collections` compared by value: callers pass literals, a new array each render.
  const watched = collections.join(',');
  useEffect(() => {
    run();
    const names = new Set(watched.split(','));
    return transport.on('data-changed', (change) => {
      if (change.collections.some((c) => names.has(c))) run();
    });
  }, [run, transport, watched]);

  return { ...state, reload: run };
}
