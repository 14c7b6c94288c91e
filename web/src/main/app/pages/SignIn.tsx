import { ActionGroup, Button, Form, FormGroup, PageSection, TextInput, Title, Card, CardBody, Bullseye } from '@patternfly/react-core';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../components/States';
import { useSession } from '../session';

export function SignIn() {
  const { session, signIn } = useSession();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next') || '/clusters';
  if (session && !busy) return <Navigate to={next} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(user, password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main>
      <PageSection>
        <Bullseye>
          <Card style={{ width: '26rem' }}>
            <CardBody>
              <Title headingLevel="h1" size="2xl">Breakwater console</Title>
              <p style={{ margin: '0.5rem 0 1rem' }}>Sign in with a Breakwater user (the server printed admin's password).</p>
              {error !== undefined && <ErrorAlert error={error} title="Sign-in failed" />}
              <Form onSubmit={submit}>
                <FormGroup label="User" isRequired fieldId="user">
                  <TextInput id="user" name="user" value={user} onChange={(_e, v) => setUser(v)} isRequired
                    autoComplete="username" />
                </FormGroup>
                <FormGroup label="Password" isRequired fieldId="password">
                  <TextInput id="password" name="password" type="password" value={password}
                    onChange={(_e, v) => setPassword(v)} isRequired autoComplete="current-password" />
                </FormGroup>
                <ActionGroup>
                  <Button type="submit" variant="primary" isLoading={busy} isDisabled={busy}>Sign in</Button>
                </ActionGroup>
              </Form>
            </CardBody>
          </Card>
        </Bullseye>
      </PageSection>
    </main>
  );
}
