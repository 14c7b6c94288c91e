import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

export interface Column<T> {
  title: string;
  cell(row: T): ReactNode;
  width?: string;
}

interface Props<T> {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey(row: T): string;
  /** Total over all pages (the list's result_count); rows past `rows.length` are fetched by `loadMore`. */
  total?: number;
  loadMore?(): void;
  height?: number;
  rowHeight?: number;
  testId?: string;
}

/**
 * A table that renders only the rows in view (plus a few): 100,000 rows cost as much DOM as 30. When the view
 * nears the end of the loaded rows and more exist on the server, it asks for the next page.
 */
export function VirtualTable<T>({ label, columns, rows, rowKey, total, loadMore, height = 420, rowHeight = 33,
  testId }: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.length ? items[items.length - 1].index : -1;
  useEffect(() => {
    if (loadMore && total !== undefined && rows.length < total && last >= rows.length - 20) loadMore();
  }, [last, rows.length, total, loadMore]);

  const top = items.length ? items[0].start : 0;
  const bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return (
    <div ref={scrollRef} className="bw-scroll" style={{ maxHeight: height }} tabIndex={0} role="region"
      aria-label={`${label} (scrollable)`} data-testid={testId}>
      <table className="pf-v6-c-table pf-m-compact pf-m-grid-md" aria-label={label} aria-rowcount={total ?? rows.length}
        style={{ tableLayout: 'fixed' }}>
        <thead className="pf-v6-c-table__thead" style={{ position: 'sticky', top: 0, zIndex: 1,
          background: 'var(--pf-t--global--background--color--primary--default, white)' }}>
          <tr className="pf-v6-c-table__tr">
            {columns.map((c) => <th key={c.title} className="pf-v6-c-table__th" style={{ width: c.width }}>{c.title}</th>)}
          </tr>
        </thead>
        <tbody className="pf-v6-c-table__tbody">
          {top > 0 && <tr aria-hidden style={{ height: top }} />}
          {items.map((item) => {
            const row = rows[item.index];
            return (
              <tr key={rowKey(row)} className="pf-v6-c-table__tr" style={{ height: rowHeight }}
                aria-rowindex={item.index + 1}>
                {columns.map((c) => <td key={c.title} className="pf-v6-c-table__td" data-label={c.title}>{c.cell(row)}</td>)}
              </tr>
            );
          })}
          {bottom > 0 && <tr aria-hidden style={{ height: bottom }} />}
        </tbody>
      </table>
      {total !== undefined && <div className="pf-v6-u-font-size-sm" style={{ padding: '0.25rem' }}>
        {rows.length < total ? `${rows.length} of ${total} loaded` : `${total} rows`}</div>}
    </div>
  );
}
