import { describe, expect, it } from 'vitest';
import { Client } from '../../main/app/api/client';
import { antreaHealth, ingresses, ruleStats, startTraceflow, unusedRules } from '../../main/app/api/operations';

function recording(body: unknown) {
  const seen: { url: string; method?: string; body?: string }[] = [];
  const fetchFn = (async (url: string, init?: RequestInit) => {
    seen.push({ url, method: init?.method, body: init?.body as string | undefined });
    return new Response(JSON.stringify(body), { status: 200 });
  }) as unknown as typeof fetch;
  return { seen, client: new Client('t', fetchFn) };
}

describe('operations calls', () => {
  it('posts a traceflow to the NSX-style resource with the request as body', async () => {
    const { seen, client } = recording({ id: 'tf-1' });
    await startTraceflow(client, { cluster: 'prod', source: { ip: '10.0.0.1' }, destination: { service: 'shop/web' },
      protocol: 'TCP', port: 80 });
    expect(seen[0]).toMatchObject({ url: '/policy/api/v1/infra/traceflows', method: 'POST' });
    expect(JSON.parse(seen[0].body!)).toMatchObject({ destination: { service: 'shop/web' }, port: 80 });
  });
  it('reads a cluster name into the health path escaped', async () => {
    const { seen, client } = recording({});
    await antreaHealth(client, 'a b');
    expect(seen[0].url).toBe('/api/v1/breakwater/clusters/a%20b/antrea-health');
  });
  it('asks for one cluster statistics, or the sums without a cluster', async () => {
    const { seen, client } = recording({ results: [], result_count: 0 });
    await ruleStats(client, 'prod');
    await ruleStats(client);
    expect(seen.map((s) => s.url)).toEqual(['/api/v1/breakwater/statistics/rules?cluster=prod',
      '/api/v1/breakwater/statistics/rules']);
  });
  it('passes the period of unused rules and the filters of ingresses', async () => {
    const { seen, client } = recording({ results: [], result_count: 0 });
    await unusedRules(client, 3600);
    await ingresses(client, { cluster: 'prod', namespace: 'shop' });
    expect(seen[0].url).toContain('/api/v1/breakwater/statistics/unused-rules?period_seconds=3600');
    expect(seen[1].url).toBe('/api/v1/breakwater/inventory/ingresses?cluster=prod&namespace=shop');
  });
});
