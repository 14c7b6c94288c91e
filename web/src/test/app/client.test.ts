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
});
