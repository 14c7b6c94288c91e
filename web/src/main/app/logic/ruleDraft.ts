import type { ApiErrorBody, Group, Rule, ServiceEntry } from '../api/types';

/** One service of the editor: TCP/UDP with destination ports (empty = any port), or ICMP with type and code. */
export type ServiceDraft =
  | { kind: 'L4'; protocol: 'TCP' | 'UDP'; ports: string }
  | { kind: 'ICMP'; protocol: 'ICMPv4' | 'ICMPv6'; type: string; code: string };

/** A rule as the editor holds it. Empty group lists and an empty service list mean ANY. */
export interface RuleDraft {
  id: string;
  display_name: string;
  sequence_number: string;
  sources: string[];
  destinations: string[];
  scope: string[];
  services: ServiceDraft[];
  action: Rule['action'];
  direction: Rule['direction'];
  logged: boolean;
  disabled: boolean;
}

/** The editor's fields, the keys of its field errors; a service's own row is `services.N`. */
export type DraftField = 'id' | 'display_name' | 'sequence_number' | 'sources' | 'destinations' | 'scope'
  | 'services' | `services.${number}` | 'action' | 'direction' | 'logged' | 'disabled';

export type FieldErrors = Partial<Record<DraftField, string>>;


const groups = (paths: string[] | undefined) => (paths ?? []).filter((p) => p.toUpperCase() !== 'ANY');

function serviceDraft(e: ServiceEntry): ServiceDraft | undefined {
  if (e.resource_type === 'L4PortSetServiceEntry' && (e.l4_protocol === 'TCP' || e.l4_protocol === 'UDP')) {
    return { kind: 'L4', protocol: e.l4_protocol, ports: (e.destination_ports ?? []).join(', ') };
  }
  if (e.resource_type === 'ICMPTypeServiceEntry' && (e.protocol === 'ICMPv4' || e.protocol === 'ICMPv6')) {
    return { kind: 'ICMP', protocol: e.protocol, type: e.icmp_type === undefined ? '' : String(e.icmp_type),
      code: e.icmp_code === undefined ? '' : String(e.icmp_code) };
  }
  return undefined;
}

export function ruleDraft(rule?: Rule): RuleDraft {
  return {
    id: rule?.id ?? '',
    display_name: rule?.display_name && rule.display_name !== rule.id ? rule.display_name : '',
    sequence_number: String(rule?.sequence_number ?? 0),
    sources: groups(rule?.source_groups),
    destinations: groups(rule?.destination_groups),
    scope: groups(rule?.scope),
    services: (rule?.service_entries ?? []).map(serviceDraft).filter((s): s is ServiceDraft => !!s),
    action: rule?.action ?? 'ALLOW',
    direction: rule?.direction ?? 'IN_OUT',
    logged: rule?.logged ?? false,
    disabled: rule?.disabled ?? false,
  };
}

/** What the editor does not edit but keeps: IP-protocol entries and service paths of the original rule. */
export function keptServices(rule?: Rule): { entries: ServiceEntry[]; paths: string[] } {
  return {
    entries: (rule?.service_entries ?? []).filter((e) => !serviceDraft(e)),
    paths: (rule?.services ?? []).filter((p) => p.toUpperCase() !== 'ANY'),
  };
}

/** "80, 443 8000-8080" → ["80", "443", "8000-8080"]. */
export function portList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

function serviceEntry(s: ServiceDraft): ServiceEntry {
  if (s.kind === 'L4') {
    return { resource_type: 'L4PortSetServiceEntry', l4_protocol: s.protocol, destination_ports: portList(s.ports) };
  }
  const out: ServiceEntry = { resource_type: 'ICMPTypeServiceEntry', protocol: s.protocol };
  if (s.type.trim()) out.icmp_type = Number(s.type);
  if (s.code.trim()) out.icmp_code = Number(s.code);
  return out;
}

/**
 * The body of the PUT: the original rule with the edited fields, carrying the `_revision` the editor was opened
 * with, so the server refuses the save (412) when someone else changed the rule in between. The services the
 * editor models come first (so `service_entries[N]` of a server error is the editor's row N), kept ones after.
 */
export function ruleFromDraft(draft: RuleDraft, original?: Rule): Rule & { _revision?: number } {
  const kept = keptServices(original);
  const entries = [...draft.services.map(serviceEntry), ...kept.entries];
  // NSX: ANY in `services` matches every service, so it is sent only when nothing narrows the rule
  const servicePaths = kept.paths.length ? kept.paths : entries.length ? [] : ['ANY'];
  const body: Rule & { _revision?: number } = {
    ...(original ?? {}),
    id: draft.id.trim(),
    display_name: draft.display_name.trim() || draft.id.trim(),
    sequence_number: Number(draft.sequence_number),
    source_groups: draft.sources.length ? draft.sources : ['ANY'],
    destination_groups: draft.destinations.length ? draft.destinations : ['ANY'],
    scope: draft.scope.length ? draft.scope : ['ANY'],
    service_entries: entries,
    services: servicePaths,
    action: draft.action,
    direction: draft.direction,
    logged: draft.logged,
    disabled: draft.disabled,
    _revision: original?._revision,
  };
  return body;
}

const PORT = /^(\d{1,5})(?:-(\d{1,5}))?$/;
const inPortRange = (n: number) => n >= 1 && n <= 65535;

function portProblem(text: string): string | undefined {
  const ports = portList(text);
  for (const p of ports) {
    const m = PORT.exec(p);
    if (!m || !inPortRange(Number(m[1])) || (m[2] !== undefined && (!inPortRange(Number(m[2]))
      || Number(m[2]) < Number(m[1])))) {
      return `"${p}" is not a port from 1 to 65535 or a range like 8080-8090`;
    }
  }
  const weight = ports.reduce((n, p) => n + (p.includes('-') ? 2 : 1), 0);
  return weight > 15 ? 'at most 15 ports (a range counts as 2)' : undefined;
}

function byteProblem(text: string, what: string): string | undefined {
  if (!text.trim()) return undefined;
  return /^\d{1,3}$/.test(text.trim()) && Number(text) <= 255 ? undefined : `${what} must be a number from 0 to 255`;
}

/** The checks the server makes too, run before sending so the admin sees them at the field at once. */
export function draftProblems(d: RuleDraft): FieldErrors {
  const out: FieldErrors = {};
  if (!d.id.trim()) out.id = 'A rule id is required';
  else if (/[/\s]/.test(d.id.trim())) out.id = 'A rule id has no spaces or slashes';
  if (!/^\d+$/.test(d.sequence_number.trim())) out.sequence_number = 'A whole number, 0 or more';
  d.services.forEach((s, i) => {
    const problem = s.kind === 'L4' ? portProblem(s.ports)
      : byteProblem(s.type, 'ICMP type') ?? byteProblem(s.code, 'ICMP code')
        ?? (s.code.trim() && !s.type.trim() ? 'an ICMP code needs a type' : undefined);
    if (problem) out[`services.${i}`] = problem;
  });
  return out;
}

const FIELD_OF: [RegExp, (m: RegExpExecArray) => DraftField][] = [
  [/^service_entries\[(\d+)\]/, (m) => `services.${Number(m[1])}`],
  [/^(services|service_entries)\b/, () => 'services'],
  [/^source_groups\b/, () => 'sources'],
  [/^destination_groups\b/, () => 'destinations'],
  [/^scope\b/, () => 'scope'],
  [/^(id|display_name|sequence_number|action|direction|logged|disabled)\b/, (m) => m[1] as DraftField],
];

/** The field a server error path (`service_entries[0].destination_ports[1]`) belongs to in the editor. */
export function fieldOfPath(path: string, serviceRows: number): DraftField | undefined {
  for (const [re, field] of FIELD_OF) {
    const m = re.exec(path);
    if (m) {
      const f = field(m);
      return f.startsWith('services.') && Number(f.split('.')[1]) >= serviceRows ? 'services' : f;
    }
  }
  return undefined;
}

/**
 * A 400's field paths (`details` and each `related_errors` entry) as messages at the editor's fields; what
 * belongs to no field of the editor stays for the general error.
 */
export function serverFieldErrors(body: ApiErrorBody, serviceRows: number): FieldErrors {
  const problems = body.related_errors?.length ? body.related_errors
    : [{ details: body.details, error_message: body.error_message }];
  const out: FieldErrors = {};
  for (const p of problems) {
    if (!p.details) continue;
    const field = fieldOfPath(p.details, serviceRows);
    if (!field) continue;
    const message = (p.error_message ?? '').replace(`${p.details}: `, '');
    out[field] = out[field] ? `${out[field]}; ${message}` : message;
  }
  return out;
}

/** Groups whose display name, id or path contains the text (any case), not already chosen, by display name. */
export function matchingGroups(all: Group[], text: string, chosen: string[], limit = 50): Group[] {
  const t = text.trim().toLowerCase();
  return all.filter((g) => !chosen.includes(g.path)
    && (!t || [g.display_name, g.id, g.path].some((v) => v.toLowerCase().includes(t))))
    .sort((a, b) => a.display_name.localeCompare(b.display_name) || a.path.localeCompare(b.path))
    .slice(0, limit);
}
