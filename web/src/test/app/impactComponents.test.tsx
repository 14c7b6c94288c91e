import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../main/app/api/client';
import type { WritePreview } from '../../main/app/api/types';
import { ImpactDialog, ImpactPanel } from '../../main/app/components/ImpactPreview';

afterEach(cleanup);

const PREVIEW: WritePreview = {
  preview: true,
  request: 'PUT /infra/domains/default/security-policies/shop-db/rules/allow-api',
  objects: [{ path: '/infra/domains/default/security-policies/shop-db/rules/allow-api', resource_type: 'Rule',
    change: 'CHANGED', before: { action: 'ALLOW', _revision: 2 }, after: { action: 'DROP', _revision: 3 } }],
  connectivity: [{
    cluster: 'demo', flow_change_count: 40, truncated: true, notes: ['ICMP is not compared'],
    flows: [{ change: 'closed', from: { namespace: 'shop', pods: ['api-1'] }, to: { namespace: 'shop', pods: ['db-1'] },
      protocol: 'TCP', ports: [5432, 5432],
      before: { allowed: true, egress: { outcome: 'ALLOWED', rules: [] },
        ingress: { outcome: 'ALLOWED', rules: [{ policy: 'shop-db', rule: 'allow-api', action: 'ALLOW' }] } },
      after: { allowed: false, egress: { outcome: 'ALLOWED', rules: [] },
        ingress: { outcome: 'DROPPED', rules: [{ policy: 'shop-db', rule: 'allow-api', action: 'DROP' }] } } }],
  }],
};

function panel(preview: WritePreview) {
  return render(<MemoryRouter><ImpactPanel impact={preview} /></MemoryRouter>);
}

describe('ImpactPanel', () => {
  it('shows the changed field of each object before and after, without the revision bookkeeping', () => {
    panel(PREVIEW);
    const objects = screen.getByTestId('impact-objects');
    expect(within(objects).getByText('ALLOW').tagName).toBe('DEL');
    expect(within(objects).getByText('DROP').tagName).toBe('INS');
    expect(objects.textContent).not.toContain('_revision');
  });
  it('lists a closed flow with the deciding rule before and after, linked to the firewall', () => {
    panel(PREVIEW);
    const row = screen.getByTestId('impact-flow');
    expect(row.textContent).toContain('shop/[api-1]');
    expect(row.textContent).toContain('TCP 5432');
    const links = within(row).getAllByRole('link', { name: 'shop-db/allow-api' });
    expect(links).toHaveLength(2);
    expect(links[0].getAttribute('href')).toBe('/firewall?policy=shop-db&rule=allow-api');
    expect(row.textContent).toContain('(DROP)');
  });
  it('says the list of a cluster is truncated and how many flows change in all', () => {
    panel(PREVIEW);
    expect(screen.getByTestId('impact-truncated').textContent).toContain('first 1 of 40');
    expect(screen.getByText('Note: ICMP is not compared')).toBeTruthy();
  });
  it('lists the NetworkPolicies whose imported mark a change sets or clears', () => {
    panel({ ...PREVIEW, import_marks: [{ uid: 'u1', cluster: 'demo', namespace: 'shop', name: 'db-from-api', change: 'DELETED' }] });
    expect(screen.getByTestId('impact-marks').textContent).toBe('unmarked demo/shop/db-from-api');
  });
  it('shows the flows alone where the objects are listed elsewhere (the import wizard)', () => {
    render(<MemoryRouter><ImpactPanel impact={PREVIEW} flowsOnly /></MemoryRouter>);
    expect(screen.queryByTestId('impact-objects')).toBeNull();
    expect(screen.getByTestId('impact-flow').textContent).toContain('TCP 5432');
  });
  it('shows the objects alone when the server sends no connectivity', () => {
    panel({ ...PREVIEW, connectivity: undefined });
    expect(screen.getByTestId('impact-no-flows')).toBeTruthy();
    expect(screen.getByTestId('impact-objects')).toBeTruthy();
  });
});

describe('ImpactDialog', () => {
  it('previews on opening and commits only on Save', async () => {
    const commit = vi.fn(async () => undefined);
    const preview = vi.fn(async () => PREVIEW);
    const onClose = vi.fn();
    render(<MemoryRouter><ImpactDialog title="Delete rule allow-api" steps={[{ preview, commit }]} onClose={onClose} /></MemoryRouter>);
    await screen.findByTestId('impact');
    expect(preview).toHaveBeenCalledTimes(1);
    expect(commit).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    expect(commit).toHaveBeenCalledTimes(1);
  });
  it('shows a stale revision in the preview as the conflict, with Save disabled', async () => {
    const commit = vi.fn(async () => undefined);
    const preview = vi.fn(async (): Promise<WritePreview> => {
      throw new ApiError(412, { error_message: 'shop-db: _revision 2 is stale' }, 'PATCH', '/x');
    });
    render(<MemoryRouter><ImpactDialog title="Move shop-db up" steps={[{ preview, commit }]} onClose={() => {}} /></MemoryRouter>);
    const error = await screen.findByTestId('impact-error');
    expect(error.textContent).toContain('someone else saved this object first (412)');
    expect(error.textContent).toContain('_revision 2 is stale');
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect(commit).not.toHaveBeenCalled();
  });
  it('previews every step of a reorder and commits them in order', async () => {
    const order: string[] = [];
    const step = (id: string) => ({
      preview: async () => ({ ...PREVIEW, request: `PATCH ${id}` }),
      commit: async () => { order.push(id); },
    });
    const onClose = vi.fn();
    render(<MemoryRouter><ImpactDialog title="Move a up" steps={[step('a'), step('b')]} onClose={onClose} /></MemoryRouter>);
    expect(await screen.findByText('Step 1 of 2: PATCH a')).toBeTruthy();
    expect(screen.getByText('Step 2 of 2: PATCH b')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(true));
    expect(order).toEqual(['a', 'b']);
  });
});
