import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

export type Verdict = 'allow' | 'block' | 'self';

interface Props {
  label: string;
  /** names of the rows and columns (the same pod classes on both axes) */
  names: string[];
  verdict(from: number, to: number): Verdict;
  onExplain(from: number, to: number): void;
  cell?: number;
  headerWidth?: number;
  headerHeight?: number;
  testId?: string;
}

const GLYPH: Record<Verdict, string> = { allow: '·', block: '✕', self: '' };
const WORD: Record<Verdict, string> = { allow: 'allowed', block: 'blocked', self: 'the same pod' };

/**
 * The reachability grid, virtualized on both axes: only the cells in view (plus a margin) are in the page, so
 * 1,000 × 1,000 classes cost as much DOM as 30 × 30. Row and column headers stay in view while scrolling. One
 * cell is in the tab order (roving tabindex); arrows, Home/End, PageUp/PageDown move it, Enter or a click explains.
 */
export function MatrixGrid({ label, names, verdict, onExplain, cell = 22, headerWidth = 260, headerHeight = 150,
  testId }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const focusAfterMove = useRef(false);
  const n = names.length;
  const rows = useVirtualizer({
    count: n, getScrollElement: () => scrollRef.current, estimateSize: () => cell, overscan: 6,
    scrollPaddingStart: headerHeight, initialRect: { width: 900, height: 600 },
  });
  const cols = useVirtualizer({
    count: n, horizontal: true, getScrollElement: () => scrollRef.current, estimateSize: () => cell, overscan: 6,
    scrollPaddingStart: headerWidth, initialRect: { width: 900, height: 600 },
  });

  useEffect(() => {
    if (!focusAfterMove.current) return;
    focusAfterMove.current = false;
    scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${active[0]}:${active[1]}"] button`)?.focus();
  });

  function move(i: number, j: number) {
    const to: [number, number] = [Math.max(0, Math.min(n - 1, i)), Math.max(0, Math.min(n - 1, j))];
    setActive(to);
    rows.scrollToIndex(to[0], { align: 'auto' });
    cols.scrollToIndex(to[1], { align: 'auto' });
    focusAfterMove.current = true;
  }

  function onKeyDown(e: KeyboardEvent) {
    const [i, j] = active;
    const page = 10;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [i - 1, j], ArrowDown: [i + 1, j], ArrowLeft: [i, j - 1], ArrowRight: [i, j + 1],
      PageUp: [i - page, j], PageDown: [i + page, j], Home: e.ctrlKey ? [0, 0] : [i, 0],
      End: e.ctrlKey ? [n - 1, n - 1] : [i, n - 1],
    };
    const to = moves[e.key];
    if (to) {
      e.preventDefault();
      move(to[0], to[1]);
    }
  }

  const width = headerWidth + cols.getTotalSize();
  const height = headerHeight + rows.getTotalSize();
  const visibleCols = cols.getVirtualItems();
  return (
    <div ref={scrollRef} className="bw-scroll bw-grid" style={{ maxHeight: '70vh' }} role="grid" aria-label={label}
      aria-rowcount={n + 1} aria-colcount={n + 1} onKeyDown={onKeyDown} data-testid={testId}>
      <div style={{ width, height, position: 'relative' }}>
        <div role="row" aria-rowindex={1} className="bw-grid-head" style={{ height: headerHeight, width }}>
          <div role="columnheader" aria-colindex={1} className="bw-grid-corner"
            style={{ width: headerWidth, height: headerHeight }}>from \ to</div>
          {visibleCols.map((c) => (
            <div key={c.index} role="columnheader" aria-colindex={c.index + 2} title={names[c.index]}
              className="bw-grid-colhead" style={{ left: headerWidth + c.start, width: c.size, height: headerHeight }}>
              <span>{names[c.index]}</span>
            </div>
          ))}
        </div>
        {rows.getVirtualItems().map((r) => (
          <div key={r.index} role="row" aria-rowindex={r.index + 2} className="bw-grid-row"
            style={{ top: headerHeight + r.start, height: r.size, width }}>
            <div role="rowheader" aria-colindex={1} className="bw-grid-rowhead" title={names[r.index]}
              style={{ width: headerWidth, height: r.size }}>{names[r.index]}</div>
            {visibleCols.map((c) => {
              const kind = verdict(r.index, c.index);
              const isActive = active[0] === r.index && active[1] === c.index;
              return (
                <div key={c.index} role="gridcell" aria-colindex={c.index + 2} data-cell={`${r.index}:${c.index}`}
                  className={`bw-grid-cell ${kind}`} style={{ left: headerWidth + c.start, width: c.size, height: r.size }}>
                  <button type="button" tabIndex={isActive ? 0 : -1} aria-disabled={kind === 'self' || undefined}
                    aria-label={`${names[r.index]} to ${names[c.index]}: ${WORD[kind]}${kind === 'self' ? '' : '; explain'}`}
                    onFocus={() => !isActive && setActive([r.index, c.index])}
                    onClick={() => kind !== 'self' && onExplain(r.index, c.index)}>{GLYPH[kind]}</button>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
