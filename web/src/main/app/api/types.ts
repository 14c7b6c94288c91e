/** Shapes of the management server's answers (docs/api.md); only the fields the console reads. */

export type Role = 'enterprise_admin' | 'security_engineer' | 'auditor';

export interface ListPage<T> {
  results: T[];
  result_count: number;
  cursor?: string;
}

export interface ApiErrorBody {
  httpStatus?: string;
  error_code?: number;
  error_message?: string;
  details?: string;
  related_errors?: { error_code?: number; error_message?: string; details?: string }[];
}

export interface UserInfo {
  user_name: string;
  roles_for_paths: { path: string; roles: { role: Role }[] }[];
}

export interface ClusterSummary {
  name: string;
  synced: boolean;
  resource_version: string;
  last_sync_time: number;
  last_heartbeat: number;
  desired_version: number;
  adapter: { version?: string; last_sync?: string; desired_version?: number; errors?: string[] };
}

export interface ControlPlane {
  id: string;
  display_name: string;
  path: string;
  _revision: number;
  credential?: string;
}

export interface ContainerCluster {
  external_id: string;
  display_name: string;
  cni_type: string;
  network_status: string;
}

export interface InventoryObject {
  cluster: string;
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  resource_version: string;
  labels: Record<string, string>;
}

export interface Namespace extends InventoryObject {
  network_policy_count: number;
}

export interface Pod extends InventoryObject {
  node: string;
  phase: string;
  ips: string[];
  ports?: { name?: string; containerPort?: number; container_port?: number; protocol?: string }[];
}

export interface Service extends InventoryObject {
  type: string;
  cluster_ip: string;
  selector: Record<string, string>;
  ports: { name?: string; port?: number; protocol?: string; targetPort?: number | string }[];
}

export interface NetworkPolicy extends InventoryObject {
  pod_selector: unknown;
  spec: Record<string, unknown>;
  imported: boolean;
}

export interface Tag {
  scope: string;
  tag: string;
}

export interface Expression {
  resource_type: string;
  member_type?: string;
  key?: string;
  operator?: string;
  value?: string;
  paths?: string[];
  ip_addresses?: string[];
  conjunction_operator?: string;
  expressions?: Expression[];
}

export interface Group {
  id: string;
  display_name: string;
  path: string;
  description?: string;
  expression: Expression[];
  tags: Tag[];
  _revision: number;
}

export interface ServiceEntry {
  resource_type: string;
  l4_protocol?: string;
  destination_ports?: string[];
  source_ports?: string[];
  /** ICMPTypeServiceEntry: ICMPv4 or ICMPv6, with optional type and code */
  protocol?: string;
  icmp_type?: number;
  icmp_code?: number;
  /** IPProtocolServiceEntry */
  protocol_number?: number;
}

export interface Rule {
  id: string;
  display_name?: string;
  path?: string;
  sequence_number: number;
  source_groups: string[];
  destination_groups: string[];
  services: string[];
  service_entries: ServiceEntry[];
  scope: string[];
  action: 'ALLOW' | 'DROP' | 'REJECT' | 'JUMP_TO_APPLICATION';
  direction: 'IN' | 'OUT' | 'IN_OUT';
  disabled?: boolean;
  logged?: boolean;
  notes?: string;
  tags?: Tag[];
  _revision?: number;
}

export interface PolicyStatus {
  consolidated_status: 'UNINITIALIZED' | 'ERROR' | 'SUCCESS' | 'IN_PROGRESS' | string;
  per_cluster: { cluster: string; phase: string; message: string; current_nodes_realized?: number;
    desired_nodes_realized?: number }[];
}

export interface SecurityPolicy {
  id: string;
  display_name: string;
  path: string;
  description?: string;
  category: string;
  sequence_number: number;
  scope: string[];
  rules: Rule[];
  rule_count: number;
  tags: Tag[];
  status?: PolicyStatus;
  _revision: number;
  _last_modified_user?: string;
}

export interface ImportResponse {
  request_count: number;
  success_count: number;
  errors: { network_policy_id: string; errors: { error_code: string; error_message: string }[] }[];
  errors_general: { error_code?: string; error_message?: string }[];
  warnings: string[];
  dry_run: boolean;
  /** With `preview=true` (servers that compute it): what the import would write and the flows it changes. */
  objects?: ObjectChange[];
  import_marks?: ImportMarkChange[];
  connectivity?: ClusterConnectivity[];
}

export interface Decision {
  direction: string;
  outcome: string;
  allows: boolean;
  selecting_policies: string[];
  deciding_rules: { policy: string; rule: string; action: string }[];
  note: string;
}

export interface Explanation {
  target: string;
  cluster: string;
  source: string;
  destination: string;
  protocol: string;
  port: number | string;
  allowed: boolean;
  egress: Decision;
  ingress: Decision;
  warnings: string[];
}

export interface NamespaceMatrix {
  target: string;
  cluster: string;
  namespace: string;
  protocol: string;
  port: number | string;
  pods: string[];
  matrix: string[];
  warnings: string[];
}

export interface AuditEntry {
  id: number;
  time: number;
  actor: string;
  action: string;
  target: string;
  detail: string;
}

/** `ADDED`, `CHANGED` or `DELETED`: what a write, a rollback or a revision does to one object. */
export type ObjectChangeKind = 'ADDED' | 'CHANGED' | 'DELETED';

/** One object a preview or a diff reports, with its rendered body before and/or after. */
export interface ObjectChange {
  path: string;
  resource_type: string;
  change: ObjectChangeKind;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** One side of a flow: a pod class (pods of one namespace no rule tells apart) or an address range. */
export interface FlowParty {
  namespace?: string;
  labels?: Record<string, string>;
  pods?: string[];
  addresses?: string[];
}

export interface DecidingRule {
  policy: string;
  rule: string;
  action: string;
}

export interface DirectionReason {
  outcome: string;
  rules: DecidingRule[];
  isolatedBy?: string[];
}

export interface FlowDecision {
  allowed: boolean;
  egress: DirectionReason;
  ingress: DirectionReason;
}

/** A flow whose verdict changes: `opened` (blocked before, allowed after) or `closed`. */
export interface FlowChange {
  change: 'opened' | 'closed';
  from: FlowParty;
  to: FlowParty;
  protocol: string;
  ports: [number, number];
  before: FlowDecision;
  after: FlowDecision;
}

/** The connectivity diff of one cluster: its flow changes (possibly cut short), coverage and notes. */
export interface ClusterConnectivity {
  cluster: string;
  flow_change_count: number;
  flows: FlowChange[];
  truncated?: boolean;
  coverage?: { podClasses?: number; addressRanges?: number; portRanges?: number; comparisons?: number };
  notes?: string[];
  error?: string;
}

/** A NetworkPolicy's "imported" mark that a change sets (ADDED) or clears (DELETED). */
export interface ImportMarkChange {
  uid: string;
  cluster: string;
  namespace: string;
  name: string;
  change: ObjectChangeKind;
}

/** The answer of a write, rollback or import with `preview=true`: nothing was committed. */
export interface WritePreview {
  preview: true;
  request: string;
  objects: ObjectChange[];
  import_marks?: ImportMarkChange[];
  /** Absent from servers that do not compute the connectivity diff. */
  connectivity?: ClusterConnectivity[];
}

export interface RevisionSummary {
  revision_number: number;
  time: number;
  user: string;
  request: string;
  object_count: number;
}

export interface Revision extends RevisionSummary {
  objects: { path: string; resource_type: string; change: ObjectChangeKind }[];
}

/** `GET …/revisions/{to}/diff?from=…`: what changes from revision `from` to revision `to`. */
export interface RevisionDiff {
  from: number;
  to: number;
  objects: ObjectChange[];
  import_marks?: ImportMarkChange[];
  connectivity?: ClusterConnectivity[];
}
