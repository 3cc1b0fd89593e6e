/**
 * Reads every page of one Relay connection (`first: 500`, then `after: endCursor` until `hasNextPage` is false), so a
 * view that needs the whole list at once (a requirement tree, the statuses of a framework) asks a few large pages
 * instead of one request per item.
 */
import { useEffect, useState } from 'react';
import { type CombinedError, type TypedDocumentNode, useClient } from 'urql';

export interface Connection<N> {
  edges: ReadonlyArray<{ node: N }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export interface AllPages<D, N> {
  /** True until every page is in (or an error stopped the reading). */
  fetching: boolean;
  /** The first page's whole answer (for the fields beside the connection); undefined while it is loading. */
  first?: D;
  /** Every node of every page, in order; empty when the connection is null (nothing by that name). */
  nodes: N[];
  /** The connection was null: the parent (a framework) does not exist. */
  missing: boolean;
  error?: CombinedError;
  retry(): void;
}

/** The largest page the API accepts (API.md: `first` at most 500). */
export const PAGE_SIZE = 500;

interface State<D, N> {
  key: string;
  first?: D;
  nodes: N[];
  missing: boolean;
  done: boolean;
  error?: CombinedError;
}

/**
 * `pick` finds the connection in an answer (null when its parent is null); keep it a module-level function.
 * `variables` must not hold `first` or `after`: this hook sets them. `pause` skips the reading altogether.
 */
export function useAllPages<D, V extends { first?: number | null; after?: string | null }, N>(
  document: TypedDocumentNode<D, V>,
  variables: Omit<V, 'first' | 'after'>,
  pick: (data: D) => Connection<N> | null | undefined,
  pause = false,
): AllPages<D, N> {
  const client = useClient();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State<D, N> | null>(null);
  const variablesKey = JSON.stringify(variables);
  const key = `${attempt}:${variablesKey}`;

  useEffect(() => {
    if (pause) return;
    let cancelled = false;
    const vars = JSON.parse(variablesKey) as Omit<V, 'first' | 'after'>;
    void (async () => {
      const nodes: N[] = [];
      let first: D | undefined;
      let after: string | null = null;
      for (;;) {
        const result = await client
          .query(document, { ...vars, first: PAGE_SIZE, after } as unknown as V, { requestPolicy: 'network-only' })
          .toPromise();
        if (cancelled) return;
        if (result.error || !result.data) {
          setState({ key, first, nodes, missing: false, done: true, error: result.error });
          return;
        }
        first ??= result.data;
        const connection = pick(result.data);
        if (!connection) {
          setState({ key, first, nodes: [], missing: true, done: true });
          return;
        }
        nodes.push(...connection.edges.map((edge) => edge.node));
        if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
        after = connection.pageInfo.endCursor;
      }
      setState({ key, first, nodes, missing: false, done: true });
    })();
    return () => {
      cancelled = true;
    };
  }, [client, document, variablesKey, pick, pause, key]);

  const retry = () => setAttempt((n) => n + 1);
  if (pause) return { fetching: false, nodes: [], missing: false, retry };
  if (!state || state.key !== key) return { fetching: true, nodes: [], missing: false, retry };
  return { fetching: !state.done, first: state.first, nodes: state.nodes, missing: state.missing, error: state.error, retry };
}
