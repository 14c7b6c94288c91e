import { useCallback, useEffect, useRef, useState } from 'react';
import type { ListPage } from '../api/types';

export interface Paged<T> {
  rows: T[];
  total: number | undefined;
  loading: boolean;
  error: unknown;
  loadMore(): void;
  reload(): void;
}

/** Pages through a server list by its cursor, page by page, as the view asks for more. */
export function usePaged<T>(fetchPage: (cursor?: string) => Promise<ListPage<T>>, deps: unknown[]): Paged<T> {
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState<number>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  const cursor = useRef<string | undefined>(undefined);
  const busy = useRef(false);
  const generation = useRef(0);

  const fetchNext = useCallback((first: boolean) => {
    if (busy.current && !first) return;
    const gen = first ? ++generation.current : generation.current;
    busy.current = true;
    setLoading(true);
    fetchPage(first ? undefined : cursor.current).then((page) => {
      if (gen !== generation.current) return;
      cursor.current = page.cursor;
      setRows((old) => (first ? page.results : [...old, ...page.results]));
      setTotal(page.result_count);
      setError(undefined);
    }, (e) => gen === generation.current && setError(e)).finally(() => {
      if (gen === generation.current) {
        busy.current = false;
        setLoading(false);
      }
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    setRows([]);
    setTotal(undefined);
    fetchNext(true);
  }, [fetchNext, tick]);

  const loadMore = useCallback(() => {
    if (cursor.current) fetchNext(false);
  }, [fetchNext]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { rows, total, loading, error, loadMore, reload };
}
