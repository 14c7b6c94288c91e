import { describe, expect, it } from 'vitest';
import { className, fold } from '../../main/app/logic/matrixFold';

describe('folding a matrix into pod classes', () => {
  it('folds replicas that behave alike into one class', () => {
    // web-1 and web-2 reach db; db reaches nobody; everyone reaches web
    const pods = ['ns/db', 'ns/web-1', 'ns/web-2'];
    const matrix = ['-XX', '.-.', '..-'];
    const f = fold(pods, matrix);
    expect(f.classes.map((c) => c.members)).toEqual([['ns/db'], ['ns/web-1', 'ns/web-2']]);
    expect(f.cells).toEqual([['-', 'X'], ['.', '.']]);
  });

  it('keeps pods apart when one row differs', () => {
    const pods = ['ns/a', 'ns/b', 'ns/c'];
    const matrix = ['-..', 'X-.', '..-'];
    expect(fold(pods, matrix).classes).toHaveLength(3);
  });

  it('folds 1,000 identical pods into one class', () => {
    const n = 1000;
    const pods = Array.from({ length: n }, (_, i) => `ns/web-${i}`);
    const matrix = pods.map((_, i) => Array.from({ length: n }, (_, j) => (i === j ? '-' : '.')).join(''));
    const f = fold(pods, matrix);
    expect(f.classes).toHaveLength(1);
    expect(f.cells).toEqual([['.']]);
  });

  it('names a class by the common prefix and its size', () => {
    expect(className({ members: ['ns/web-1', 'ns/web-2'], representative: 0, indices: [0, 1] })).toBe('ns/web-… (2 pods)');
    expect(className({ members: ['ns/db'], representative: 0, indices: [0] })).toBe('ns/db');
  });
});
