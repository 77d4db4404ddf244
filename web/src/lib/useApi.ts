import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorText, type RequestOptions } from '../api/client.ts';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: string | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Loads `path` (with `o.query`) whenever the key changes; null skips the request. Later answers
 * replace earlier ones only if they belong to the latest key, so fast filter changes do not race.
 */
export function useApi<T>(path: string | null, o: RequestOptions = {}): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  const key = path === null ? null : JSON.stringify([path, o.query ?? null]);
  const latest = useRef<string | null>(null);
  const opts = useRef(o);
  opts.current = o;

  useEffect(() => {
    if (key === null || path === null) {
      setState({ loading: false });
      return;
    }
    const mine = `${key}#${tick}`;
    latest.current = mine;
    setState((s) => ({ ...s, loading: true }));
    api<T>(path, opts.current).then(
      (data) => {
        if (latest.current === mine) setState({ data, loading: false });
      },
      (e: unknown) => {
        if (latest.current === mine) setState({ error: errorText(e), loading: false });
      },
    );
  }, [key, path, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
