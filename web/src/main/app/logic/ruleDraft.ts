import type { Rule, ServiceEntry } from '../api/types';

/** A rule as the editor's text fields hold it. */
export interface RuleDraft {
  id: string;
  sequence_number: string;
  sources: string;
  destinations: string;
  services: string;
  scope: string;
  action: Rule['action'];
  direction: Rule['direction'];
  disabled: boolean;
}

const list = (paths: string[] | undefined) => (paths ?? []).filter((p) => p !== 'ANY').join(', ');

export function ruleDraft(rule?: Rule): RuleDraft {
  return {
    id: rule?.id ?? '',
    sequence_number: String(rule?.sequence_number ?? 0),
    sources: list(rule?.source_groups),
    destinations: list(rule?.destination_groups),
    services: (rule?.service_entries ?? []).filter((e) => e.l4_protocol)
      .flatMap((e) => (e.destination_ports?.length ? e.destination_ports : ['']).map((p) => p ? `${e.l4_protocol}/${p}` : `${e.l4_protocol}`))
      .join(', '),
    scope: list(rule?.scope),
    action: rule?.action ?? 'ALLOW',
    direction: rule?.direction ?? 'IN_OUT',
    disabled: rule?.disabled ?? false,
  };
}

function paths(text: string): string[] {
  const out = text.split(',').map((s) => s.trim()).filter(Boolean);
  return out.length ? out : ['ANY'];
}

/** "TCP/8080, TCP/9000-9100, UDP" → one L4 port-set entry per protocol, ports in the order given. */
export function serviceEntries(text: string): ServiceEntry[] {
  const byProtocol = new Map<string, string[]>();
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [protocol, port] = part.split('/');
    const key = protocol.toUpperCase();
    const ports = byProtocol.get(key) ?? [];
    if (port) ports.push(port.trim());
    byProtocol.set(key, ports);
  }
  return [...byProtocol].map(([l4_protocol, destination_ports]) => ({
    resource_type: 'L4PortSetServiceEntry', l4_protocol, destination_ports,
  }));
}

/**
 * The body of the PUT: the original rule with the edited fields, carrying the `_revision` the editor was opened
 * with, so the server refuses the save (412) when someone else changed the rule in between.
 */
export function ruleFromDraft(draft: RuleDraft, original?: Rule): Rule & { _revision?: number } {
  const base: Partial<Rule> = original ? { ...original } : {};
  const entries = serviceEntries(draft.services);
  return {
    ...base,
    id: draft.id.trim(),
    sequence_number: Number(draft.sequence_number) || 0,
    source_groups: paths(draft.sources),
    destination_groups: paths(draft.destinations),
    service_entries: entries,
    services: entries.length ? [] : (base.services ?? []),
    scope: paths(draft.scope),
    action: draft.action,
    direction: draft.direction,
    disabled: draft.disabled,
    _revision: original?._revision,
  } as Rule & { _revision?: number };
}
