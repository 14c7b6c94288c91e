import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import Firewall from '../../main/app/pages/Firewall';
import { SessionProvider } from '../../main/app/session';

const RULE = { id: 'allow-api', sequence_number: 10, source_groups: ['ANY'], destination_groups: ['ANY'], services: ['ANY'],
  service_entries: [], scope: ['ANY'], action: 'ALLOW', direction: 'IN_OUT', _revision: 2 };
const POLICY = { id: 'shop-db', display_name: 'shop-db', path: '/infra/domains/default/security-policies/shop-db',
  category: 'Application', sequence_number: 1, scope: [], rules: [RULE], rule_count: 1, tags: [], _revision: 1 };
const PREVIEW = { preview: true, request: 'PUT shop-db/rules/allow-api', objects: [{
  path: '/infra/domains/default/security-policies/shop-db/rules/allow-api', resource_type: 'Rule', change: 'CHANGED',
  before: { action: 'ALLOW' }, after: { action: 'DROP' } }] };

// jsdom lays nothing out, so it has no scrollIntoView; the page scrolls the focused policy into view
beforeAll(() => { Element.prototype.scrollIntoView = () => {}; });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

/** Every write the page sends, as `METHOD url`; previews answer PREVIEW, lists one policy. */
function serve(writes: string[], answerPreview: () => Response = () => new Response(JSON.stringify(PREVIEW))) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    if (method !== 'GET') {
      writes.push(`${method} ${url}`);
      return url.includes('preview=true') ? answerPreview() : new Response(JSON.stringify(RULE));
    }
    if (url.includes('/security-policies')) return new Response(JSON.stringify({ results: [POLICY], result_count: 1 }));
    return new Response(JSON.stringify({ results: [], result_count: 0 }));
  });
  sessionStorage.setItem('breakwater.session', JSON.stringify({ token: 't', user: 'sam', role: 'security_engineer' }));
  render(<SessionProvider><MemoryRouter initialEntries={['/firewall?policy=shop-db']}><Firewall /></MemoryRouter></SessionProvider>);
}

async function editRuleToDrop() {
  const row = await screen.findByTestId('rule-row-allow-api');
  fireEvent.click(within(row).getByRole('button', { name: 'Edit' }));
  fireEvent.change(await screen.findByLabelText('Action'), { target: { value: 'DROP' } });
  fireEvent.click(screen.getByRole('button', { name: 'Preview impact' }));
}

describe('firewall: impact before save', () => {
  it('previews a rule edit, shows its impact, and writes only on Save', async () => {
    const writes: string[] = [];
    serve(writes);
    await editRuleToDrop();
    await screen.findByTestId('impact');
    expect(writes).toEqual(['PUT /policy/api/v1/infra/domains/default/security-policies/shop-db/rules/allow-api?preview=true']);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(writes).toHaveLength(2));
    expect(writes[1]).toBe('PUT /policy/api/v1/infra/domains/default/security-policies/shop-db/rules/allow-api');
  });
  it('drops the shown impact when the edit changes again, so Save always publishes what was previewed', async () => {
    serve([]);
    await editRuleToDrop();
    await screen.findByTestId('impact');
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'REJECT' } });
    expect(screen.queryByTestId('impact')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });
  it('shows a stale revision in the preview as the conflict with a reload', async () => {
    const writes: string[] = [];
    serve(writes, () => new Response(JSON.stringify({ error_message: 'allow-api: _revision 2 is stale' }), { status: 412 }));
    await editRuleToDrop();
    const error = await screen.findByTestId('save-error');
    expect(error.textContent).toContain('(412)');
    expect(within(error).getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(writes.every((w) => w.includes('preview=true'))).toBe(true);
  });
  it('previews a rule deletion instead of asking to confirm', async () => {
    const writes: string[] = [];
    serve(writes);
    const row = await screen.findByTestId('rule-row-allow-api');
    fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    await screen.findByTestId('impact-dialog');
    await screen.findByTestId('impact');
    expect(writes).toEqual(['DELETE /policy/api/v1/infra/domains/default/security-policies/shop-db/rules/allow-api?preview=true']);
  });
});
