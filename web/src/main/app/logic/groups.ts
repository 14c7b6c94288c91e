import type { Expression, Group, SecurityPolicy } from '../api/types';

/** A group's criteria as one line each: "Pod Tag EQUALS app|db", "IPs 10.0.0.0/8", "AND", "group x". */
export function criteriaText(expression: Expression[]): string[] {
  return expression.map((e) => {
    switch (e.resource_type) {
      case 'Condition': return `${e.member_type} ${e.key} ${e.operator} ${e.value}`;
      case 'ConjunctionOperator': return e.conjunction_operator ?? 'AND';
      case 'IPAddressExpression': return `IPs ${(e.ip_addresses ?? []).join(', ')}`;
      case 'PathExpression': return `groups ${(e.paths ?? []).join(', ')}`;
      case 'NestedExpression': return `( ${criteriaText(e.expressions ?? []).join(' ')} )`;
      default: return e.resource_type;
    }
  });
}

export interface Use {
  policy: string;
  rule?: string;
  field: string;
}

/** Where a group path is referenced: policy scopes, rule sources, destinations and applied-to, other groups. */
export function whereUsed(path: string, policies: SecurityPolicy[], groups: Group[]): Use[] {
  const out: Use[] = [];
  for (const p of policies) {
    if (p.scope?.includes(path)) out.push({ policy: p.id, field: 'scope' });
    for (const r of p.rules ?? []) {
      if (r.source_groups.includes(path)) out.push({ policy: p.id, rule: r.id, field: 'source_groups' });
      if (r.destination_groups.includes(path)) out.push({ policy: p.id, rule: r.id, field: 'destination_groups' });
      if (r.scope.includes(path)) out.push({ policy: p.id, rule: r.id, field: 'scope' });
    }
  }
  for (const g of groups) {
    if (g.expression.some((e) => e.resource_type === 'PathExpression' && e.paths?.includes(path))) {
      out.push({ policy: g.id, field: 'group expression' });
    }
  }
  return out;
}
