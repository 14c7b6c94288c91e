import {
  Alert, Button, Checkbox, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, Label,
  LabelGroup, Menu, MenuContent, MenuItem, MenuList, Modal, ModalBody, ModalFooter, ModalHeader, SearchInput,
  TextInput,
} from '@patternfly/react-core';
import { useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import type { Group, Rule, SecurityPolicy } from '../api/types';
import {
  draftProblems, keptServices, matchingGroups, ruleDraft, ruleFromDraft, serverFieldErrors, type DraftField,
  type FieldErrors, type RuleDraft, type ServiceDraft,
} from '../logic/ruleDraft';
import { useSession } from '../session';
import { ErrorAlert } from './States';
import { useAsync } from './useAsync';

const ACTIONS: Rule['action'][] = ['ALLOW', 'DROP', 'REJECT', 'JUMP_TO_APPLICATION'];
const DIRECTIONS: Rule['direction'][] = ['IN_OUT', 'IN', 'OUT'];
const SERVICE_KINDS = ['TCP', 'UDP', 'ICMPv4', 'ICMPv6'] as const;

/**
 * An optional look before the save: `run` sends the same PUT as a preview and `render` shows its answer; with it,
 * the first button is *Preview impact* and *Save* follows once the preview is shown (any edit asks for a new one).
 */
export interface SavePreview<T = unknown> {
  run(policyId: string, body: Rule & { _revision?: number }): Promise<T>;
  render(result: T): ReactNode;
}

interface Props<T> {
  policy: SecurityPolicy;
  rule?: Rule;
  onClose(saved: boolean): void;
  preview?: SavePreview<T>;
}

/**
 * Adds or edits one rule: groups picked from the existing ones (searchable; none = ANY), services as TCP/UDP ports or
 * ICMP type/code (none = ANY), action, direction, logged and disabled. Checks run at the fields before sending; a
 * 400 from the server puts each of its field paths' messages at its field, a 412 offers a reload.
 */
export function RuleEditor<T = unknown>({ policy, rule: opened, onClose, preview }: Props<T>) {
  const { client } = useSession();
  const groups = useAsync(() => client.groups(), [client]);
  const [rule, setRule] = useState(opened);
  const [draft, setDraft] = useState<RuleDraft>(() => ruleDraft(opened));
  const [error, setError] = useState<unknown>();
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [impact, setImpact] = useState<{ result: T }>();
  const isNew = !opened;
  const local = draftProblems(draft);
  const errors: FieldErrors = { ...serverErrors, ...(tried ? local : {}) };
  const change = (patch: Partial<RuleDraft>) => {
    setImpact(undefined);
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors((e) => { const n = { ...e }; for (const k of Object.keys(patch)) delete n[k as DraftField]; return n; });
  };

  async function save() {
    setTried(true);
    if (Object.keys(local).length) return;
    setBusy(true);
    setError(undefined);
    setServerErrors({});
    try {
      const body = ruleFromDraft(draft, rule);
      if (preview && !impact) {
        setImpact({ result: await preview.run(policy.id, body) });
        return;
      }
      await client.putRule(policy.id, body);
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) setServerErrors(serverFieldErrors(e.body, draft.services.length));
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function reload() {
    if (!rule) return;
    const fresh = (await client.policy(policy.id)).rules.find((r) => r.id === rule.id);
    setRule(fresh);
    setImpact(undefined);
    setDraft(ruleDraft(fresh));
    setError(undefined);
    setServerErrors({});
  }

  const fieldError = (f: DraftField) => errors[f];
  const kept = keptServices(rule);
  return (
    <Modal isOpen variant="medium" onClose={() => onClose(false)} aria-labelledby="rule-title">
      <ModalHeader title={isNew ? `Add rule to ${policy.id}` : `Edit rule ${rule?.id ?? opened!.id}`} labelId="rule-title"
        description={isNew ? undefined : `Saving sends _revision ${rule?._revision}`} />
      <ModalBody>
        {error !== undefined && <div data-testid="save-error">
          <ErrorAlert error={error} onReload={isNew ? undefined : reload}
            title={Object.keys(serverErrors).length ? 'The server refused some fields (400): see below' : undefined} />
        </div>}
        <div className="bw-gap" style={{ alignItems: 'flex-start' }}>
          <Field label="Rule id" id="rule-id" error={fieldError('id')} required>
            <TextInput id="rule-id" value={draft.id} isDisabled={!isNew} validated={v(fieldError('id'))}
              onChange={(_e, val) => change({ id: val })} />
          </Field>
          <Field label="Display name" id="rule-name" error={fieldError('display_name')}>
            <TextInput id="rule-name" value={draft.display_name} placeholder={draft.id}
              onChange={(_e, val) => change({ display_name: val })} />
          </Field>
          <Field label="Sequence number" id="rule-seq" error={fieldError('sequence_number')}>
            <TextInput id="rule-seq" value={draft.sequence_number} style={{ width: '7rem' }}
              validated={v(fieldError('sequence_number'))} onChange={(_e, val) => change({ sequence_number: val })} />
          </Field>
        </div>
        {groups.error !== undefined && <ErrorAlert error={groups.error} title="Could not load the groups to pick from" />}
        {(['sources', 'destinations', 'scope'] as const).map((field) => (
          <GroupPicker key={field} field={field} groups={groups.data ?? []} loading={groups.loading}
            label={field === 'sources' ? 'Sources' : field === 'destinations' ? 'Destinations' : 'Applied to'}
            chosen={draft[field]} error={fieldError(field)} onChange={(paths) => change({ [field]: paths })} />
        ))}
        <ServicesEditor services={draft.services} errors={errors} keptNote={[...kept.entries.map((e) =>
          e.protocol_number !== undefined ? `IP protocol ${e.protocol_number}` : e.resource_type), ...kept.paths]}
          onChange={(services) => change({ services })} />
        <div className="bw-gap" style={{ alignItems: 'flex-end', marginTop: '1rem' }}>
          <Field label="Action" id="rule-action" error={fieldError('action')}>
            <FormSelect id="rule-action" value={draft.action} onChange={(_e, val) => change({ action: val as Rule['action'] })}>
              {ACTIONS.map((a) => <FormSelectOption key={a} value={a} label={a} />)}
            </FormSelect>
          </Field>
          <Field label="Direction" id="rule-direction" error={fieldError('direction')}>
            <FormSelect id="rule-direction" value={draft.direction}
              onChange={(_e, val) => change({ direction: val as Rule['direction'] })}>
              {DIRECTIONS.map((a) => <FormSelectOption key={a} value={a} label={a} />)}
            </FormSelect>
          </Field>
          <Checkbox id="rule-logged" label="Logged" isChecked={draft.logged} onChange={(_e, val) => change({ logged: val })} />
          <Checkbox id="rule-disabled" label="Disabled" isChecked={draft.disabled}
            onChange={(_e, val) => change({ disabled: val })} />
        </div>
        {preview && impact && preview.render(impact.result)}
      </ModalBody>
      <ModalFooter>
        <Button onClick={save} isDisabled={busy} isLoading={busy}>{preview && !impact ? 'Preview impact' : 'Save'}</Button>
        <Button variant="link" onClick={() => onClose(false)}>Cancel</Button>
      </ModalFooter>
    </Modal>
  );
}

const v = (error: string | undefined) => (error ? 'error' : 'default');

function Field({ label, id, error, required, children, role }: {
  label: string; id: string; error?: string; required?: boolean; children: ReactNode; role?: string;
}) {
  return (
    <FormGroup label={label} fieldId={id} isRequired={required} role={role}>
      {children}
      {error && <FormHelperText><HelperText><HelperTextItem variant="error" data-testid={`field-error-${id}`}>
        {error}</HelperTextItem></HelperText></FormHelperText>}
    </FormGroup>
  );
}

/** Chosen groups as removable labels (none = ANY) and a search over the existing groups to add one. */
export function GroupPicker({ field, label, groups, loading, chosen, error, onChange }: {
  field: string; label: string; groups: Group[]; loading: boolean; chosen: string[]; error?: string;
  onChange(paths: string[]): void;
}) {
  const [text, setText] = useState('');
  const menuRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const byPath = new Map(groups.map((g) => [g.path, g]));
  const options = text ? matchingGroups(groups, text, chosen, 20) : [];
  const add = (path: string) => { onChange([...chosen, path]); setText(''); };
  const id = `rule-${field}`;
  return (
    <Field label={`${label} (groups; none = ANY)`} id={id} error={error} role="group">
      <div data-testid={`picker-${field}`}>
        <LabelGroup numLabels={8} aria-label={`${label} chosen`}>
          {chosen.length ? chosen.map((p) => (
            <Label key={p} isCompact color="blue" title={p}
              onClose={() => onChange(chosen.filter((c) => c !== p))}
              closeBtnAriaLabel={`Remove ${byPath.get(p)?.display_name ?? p} from ${label}`}>
              {byPath.get(p)?.display_name ?? p} <span className="bw-mono">{p}</span>
            </Label>)) : <Label isCompact>ANY</Label>}
        </LabelGroup>
        <div className="bw-gap" style={{ marginTop: '0.25rem' }}>
          <SearchInput id={id} aria-label={`Add a group to ${label}`} style={{ minWidth: '22rem' }}
            placeholder={loading ? 'Loading groups…' : 'Search groups by name or path'} value={text}
            onChange={(_e, val) => setText(val)} onClear={() => setText('')}
            aria-controls={options.length ? listId : undefined}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && options.length) {
                e.preventDefault();
                menuRef.current?.querySelector<HTMLElement>('button, a, [role="menuitem"]')?.focus();
              } else if (e.key === 'Enter' && options.length) {
                e.preventDefault();
                add(options[0].path);
              }
            }} />
          {chosen.length > 0 && <Button variant="link" isInline onClick={() => onChange([])}>Set to ANY</Button>}
        </div>
        {text && (
          <Menu ref={menuRef} id={listId} onSelect={(_e, path) => path && add(String(path))} isScrollable
            aria-label={`Groups matching ${text}`} style={{ maxWidth: '40rem' }}>
            <MenuContent maxMenuHeight="14rem">
              <MenuList>
                {options.length ? options.map((g) => (
                  <MenuItem key={g.path} itemId={g.path} description={g.path}>{g.display_name}</MenuItem>))
                  : <MenuItem isDisabled itemId="">{loading ? 'Loading groups…' : 'No group matches'}</MenuItem>}
              </MenuList>
            </MenuContent>
          </Menu>
        )}
      </div>
    </Field>
  );
}

function ServicesEditor({ services, errors, keptNote, onChange }: {
  services: ServiceDraft[]; errors: FieldErrors; keptNote: string[]; onChange(s: ServiceDraft[]): void;
}) {
  const set = (i: number, s: ServiceDraft) => onChange(services.map((old, j) => (j === i ? s : old)));
  function kind(i: number, k: typeof SERVICE_KINDS[number]) {
    const s = services[i];
    if (k === 'TCP' || k === 'UDP') set(i, { kind: 'L4', protocol: k, ports: s.kind === 'L4' ? s.ports : '' });
    else set(i, { kind: 'ICMP', protocol: k, type: s.kind === 'ICMP' ? s.type : '', code: s.kind === 'ICMP' ? s.code : '' });
  }
  return (
    <FormGroup label="Services (none = ANY)" fieldId="rule-services" role="group">
      {services.length === 0 && <Label isCompact>ANY</Label>}
      {services.map((s, i) => {
        const error = errors[`services.${i}`];
        return (
          <div key={i} className="bw-gap" style={{ marginBottom: '0.25rem' }} data-testid={`service-${i}`}>
            <div style={{ width: '8rem' }}>
              <FormSelect aria-label={`Service ${i + 1} protocol`} value={s.protocol}
                onChange={(_e, val) => kind(i, val as typeof SERVICE_KINDS[number])}>
                {SERVICE_KINDS.map((k) => <FormSelectOption key={k} value={k} label={k} />)}
              </FormSelect>
            </div>
            {s.kind === 'L4' ? (
              <div style={{ width: '22rem' }}>
                <TextInput aria-label={`Service ${i + 1} destination ports`} placeholder="ports, e.g. 80, 8000-8080 (empty = any)"
                  value={s.ports} validated={v(error)} onChange={(_e, val) => set(i, { ...s, ports: val })} />
              </div>
            ) : (<>
              <div style={{ width: '10.75rem' }}>
                <TextInput aria-label={`Service ${i + 1} ICMP type`} placeholder="type (empty = any)" value={s.type}
                  validated={v(error)} onChange={(_e, val) => set(i, { ...s, type: val })} />
              </div>
              <div style={{ width: '10.75rem' }}>
                <TextInput aria-label={`Service ${i + 1} ICMP code`} placeholder="code (empty = any)" value={s.code}
                  validated={v(error)} onChange={(_e, val) => set(i, { ...s, code: val })} />
              </div>
            </>)}
            <Button variant="link" isInline onClick={() => onChange(services.filter((_, j) => j !== i))}
              aria-label={`Remove service ${i + 1}`}>Remove</Button>
            {error && <HelperText><HelperTextItem variant="error" data-testid={`field-error-service-${i}`}>{error}
            </HelperTextItem></HelperText>}
          </div>
        );
      })}
      <Button variant="secondary" size="sm" onClick={() => onChange([...services, { kind: 'L4', protocol: 'TCP', ports: '' }])}>
        Add service</Button>
      {errors.services && <HelperText><HelperTextItem variant="error" data-testid="field-error-services">{errors.services}
      </HelperTextItem></HelperText>}
      {keptNote.length > 0 && <Alert isInline isPlain variant="info" title={`Also kept unchanged: ${keptNote.join(', ')}`} />}
    </FormGroup>
  );
}
