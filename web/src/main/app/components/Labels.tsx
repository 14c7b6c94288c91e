import { Label } from '@patternfly/react-core';

export function Labels({ labels }: { labels: Record<string, string> | undefined }) {
  const entries = Object.entries(labels ?? {});
  if (!entries.length) return <span>none</span>;
  return (
    <span className="bw-labels">
      {entries.map(([k, v]) => <Label key={k} isCompact color="grey">{k}={v}</Label>)}
    </span>
  );
}
