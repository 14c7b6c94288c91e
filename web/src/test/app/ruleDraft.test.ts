import { describe, expect, it } from 'vitest';
import type { Rule } from '../../main/app/api/types';
import { ruleDraft, ruleFromDraft, serviceEntries } from '../../main/app/logic/ruleDraft';

const rule: Rule = { id: 'ingress-0', sequence_number: 3, source_groups: ['/infra/domains/default/groups/src'],
  destination_groups: ['ANY'], services: [], scope: ['ANY'], action: 'ALLOW', direction: 'IN',
  service_entries: [{ resource_type: 'L4PortSetServiceEntry', l4_protocol: 'TCP', destination_ports: ['8080'] }],
  _revision: 4 };

describe('rule editor', () => {
  it('keeps the revision it was opened with, so a stale save is refused', () => {
    const body = ruleFromDraft({ ...ruleDraft(rule), action: 'DROP' }, rule);
    expect(body._revision).toBe(4);
    expect(body.action).toBe('DROP');
  });
  it('round-trips a rule through its text fields', () => {
    const body = ruleFromDraft(ruleDraft(rule), rule);
    expect(body.source_groups).toEqual(rule.source_groups);
    expect(body.destination_groups).toEqual(['ANY']);
    expect(body.service_entries).toEqual(rule.service_entries);
  });
  it('groups ports by protocol', () => {
    expect(serviceEntries('tcp/80, TCP/443, UDP/53')).toEqual([
      { resource_type: 'L4PortSetServiceEntry', l4_protocol: 'TCP', destination_ports: ['80', '443'] },
      { resource_type: 'L4PortSetServiceEntry', l4_protocol: 'UDP', destination_ports: ['53'] },
    ]);
  });
});
