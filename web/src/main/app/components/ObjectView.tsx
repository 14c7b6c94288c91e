import { CodeBlock, CodeBlockCode, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { useEffect, useState } from 'react';

/** Any object as YAML or JSON; the YAML library is loaded only when a YAML view opens. */
export function ObjectView({ value, label }: { value: unknown; label: string }) {
  const [tab, setTab] = useState<string | number>('yaml');
  const [yaml, setYaml] = useState<string>('');
  useEffect(() => {
    let live = true;
    import('yaml').then((m) => live && setYaml(m.stringify(value)));
    return () => { live = false; };
  }, [value]);
  return (
    <Tabs activeKey={tab} onSelect={(_e, k) => setTab(k)} aria-label={`${label} format`} mountOnEnter>
      <Tab eventKey="yaml" title={<TabTitleText>YAML</TabTitleText>}>
        <CodeBlock className="bw-code"><CodeBlockCode data-testid="object-yaml">{yaml}</CodeBlockCode></CodeBlock>
      </Tab>
      <Tab eventKey="json" title={<TabTitleText>JSON</TabTitleText>}>
        <CodeBlock className="bw-code"><CodeBlockCode data-testid="object-json">
          {JSON.stringify(value, null, 2)}</CodeBlockCode></CodeBlock>
      </Tab>
    </Tabs>
  );
}
