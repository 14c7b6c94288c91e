import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../main/app/api/client';
import { ErrorAlert } from '../../main/app/components/States';
import { VirtualTable } from '../../main/app/components/VirtualTable';

afterEach(cleanup);

describe('ErrorAlert', () => {
  it('says a 403 is a refusal of the role', () => {
    render(<ErrorAlert error={new ApiError(403, { error_message: 'audrey lacks permission policy_write' }, 'PUT', '/x')} />);
    expect(screen.getByText(/your role lacks this permission \(403\)/)).toBeTruthy();
    expect(screen.getByText('audrey lacks permission policy_write')).toBeTruthy();
  });
  it('offers a reload on a 412 conflict', () => {
    render(<ErrorAlert error={new ApiError(412, { error_message: 'stale' }, 'PUT', '/x')} onReload={() => {}} />);
    expect(screen.getByText(/someone else saved this object first/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });
});

describe('VirtualTable', () => {
  it('renders only a window of 100,000 rows', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: `pod-${i}` }));
    const { container } = render(<VirtualTable label="Pods" rows={rows} rowKey={(r) => r.id}
      columns={[{ title: 'Name', cell: (r) => r.id }]} total={rows.length} />);
    const rendered = container.querySelectorAll('tbody tr[aria-rowindex]').length;
    expect(rendered).toBeLessThan(100);
    expect(screen.getByText('100000 rows')).toBeTruthy();
  });
});
