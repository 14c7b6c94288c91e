import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MatrixGrid, type Verdict } from '../../main/app/components/MatrixGrid';

afterEach(cleanup);

// jsdom lays nothing out: give every element the size of a 600 × 400 view, as a browser window would.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });
});
afterAll(() => {
  // the prototype of Element keeps jsdom's own getters; these shadowed them
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
});

const names = Array.from({ length: 1000 }, (_, i) => `ns/app-${i}`);
const verdict = (i: number, j: number): Verdict => (i === j ? 'self' : (i + j) % 2 ? 'block' : 'allow');

// by attribute: computing the accessible name of a thousand buttons (getByRole) is slow in jsdom
const button = (label: string) => document.querySelector<HTMLElement>(`button[aria-label="${label}"]`)!;
const grid_ = () => document.querySelector<HTMLElement>('[role="grid"]')!;

function grid(onExplain = vi.fn()) {
  const view = render(<MatrixGrid label="Reachability" names={names} verdict={verdict} onExplain={onExplain} />);
  return { ...view, onExplain };
}

// a render of the window takes seconds on a loaded machine; no test here measures time
describe('the connectivity grid', { timeout: 30_000 }, () => {
  it('puts only a window of 1,000 × 1,000 classes in the page', () => {
    const { container } = grid();
    const cells = container.querySelectorAll('[role="gridcell"]').length;
    const rowHeads = container.querySelectorAll('[role="rowheader"]').length;
    expect(cells).toBeGreaterThan(0);
    expect(cells).toBeLessThan(5_000);
    expect(rowHeads).toBeLessThan(100);
    expect(grid_().getAttribute('aria-rowcount')).toBe('1001');
  });

  it('keeps one cell in the tab order and moves it with the arrow keys', () => {
    const { container } = grid();
    const tabbable = () => [...container.querySelectorAll('[role="gridcell"] button')]
      .filter((b) => b.getAttribute('tabindex') === '0');
    expect(tabbable().map((b) => b.closest('[data-cell]')!.getAttribute('data-cell'))).toEqual(['0:0']);
    fireEvent.keyDown(grid_(), { key: 'ArrowRight' });
    fireEvent.keyDown(grid_(), { key: 'ArrowDown' });
    fireEvent.keyDown(grid_(), { key: 'ArrowDown' });
    expect(tabbable().map((b) => b.closest('[data-cell]')!.getAttribute('data-cell'))).toEqual(['2:1']);
    expect(document.activeElement?.closest('[data-cell]')?.getAttribute('data-cell')).toBe('2:1');
  });

  it('explains a cell on click, naming both classes and the verdict', () => {
    const { onExplain } = grid();
    fireEvent.click(button('ns/app-0 to ns/app-1: blocked; explain'));
    expect(onExplain).toHaveBeenCalledWith(0, 1);
  });

  it('does not explain a pod to itself', () => {
    const { onExplain } = grid();
    fireEvent.click(button('ns/app-0 to ns/app-0: the same pod'));
    expect(onExplain).not.toHaveBeenCalled();
  });
});
