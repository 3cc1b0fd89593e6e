/**
 * The three states every page has besides its content: loading, empty and error. An error names what the service
 * said (its message names the field and what it accepts) and offers to try again.
 */
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

export function ErrorState({ error, retry }: { error: CombinedError | Error | string; retry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>Something went wrong.</strong> {describeError(error)}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** The service's own words for a failure: GraphQL errors first (with the field they name), then the network's. */
export function describeError(error: CombinedError | Error | string): string {
  if (typeof error === 'string') return error;
  if ('graphQLErrors' in error && error.graphQLErrors.length > 0) {
    return error.graphQLErrors
      .map((e) => (typeof e.extensions?.field === 'string' && !e.message.includes(e.extensions.field) ? `${e.extensions.field}: ${e.message}` : e.message))
      .join(' ');
  }
  if ('networkError' in error && error.networkError) return `The service did not answer (${error.networkError.message}).`;
  return error.message;
}

/**
 * One query's states in one place: `fetching` without data shows Loading, an error without data shows ErrorState,
 * `isEmpty(data)` shows Empty, and otherwise the children render with the data.
 */
export function QueryView<T>(props: {
  what: string;
  result: { data?: T; fetching: boolean; error?: CombinedError };
  retry?: () => void;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { data, fetching, error } = props.result;
  // A field that failed as a whole comes back as `data: null` (not undefined) beside its errors: that is no data too.
  if (data === undefined || data === null) {
    if (error) return <ErrorState error={error} retry={props.retry} />;
    if (fetching) return <Loading what={props.what} />;
    return <Loading what={props.what} />;
  }
  if (props.isEmpty?.(data)) return <Empty>{props.empty ?? `No ${props.what}.`}</Empty>;
  return (
    <>
      {error && <ErrorState error={error} retry={props.retry} />}
      {props.children(data)}
    </>
  );
}
