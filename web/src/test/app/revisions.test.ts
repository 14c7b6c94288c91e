import { describe, expect, it } from 'vitest';
import { diffRange, parseSelection, previousOf, selectionParam, toggleSelection } from '../../main/app/logic/revisions';

describe('picking revisions to compare', () => {
  it('adds a pick and drops it when picked again', () => {
    expect(toggleSelection([], 7)).toEqual([7]);
    expect(toggleSelection([7], 7)).toEqual([]);
  });
  it('keeps the two latest picks when a third is made', () => {
    expect(toggleSelection([3, 7], 9)).toEqual([7, 9]);
  });
  it('diffs from the older to the newer revision whatever the order of picking', () => {
    expect(diffRange([12, 4])).toEqual({ from: 4, to: 12 });
    expect(diffRange([4, 12])).toEqual({ from: 4, to: 12 });
    expect(diffRange([4])).toBeNull();
  });
  it('reads the picks back from the URL, ignoring what is not a revision number', () => {
    expect(parseSelection('12,9')).toEqual([12, 9]);
    expect(parseSelection('x,-1,0,2.5,9')).toEqual([9]);
    expect(parseSelection('1,2,3')).toEqual([2, 3]);
    expect(parseSelection(null)).toEqual([]);
    expect(parseSelection(selectionParam([5, 6]))).toEqual([5, 6]);
  });
  it('takes the next older listed revision as the previous one, across gaps', () => {
    expect(previousOf([20, 17, 16, 9], 17)).toBe(16);
    expect(previousOf([20, 17, 16, 9], 16)).toBe(9);
    expect(previousOf([20, 17, 16, 9], 9)).toBeUndefined();
  });
});
