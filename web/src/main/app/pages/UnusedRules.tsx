import { FormSelect, FormSelectOption, PageSection, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link, useSearchParams } from 'react-router';
import { unusedRules } from '../api/operations';
import { PageHeader, time } from '../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../components/States';
import { useAsync } from '../components/useAsync';
import { useSession } from '../session';

export const PERIODS: [number, string][] = [
  [60, '1 minute'], [3600, '1 hour'], [86_400, '1 day'], [7 * 86_400, '7 days'], [30 * 86_400, '30 days'],
  [90 * 86_400, '90 days'],
];

/** Rules in force that no cluster hit during the chosen period: candidates for cleanup. */
export default function UnusedRules() {
  const { client } = useSession();
  const [params, setParams] = useSearchParams();
  const period = Number(params.get('period') ?? 30 * 86_400);
  const unused = useAsync(() => unusedRules(client, period), [client, period]);
  const label = PERIODS.find(([s]) => s === period)?.[1] ?? `${period} s`;
  return (
    <>
      <PageHeader title="Rules without hits">DFW rules in force that were observed for the whole period and had no
        session in any cluster during it — candidates for cleanup. Rules no adapter has reported counters for yet are
        not listed.</PageHeader>
      <PageSection>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <FormSelect aria-label="Period without hits" value={String(period)}
                onChange={(_e, v) => setParams({ period: v }, { replace: true })}>
                {PERIODS.map(([s, name]) => <FormSelectOption key={s} value={String(s)} label={`No hits for ${name}`} />)}
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem><Link to="/firewall">Back to the distributed firewall</Link></ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        {unused.error ? <ErrorAlert error={unused.error} onReload={unused.reload} />
          : unused.loading || !unused.data ? <Loading what="rules without hits" />
            : !unused.data.results.length ? <Empty title={`No rule went without hits for ${label}`}>
              No cleanup candidates for this period: every rule observed that long had a session. Rules observed for
              less than the period are not judged yet.</Empty>
              : (
                <Table aria-label="Rules without hits" variant="compact" data-testid="unused-rules">
                  <Thead><Tr><Th>Policy</Th><Th>Rule</Th><Th>Sessions ever</Th><Th>Observed since</Th><Th>Last hit</Th>
                    <Th screenReaderText="Open" /></Tr></Thead>
                  <Tbody>
                    {unused.data.results.map((r) => (
                      <Tr key={`${r.policy_id}/${r.rule_id}`} data-testid={`unused-${r.policy_id}-${r.rule_id}`}>
                        <Td dataLabel="Policy" className="bw-mono">{r.policy_id}</Td>
                        <Td dataLabel="Rule" className="bw-mono">{r.rule_id}</Td>
                        <Td dataLabel="Sessions ever">{r.sessions}</Td>
                        <Td dataLabel="Observed since">{time(r.first_time)}</Td>
                        <Td dataLabel="Last hit">{time(r.last_hit_time)}</Td>
                        <Td><Link to={`/firewall?policy=${encodeURIComponent(r.policy_id)}&rule=${encodeURIComponent(r.rule_id)}`}>
                          Show in firewall</Link></Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
      </PageSection>
    </>
  );
}
