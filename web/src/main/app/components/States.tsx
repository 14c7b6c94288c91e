import { Alert, Bullseye, Button, EmptyState, EmptyStateBody, Spinner } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <Bullseye>
      <Spinner size="lg" aria-label={`Loading ${what}`} />
      <span className="bw-loading-text">Loading {what}…</span>
    </Bullseye>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <EmptyState titleText={title} headingLevel="h2" variant="sm">
      {children && <EmptyStateBody>{children}</EmptyStateBody>}
    </EmptyState>
  );
}

/** An error as the server phrased it; a 403 says the role lacks the permission, a 412 offers a reload. */
export function ErrorAlert({ error, onReload, title }: { error: unknown; onReload?: () => void; title?: string }) {
  if (error instanceof ApiError) {
    const heading = title ?? (error.forbidden ? 'Refused: your role lacks this permission (403)'
      : error.conflict ? 'Conflict: someone else saved this object first (412)'
        : `Request failed (${error.status})`);
    return (
      <Alert variant={error.conflict ? 'warning' : 'danger'} isInline title={heading}
        actionLinks={onReload && <Button variant="link" isInline onClick={onReload}>Reload</Button>}>
        <p>{error.message}</p>
        {error.body.related_errors && error.body.related_errors.length > 1 && (
          <ul>{error.body.related_errors.map((e, i) => <li key={i}>{e.details}: {e.error_message}</li>)}</ul>
        )}
      </Alert>
    );
  }
  return (
    <Alert variant="danger" isInline title={title ?? 'Something went wrong'}
      actionLinks={onReload && <Button variant="link" isInline onClick={onReload}>Retry</Button>}>
      {String(error instanceof Error ? error.message : error)}
    </Alert>
  );
}
