import { describe, expect, it } from 'vitest';
import { ApiError, Client, withQuery } from '../../main/app/api/client';

function answering(status: number, body: unknown, seen: { url?: string; init?: RequestInit } = {}) {
  return (async (url: string, init?: RequestInit) => {
    seen.url = url;
    seen.init = init;
    return new Response(body === undefined ? '' : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
}

describe('api client', () => {
  it('sends the bearer token', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    await new Client('tok', answering(200, { results: [], result_count: 0 }, seen)).clusters();
    expect((seen.init!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });
  it('turns a 412 into a conflict carrying the server message', async () => {
    const client = new Client('t', answering(412, { error_code: 604, error_message: 'x: _revision 0 is stale' }));
    const err = await client.putRule('p', { id: 'r', _revision: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.conflict).toBe(true);
    expect(err.message).toBe('x: _revision 0 is stale');
  });
  it('follows cursors until the last page', async () => {
    let calls = 0;
    const fetchFn = (async (url: string) => {
      calls++;
      return new Response(JSON.stringify(url.includes('cursor=1') ? { results: [2], result_count: 2 }
        : { results: [1], result_count: 2, cursor: '1' }));
    }) as unknown as typeof fetch;
    expect(await new Client('t', fetchFn).all<number>('/x')).toEqual([1, 2]);
    expect(calls).toBe(2);
  });
  it('leaves empty query values out', () => {
    expect(withQuery('/p', { a: 'x', b: '', c: undefined, d: 5 })).toBe('/p?a=x&d=5');
  });
  it('searches with NSX\'s search API, the query in the query string', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    await new Client('t', answering(200, { results: [], result_count: 0 }, seen)).search('resource_type:Group AND *a b*');
    expect(seen.url).toBe('/policy/api/v1/search/query?query=resource_type%3AGroup+AND+*a+b*');
  });
  it('sends the audit filters to the server', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    await new Client('t', answering(200, { results: [], result_count: 0 }, seen))
      .auditLog({ actor: 'alice', since: '2026-12-01T00:00:00Z', page_size: 500 });
    expect(seen.url).toBe('/api/v1/breakwater/audit-log?actor=alice&since=2026-12-01T00%3A00%3A00Z&page_size=500');
  });
});

describe('api client: previews and revisions', () => {
  it('sends a preview as the same write with preview=true', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const client = new Client('t', answering(200, { preview: true, request: 'PUT x', objects: [] }, seen));
    const answer = await client.putRule('shop-db', { id: 'r 1', _revision: 4 }, true);
    expect(seen.url).toBe('/policy/api/v1/infra/domains/default/security-policies/shop-db/rules/r%201?preview=true');
    expect(seen.init!.method).toBe('PUT');
    expect(JSON.parse(String(seen.init!.body))._revision).toBe(4);
    expect(answer.preview).toBe(true);
  });
  it('sends the real write without the preview flag', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    await new Client('t', answering(200, undefined, seen)).deletePolicy('p');
    expect(seen.url).toBe('/policy/api/v1/infra/domains/default/security-policies/p');
  });
  it('previews a rollback with action=rollback&preview=true', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    await new Client('t', answering(200, { preview: true, request: 'rollback to 3', objects: [] }, seen)).rollback(3, true);
    expect(seen.url).toBe('/api/v1/breakwater/revisions/3?action=rollback&preview=true');
    expect(seen.init!.method).toBe('POST');
  });
  it('asks an import dry run as a preview too, a real import as neither', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const client = new Client('t', answering(200, { request_count: 1, success_count: 1, errors: [], errors_general: [],
      warnings: [], dry_run: true }, seen));
    await client.importPolicies(['u1'], 'ABORT', true);
    expect(seen.url).toBe('/policy/api/v1/infra/import-k8s-np-to-dfw?on_error=ABORT&dry_run=true&preview=true');
    await client.importPolicies(['u1'], 'ABORT', false);
    expect(seen.url).toBe('/policy/api/v1/infra/import-k8s-np-to-dfw?on_error=ABORT');
  });
  it('asks for the diff of two revisions, optionally of one cluster', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    await new Client('t', answering(200, { from: 2, to: 5, objects: [] }, seen)).revisionDiff(5, 2, 'demo');
    expect(seen.url).toBe('/api/v1/breakwater/revisions/5/diff?from=2&cluster=demo');
  });
});
