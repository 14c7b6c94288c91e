import { describe, expect, it } from 'vitest';
import type { Group, Rule } from '../../main/app/api/types';
import {
  draftProblems, fieldOfPath, matchingGroups, ruleDraft, ruleFromDraft, serverFieldErrors,
} from '../../main/app/logic/ruleDraft';

const G = '/infra/domains/default/groups/';
const rule: Rule = { id: 'ingress-0', sequence_number: 3, source_groups: [`${G}src`],
  destination_groups: ['ANY'], services: [], scope: ['ANY'], action: 'ALLOW', direction: 'IN',
  service_entries: [{ resource_type: 'L4PortSetServiceEntry', l4_protocol: 'TCP', destination_ports: ['8080', '9000-9100'] },
    { resource_type: 'ICMPTypeServiceEntry', protocol: 'ICMPv4', icmp_type: 8, icmp_code: 0 },
    { resource_type: 'IPProtocolServiceEntry', protocol_number: 47 }],
  logged: true, _revision: 4 };

const group = (id: string, name: string): Group => ({ id, display_name: name, path: `${G}${id}`, expression: [],
  tags: [], _revision: 0 });

describe('rule draft', () => {
  it('keeps the revision it was opened with, so a stale save is refused', () => {
    const body = ruleFromDraft({ ...ruleDraft(rule), action: 'DROP' }, rule);
    expect(body._revision).toBe(4);
    expect(body.action).toBe('DROP');
  });
  it('round-trips groups, ANY, L4 ports, ICMP type and code, and the flags', () => {
    const body = ruleFromDraft(ruleDraft(rule), rule);
    expect(body.source_groups).toEqual(rule.source_groups);
    expect(body.destination_groups).toEqual(['ANY']);
    expect(body.scope).toEqual(['ANY']);
    expect(body.service_entries).toEqual(rule.service_entries);
    expect(body.logged).toBe(true);
  });
  it('sends services ANY only when no service narrows the rule', () => {
    const bare: Rule = { ...rule, service_entries: [] };
    expect(ruleFromDraft(ruleDraft(bare), bare).services).toEqual(['ANY']);
    expect(ruleFromDraft(ruleDraft(rule), rule).services).toEqual([]);
  });
  it('keeps entries it does not edit after the edited ones', () => {
    const draft = ruleDraft(rule);
    expect(draft.services.map((s) => s.protocol)).toEqual(['TCP', 'ICMPv4']);
    const body = ruleFromDraft({ ...draft, services: [{ kind: 'L4', protocol: 'UDP', ports: '53' }] }, rule);
    expect(body.service_entries).toEqual([
      { resource_type: 'L4PortSetServiceEntry', l4_protocol: 'UDP', destination_ports: ['53'] },
      { resource_type: 'IPProtocolServiceEntry', protocol_number: 47 }]);
  });
  it('leaves an ICMP type or code out when empty (any)', () => {
    const body = ruleFromDraft({ ...ruleDraft(), id: 'r', services: [{ kind: 'ICMP', protocol: 'ICMPv6', type: '', code: '' }] });
    expect(body.service_entries).toEqual([{ resource_type: 'ICMPTypeServiceEntry', protocol: 'ICMPv6' }]);
  });
});

describe('checks at the fields', () => {
  it('finds a bad port, a reversed range, an ICMP code without type and a missing id', () => {
    const problems = draftProblems({ ...ruleDraft(), sequence_number: '-1', services: [
      { kind: 'L4', protocol: 'TCP', ports: '80, 70000' }, { kind: 'L4', protocol: 'UDP', ports: '90-80' },
      { kind: 'ICMP', protocol: 'ICMPv4', type: '', code: '3' }, { kind: 'L4', protocol: 'TCP', ports: '' }] });
    expect(problems.id).toMatch(/required/);
    expect(problems.sequence_number).toBeTruthy();
    expect(problems['services.0']).toMatch(/70000/);
    expect(problems['services.1']).toMatch(/90-80/);
    expect(problems['services.2']).toMatch(/needs a type/);
    expect(problems['services.3']).toBeUndefined();
  });
  it('maps the server\'s field paths to the editor\'s fields', () => {
    expect(fieldOfPath('service_entries[1].destination_ports[0]', 2)).toBe('services.1');
    expect(fieldOfPath('service_entries[2].protocol_number', 2)).toBe('services');
    expect(fieldOfPath('source_groups[0]', 0)).toBe('sources');
    expect(fieldOfPath('action', 0)).toBe('action');
    expect(fieldOfPath('tag', 0)).toBeUndefined();
  });
  it('puts each related error of a 400 at its field without the path prefix', () => {
    const errors = serverFieldErrors({ error_message: 'x', related_errors: [
      { details: 'destination_groups[0]', error_message: 'destination_groups[0]: group /x does not exist' },
      { details: 'service_entries[0].destination_ports[0]', error_message: 'service_entries[0].destination_ports[0]: bad' },
    ] }, 1);
    expect(errors).toEqual({ destinations: 'group /x does not exist', 'services.0': 'bad' });
  });
});

describe('picking groups', () => {
  const groups = [group('shop-web', 'Shop web'), group('bank-db', 'Bank DB'), group('shop-db', 'Shop DB')];
  it('matches name, id or path in any case, sorted by name, leaving out the chosen', () => {
    expect(matchingGroups(groups, 'SHOP', []).map((g) => g.id)).toEqual(['shop-db', 'shop-web']);
    expect(matchingGroups(groups, 'db', [`${G}shop-db`]).map((g) => g.id)).toEqual(['bank-db']);
    expect(matchingGroups(groups, 'groups/bank', []).map((g) => g.id)).toEqual(['bank-db']);
  });
});
