import { PageSection, Title } from '@patternfly/react-core';
import type { ReactNode } from 'react';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <PageSection variant="default">
      <Title headingLevel="h1" size="2xl">{title}</Title>
      {children && <div style={{ marginTop: '0.5rem' }}>{children}</div>}
    </PageSection>
  );
}

export function time(ms: number | undefined): string {
  if (!ms) return 'never';
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
