/**
 * Sign in: paste an API key (from `npm run org:create`, or createApiKey) and press Enter. The key is checked with the
 * service first (`me`), kept in sessionStorage only, and sent as a bearer token from then on.
 */
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useClient } from 'urql';
import { graphql } from '../gql';
import { describeError } from '../components/states';
import { useSession } from '../session';

const WhoAmI = graphql(`
  query WhoAmI {
    me {
      organizationName
      role
    }
  }
`);

export function SignInPage() {
  const session = useSession();
  const client = useClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const key = String(new FormData(event.currentTarget).get('apiKey') ?? '').trim();
    if (!key) {
      setError('apiKey: paste an API key, such as the one `npm run org:create` printed.');
      return;
    }
    setChecking(true);
    const result = await client
      .query(WhoAmI, {}, { requestPolicy: 'network-only', fetchOptions: { headers: { authorization: `Bearer ${key}` } } })
      .toPromise();
    setChecking(false);
    if (result.error || !result.data) {
      setError(result.error ? describeError(result.error) : 'The service did not answer.');
      return;
    }
    session.signIn(key);
    navigate('/');
  }

  if (session.apiKey) {
    return (
      <section>
        <h1>Signed in</h1>
        <p>You are signed in. Use “Sign out” at the top to forget the key.</p>
      </section>
    );
  }
  return (
    <section className="sign-in">
      <h1>Sign in</h1>
      {session.notice && (
        <p className="notice" role="status">
          {session.notice}
        </p>
      )}
      <form onSubmit={submit} aria-describedby="key-help">
        <label htmlFor="apiKey">API key</label>
        <input id="apiKey" name="apiKey" type="password" autoComplete="off" spellCheck={false} autoFocus required aria-invalid={error ? true : undefined} />
        <button type="submit" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      {error && (
        <p className="state state-error" role="alert">
          {error}
        </p>
      )}
      <p id="key-help" className="help">
        The key stays in this browser tab only (sessionStorage) and is forgotten when you sign out or close the tab. An
        organization's first key comes from <code>npm run org:create</code>; an ADMIN creates more with{' '}
        <code>createApiKey</code>. Without a key, the frameworks, crosswalks and overlap pages work.
      </p>
    </section>
  );
}
