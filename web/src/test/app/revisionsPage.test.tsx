import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Revisions from '../../main/app/pages/Revisions';
import { SessionProvider } from '../../main/app/session';

const REVISIONS = [
  { revision_number: 5, time: 1_700_000_500_000, user: 'admin', request: 'rollback to 2', object_count: 1 },
  { revision_number: 3, time: 1_700_000_300_000, user: 'sam', request: 'PUT /infra/domains/default/security-policies/p/rules/r', object_count: 1 },
  { revision_number: 2, time: 1_700_000_200_000, user: 'admin', request: 'import', object_count: 4 },
];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

/** A server answering the revisions endpoints; every URL asked for is recorded. */
function serve(seen: string[]) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    seen.push(`${init?.method ?? 'GET'} ${url}`);
    const path = url.replace(/\?.*/, '');
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    if (path === '/api/v1/breakwater/revisions') return json({ results: REVISIONS, result_count: 3 });
    if (/\/revisions\/\d+\/diff$/.test(path)) {
      return json({ from: 2, to: 5, objects: [{ path: '/infra/x', resource_type: 'Group', change: 'DELETED', before: { id: 'x' } }] });
    }
    const one = /\/revisions\/(\d+)$/.exec(path);
    if (one) {
      return json({ ...REVISIONS.find((r) => r.revision_number === Number(one[1])),
        objects: [{ path: '/infra/domains/default/groups/web', resource_type: 'Group', change: 'ADDED' }] });
    }
    return new Response('{"error_message":"not found"}', { status: 404 });
  });
}

function Where() {
  const l = useLocation();
  return <span data-testid="where">{l.pathname + l.search}</span>;
}

function show(role: string, url: string) {
  sessionStorage.setItem('breakwater.session', JSON.stringify({ token: 't', user: 'u', role }));
  return render(<SessionProvider><MemoryRouter initialEntries={[url]}><Routes>
    <Route path="/revisions" element={<><Revisions /><Where /></>} />
  </Routes></MemoryRouter></SessionProvider>);
}

describe('revisions page', () => {
  it('lists revisions newest first with user, request and object count', async () => {
    serve([]);
    show('auditor', '/revisions');
    const table = await screen.findByTestId('revisions-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual(['revision-row-5', 'revision-row-3', 'revision-row-2']);
    expect(rows[1].textContent).toContain('sam');
    expect(rows[2].textContent).toContain('import');
  });
  it('puts two picks in the URL and asks for the diff from the older to the newer', async () => {
    const seen: string[] = [];
    serve(seen);
    show('auditor', '/revisions');
    await screen.findByTestId('revisions-table');
    fireEvent.click(within(screen.getByTestId('revision-row-5')).getByRole('checkbox'));
    fireEvent.click(within(screen.getByTestId('revision-row-2')).getByRole('checkbox'));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/revisions?compare=5%2C2'));
    expect(screen.getByTestId('compare-status').textContent).toBe('Comparing revision 2 → 5');
    await within(screen.getByTestId('revision-diff')).findByTestId('impact');
    expect(seen).toContain('GET /api/v1/breakwater/revisions/5/diff?from=2');
  });
  it('opens a revision with the objects it touched and offers the rollback to a writer', async () => {
    serve([]);
    show('security_engineer', '/revisions?rev=3');
    const detail = await screen.findByTestId('revision-detail-3');
    expect(detail.textContent).toContain('/infra/domains/default/groups/web');
    expect(within(detail).getByRole('button', { name: 'Roll back to this revision' })).toBeTruthy();
    expect(within(detail).getByRole('button', { name: 'Compare with revision 2' })).toBeTruthy();
  });
  it('shows an auditor no rollback control', async () => {
    serve([]);
    show('auditor', '/revisions?rev=3');
    const detail = await screen.findByTestId('revision-detail-3');
    expect(within(detail).queryByRole('button', { name: /Roll back/ })).toBeNull();
  });
  it('previews a rollback before it is published', async () => {
    const seen: string[] = [];
    serve(seen);
    vi.stubGlobal('fetch', (async (url: string, init?: RequestInit) => {
      seen.push(`${init?.method ?? 'GET'} ${url}`);
      if (init?.method === 'POST') {
        return new Response(JSON.stringify({ preview: true, request: 'rollback to 3', objects: [] }), { status: 200 });
      }
      return new Response(JSON.stringify(url.includes('/revisions/3')
        ? { ...REVISIONS[1], objects: [] } : { results: REVISIONS, result_count: 3 }), { status: 200 });
    }) as unknown as typeof fetch);
    show('enterprise_admin', '/revisions?rev=3');
    const detail = await screen.findByTestId('revision-detail-3');
    fireEvent.click(within(detail).getByRole('button', { name: 'Roll back to this revision' }));
    await screen.findByTestId('impact');
    expect(seen.filter((s) => s.startsWith('POST'))).toEqual(['POST /api/v1/breakwater/revisions/3?action=rollback&preview=true']);
  });
  it('says what to do when there is no revision yet', async () => {
    vi.stubGlobal('fetch', (async () => new Response(JSON.stringify({ results: [], result_count: 0 }))) as unknown as typeof fetch);
    show('auditor', '/revisions');
    expect(await screen.findByText('No revisions yet')).toBeTruthy();
  });
});
