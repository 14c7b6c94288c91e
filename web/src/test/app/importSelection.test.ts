import { describe, expect, it } from 'vitest';
import type { NetworkPolicy } from '../../main/app/api/types';
import { partialNamespaces, selectedUids, sequenceProblem } from '../../main/app/logic/importSelection';

const np = (uid: string, namespace: string, imported = false): NetworkPolicy => ({ cluster: 'c', kind: 'NetworkPolicy',
  namespace, name: uid, uid, resource_version: '1', labels: {}, pod_selector: {}, spec: {}, imported });

describe('import selection', () => {
  const all = [np('a1', 'a'), np('a2', 'a'), np('a3', 'a', true), np('b1', 'b')];
  it('takes every not yet imported NetworkPolicy of a whole namespace', () => {
    expect(selectedUids(all, { namespaces: new Set(['a']), policies: new Set() })).toEqual(['a1', 'a2']);
  });
  it('sends a policy picked singly and by its namespace once', () => {
    expect(selectedUids(all, { namespaces: new Set(['a']), policies: new Set(['a1', 'b1']) })).toEqual(['a1', 'a2', 'b1']);
  });
  it('names the namespaces picked only in part', () => {
    expect(partialNamespaces(all, { namespaces: new Set(), policies: new Set(['a1', 'b1']) })).toEqual(['a']);
  });
});

describe('sequence numbers', () => {
  it('accepts neither', () => expect(sequenceProblem('', '')).toBeNull());
  it('needs both', () => expect(sequenceProblem('10', '')).toMatch(/both/));
  it('needs the drop number after the allow number', () => expect(sequenceProblem('10', '5')).toMatch(/greater/));
  it('refuses numbers past 999,999', () => expect(sequenceProblem('1', '1000000')).toMatch(/999,999/));
  it('accepts a valid pair', () => expect(sequenceProblem('10', '20')).toBeNull());
});
