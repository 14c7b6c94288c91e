/**
 * Issue 13's read and run calls over the typed client: Antrea health, rule statistics, traceflow, Ingress inventory
 * (docs/api.md#antrea-health, #rule-statistics, #traceflow; inventory/ingresses).
 */
import type { Client, Query } from './client';
import type { Explanation, InventoryObject, ListPage } from './types';

const BW = '/api/v1/breakwater';
const TRACEFLOWS = '/policy/api/v1/infra/traceflows';

export type ComponentState = 'Healthy' | 'Unhealthy' | 'Stale';

export interface Condition {
  type: string;
  status: string;
  last_heartbeat_time?: string;
  reason?: string;
  message?: string;
}

interface Judged {
  name: string;
  version?: string;
  node?: string;
  pod?: string;
  conditions?: Condition[];
  last_heartbeat?: string;
  heartbeat_age_seconds?: number;
  state: ComponentState;
  detail: string;
}

export interface ControllerHealth extends Judged {
  connected_agents?: number;
  network_policies?: number;
  address_groups?: number;
  applied_to_groups?: number;
}

export interface AgentHealth extends Judged {
  local_pods?: number;
  node_subnets?: string[];
  ovs?: { version?: string; bridge?: string; flows?: number };
  network_policies?: number;
}

export interface ClusterHealth {
  cluster: string;
  status: 'HEALTHY' | 'DEGRADED' | 'UNKNOWN';
  reasons: string[];
  heartbeat_timeout_seconds: number;
  received_time?: number;
  controller: ControllerHealth | null;
  agent_count: number;
  healthy_agents: number;
}

export interface RuleStat {
  cluster: string;
  policy_id: string;
  rule_id: string;
  sessions: number;
  packets: number;
  bytes: number;
  counter_resets: number;
  first_time: number;
  last_hit_time: number;
}

export interface Ingress extends InventoryObject {
  ingress_class?: string;
  hosts?: string[];
  addresses?: string[];
  tls?: unknown[];
  rules?: { host?: string; path?: string; path_type?: string; service?: string; service_port?: number | string }[];
  default_backend?: { service?: string; service_port?: number | string };
}

export type Endpoint = { pod: string } | { ip: string } | { service: string };

export interface TraceflowRequest {
  cluster: string;
  source: { pod: string } | { ip: string };
  destination: Endpoint;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port: number;
}

export interface Observation {
  component: string;
  component_info?: string;
  action: string;
  pod?: string;
  network_policy?: string;
  network_policy_rule?: string;
  dfw_policy_id?: string;
  dfw_rule_id?: string;
}

export interface Traceflow extends TraceflowRequest {
  id: string;
  path?: string;
  state: 'PENDING' | 'COMPLETED' | 'FAILED';
  predicted: {
    /** MIXED: a Service destination whose endpoints are predicted differently (see endpoints). */
    verdict: 'ALLOWED' | 'DENIED' | 'MIXED' | 'UNPREDICTED';
    /** A Service destination: each endpoint Pod with its target port and verdict. */
    endpoints?: { pod: string; ip: string; port: number; verdict: 'ALLOWED' | 'DENIED' }[];
    endpoints_agree?: boolean;
    /** Absent when UNPREDICTED. */
    deciding_rules?: { direction: string; policy: string; rule: string; action: string }[];
    /** The evaluator's explanation (as `GET …/explain` answers), absent when UNPREDICTED. */
    explanation?: Explanation;
    /** Why there is no prediction. */
    note?: string;
  };
  observed: null | {
    phase: string;
    reason?: string;
    verdict: 'DELIVERED' | 'DROPPED' | 'REJECTED' | 'UNKNOWN';
    results: { node: string; role: string; observations: Observation[] }[];
  };
  /** endpoint: for a Service, the endpoint Pod the observation named and the comparison used. */
  agreement: { status: 'AGREE' | 'DISAGREE' | 'UNDECIDED'; message: string; endpoint?: string };
}

const enc = encodeURIComponent;

export function antreaHealth(client: Client, cluster: string) {
  return client.get<ClusterHealth>(`${BW}/clusters/${enc(cluster)}/antrea-health`);
}

export function antreaAgents(client: Client, cluster: string) {
  return client.all<AgentHealth>(`${BW}/clusters/${enc(cluster)}/antrea-health/agents`);
}

/** Per-cluster rows with `cluster`; without it the server's sums over clusters (`cluster` `*`). */
export function ruleStats(client: Client, cluster?: string) {
  return client.all<RuleStat>(`${BW}/statistics/rules`, { cluster });
}

export function unusedRules(client: Client, periodSeconds: number) {
  return client.get<ListPage<RuleStat> & { period_seconds: number }>(`${BW}/statistics/unused-rules`,
    { period_seconds: periodSeconds, page_size: 1000 });
}

export function ingresses(client: Client, query: Query) {
  return client.get<ListPage<Ingress>>(`${BW}/inventory/ingresses`, query);
}

export function startTraceflow(client: Client, request: TraceflowRequest) {
  return client.request<Traceflow>('POST', TRACEFLOWS, request);
}

export function traceflow(client: Client, id: string) {
  return client.get<Traceflow>(`${TRACEFLOWS}/${enc(id)}`);
}
