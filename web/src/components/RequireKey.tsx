import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '../session';

/** Tenant pages: without a key they say what the page needs and where to sign in, instead of an error. */
export function RequireKey({ what, children }: { what: string; children: ReactNode }) {
  const { apiKey } = useSession();
  if (apiKey) return <>{children}</>;
  return (
    <div className="state state-empty">
      <p>
        {what} belongs to an organization. <Link to="/sign-in">Sign in with an API key</Link> to see it.
      </p>
      <p>
        Without a key you can browse the <Link to="/frameworks">frameworks</Link>, their crosswalks and the{' '}
        <Link to="/overlap">overlap</Link> between them.
      </p>
    </div>
  );
}
