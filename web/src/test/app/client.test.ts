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
