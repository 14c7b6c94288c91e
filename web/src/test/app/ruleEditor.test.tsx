import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Group, SecurityPolicy } from '../../main/app/api/types';
import { RuleEditor } from '../../main/app/components/RuleEditor';
import { SessionProvider } from '../../main/app/session';

const G = '/infra/domains/default/groups/';
const groups: Group[] = [
  { id: 'shop-web', display_name: 'Shop web', path: `${G}shop-web`, expression: [], tags: [], _revision: 0 },
  { id: 'bank-db', display_name: 'Bank DB', path: `${G}bank-db`, expression: [], tags: [], _revision: 0 },
];
const policy: SecurityPolicy = { id: 'shop', display_name: 'shop', path: '/infra/domains/default/security-policies/shop',
  category: 'Application', sequence_number: 1, scope: [], rules: [], rule_count: 0, tags: [], _revision: 0 };

let puts: { url: string; body: Record<string, unknown> }[];
let answerPut: () => Response;

beforeEach(() => {
  puts = [];
  answerPut = () => new Response('{}', { status: 200 });
  sessionStorage.setItem('breakwater.session', JSON.stringify({ token: 't', user: 'admin', role: 'enterprise_admin' }));
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    if (init?.method === 'PUT') {
      puts.push({ url, body: JSON.parse(String(init.body)) });
      return answerPut();
    }
    return new Response(JSON.stringify({ results: groups, result_count: groups.length }), { status: 200 });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function open(onClose = vi.fn()) {
  render(<SessionProvider><RuleEditor policy={policy} onClose={onClose} /></SessionProvider>);
  fireEvent.change(document.getElementById('rule-id')!, { target: { value: 'allow-web' } });
  return onClose;
}

// rendering PatternFly in jsdom takes seconds on a loaded machine; no test here measures time
describe('rule editor', { timeout: 30_000 }, () => {
  it('picks a source group by searching its name and saves its path', async () => {
    const onClose = open();
    fireEvent.change(screen.getByLabelText('Add a group to Sources'), { target: { value: 'shop' } });
    fireEvent.click(await screen.findByText('Shop web'));
    expect(screen.getByRole('button', { name: 'Remove Shop web from Sources' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    expect(puts[0].url).toContain('/security-policies/shop/rules/allow-web');
    expect(puts[0].body.source_groups).toEqual([`${G}shop-web`]);
    expect(puts[0].body.destination_groups).toEqual(['ANY']);
  });

  it('shows each service as TCP ports or ICMP type and code and sends them', async () => {
    open();
    fireEvent.click(screen.getByRole('button', { name: 'Add service' }));
    fireEvent.change(screen.getByLabelText('Service 1 destination ports'), { target: { value: '80, 443' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add service' }));
    fireEvent.change(screen.getByLabelText('Service 2 protocol'), { target: { value: 'ICMPv4' } });
    fireEvent.change(screen.getByLabelText('Service 2 ICMP type'), { target: { value: '8' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0].body.service_entries).toEqual([
      { resource_type: 'L4PortSetServiceEntry', l4_protocol: 'TCP', destination_ports: ['80', '443'] },
      { resource_type: 'ICMPTypeServiceEntry', protocol: 'ICMPv4', icmp_type: 8 }]);
  });

  it('refuses a bad port at its field without sending', async () => {
    open();
    fireEvent.click(screen.getByRole('button', { name: 'Add service' }));
    fireEvent.change(screen.getByLabelText('Service 1 destination ports'), { target: { value: '99999' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByTestId('field-error-service-0')).textContent).toMatch(/99999/);
    expect(puts).toHaveLength(0);
  });

  it('shows the server\'s 400 field errors at their fields', async () => {
    answerPut = () => new Response(JSON.stringify({ error_code: 255, error_message: 'destination_groups[0]: no such group',
      details: 'destination_groups[0]', related_errors: [
        { details: 'destination_groups[0]', error_message: 'destination_groups[0]: no such group' }] }), { status: 400 });
    open();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByTestId('field-error-rule-destinations')).textContent).toMatch(/^no such group/);
    expect(screen.getByText(/The server refused some fields \(400\)/)).toBeTruthy();
  });

  it('with a preview, shows the preview\'s answer first and saves only on the second click', async () => {
    const run = vi.fn(async (_policyId: string, _body: unknown) => ({ changed: 3 }));
    const onClose = vi.fn();
    render(<SessionProvider><RuleEditor policy={policy} onClose={onClose}
      preview={{ run, render: (r: { changed: number }) => <p>{r.changed} flows change</p> }} /></SessionProvider>);
    fireEvent.change(document.getElementById('rule-id')!, { target: { value: 'allow-web' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview impact' }));
    expect(await screen.findByText('3 flows change')).toBeTruthy();
    expect(run.mock.calls[0][0]).toBe('shop');
    expect(puts).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    expect(puts).toHaveLength(1);
  });
});
