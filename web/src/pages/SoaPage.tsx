/**
 * Statement of Applicability: per framework (catalog or the organization's own, kept in the URL as ?framework=), the
 * coverage numbers with the denominator (`applicable`: the applicable assessable requirements), and every
 * assessable requirement with whether it applies, why, who set it and when, the heading it inherits from, the linked
 * controls and its status. An ADMIN or EDITOR key toggles a line with a required justification (setApplicability);
 * after each change the statement and the coverage are read again from the service, so every number shown is the
 * engine's.
 */
import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CombinedError, useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { SoaCoverageQuery, SoaFrameworksQuery, SoaLinesQuery } from '../gql/graphql';
import { describeError, ErrorState, Loading, QueryView } from '../components/states';
import { percent, StatusChip } from '../components/status';
import { COVERAGE_PARTS, CoverageBar } from '../components/CoverageBar';
import { frameworkOptions, requirementPath } from '../components/frameworks';
import { RequireKey } from '../components/RequireKey';
import './SoaPage.css';

const SoaFrameworks = graphql(`
  query SoaFrameworks {
    me {
      role
    }
    scope {
      code
      version
    }
    frameworks {
      code
      version
      name
    }
    ownFrameworks {
      code
      version
      name
    }
  }
`);

const SoaCoverage = graphql(`
  query SoaCoverage($framework: String!) {
    coverage(frameworks: [$framework]) {
      framework {
        code
        version
        name
      }
      full
      partial
      none
      excluded
      applicable
      score
    }
  }
`);

const SoaLines = graphql(`
  query SoaLines($framework: String!, $first: Int!, $after: String) {
    statementOfApplicability(framework: $framework, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          requirement {
            refId
            title
          }
          applicable
          justification
          setBy
          setByName
          setAt
          inheritedFrom {
            refId
            title
          }
          controls {
            coverage
            control {
              id
              code
              title
              status
            }
          }
          status
          weight
        }
      }
    }
  }
`);

const SoaSetApplicability = graphql(`
  mutation SoaSetApplicability($framework: String!, $refId: String!, $applicable: Boolean!, $justification: String!) {
    setApplicability(framework: $framework, refId: $refId, applicable: $applicable, justification: $justification) {
      applicable
      descendantsAffected
      requirement {
        refId
      }
    }
  }
`);

type Line = SoaLinesQuery['statementOfApplicability']['edges'][number]['node'];

/** Lines per page; "Load all" asks for the rest at once, up to the API's page limit. */
const PAGE = 50;
const MAX_PAGE = 500;
/** The service's limit on a justification (SetApplicabilityArgs); the counter shows it, the service enforces it. */
const JUSTIFICATION_MAX = 2000;

export function SoaPage() {
  return (
    <section className="soa">
      <h1>Statement of Applicability</h1>
      <RequireKey what="The Statement of Applicability">
        <SoaFrameworkChoice />
      </RequireKey>
    </section>
  );
}

/** The framework to show: the URL's, else ISO27001 when it is in scope (or no scope is set), else the first in scope. */
function defaultFramework(data: SoaFrameworksQuery): string | null {
  const inScope = data.scope.map((f) => f.code);
  if (inScope.length > 0) return inScope.includes('ISO27001') ? 'ISO27001' : inScope[0];
  const all = [...data.frameworks, ...data.ownFrameworks];
  if (all.some((f) => f.code === 'ISO27001')) return 'ISO27001';
  return all[0]?.code ?? null;
}

function SoaFrameworkChoice() {
  const [result, refetch] = useQuery({ query: SoaFrameworks });
  const [params, setParams] = useSearchParams();
  const selectId = useId();
  return (
    <QueryView
      what="frameworks"
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
      isEmpty={(data) => defaultFramework(data) === null}
      empty="There are no frameworks in the catalog yet."
    >
      {(data) => {
        const framework = params.get('framework') ?? defaultFramework(data)!;
        // Each framework as the URL and the API name it: CODE, or CODE:VERSION when the code has several versions.
        const options = frameworkOptions(data.frameworks, data.ownFrameworks);
        const catalog = options.filter((o) => !o.own);
        const own = options.filter((o) => o.own);
        const known = options.some((o) => o.ref === framework || `${o.code}:${o.version}` === framework);
        const canEdit = data.me.role === 'ADMIN' || data.me.role === 'EDITOR';
        return (
          <>
            <div className="soa-choose">
              <label htmlFor={selectId}>Framework</label>
              <select
                id={selectId}
                value={framework}
                onChange={(event) => setParams({ framework: event.target.value })}
              >
                {!known && <option value={framework}>{framework} (not in the catalog)</option>}
                <optgroup label="Catalog">
                  {catalog.map((f) => (
                    <option key={f.ref} value={f.ref}>
                      {f.code}:{f.version} — {f.name}
                    </option>
                  ))}
                </optgroup>
                {own.length > 0 && (
                  <optgroup label="Your own frameworks">
                    {own.map((f) => (
                      <option key={f.ref} value={f.ref}>
                        {f.code}:{f.version} — {f.name}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
              <span className="help">
                In scope: {data.scope.length > 0 ? data.scope.map((f) => `${f.code}:${f.version}`).join(', ') : 'no scope set (every framework)'}
              </span>
            </div>
            {!canEdit && (
              <p className="notice">
                Your key&apos;s role is {data.me.role}: you can read the statement. Changing it needs an ADMIN or EDITOR key.
              </p>
            )}
            <Statement key={framework} framework={framework} canEdit={canEdit} />
          </>
        );
      }}
    </QueryView>
  );
}

/** The loaded lines of the statement, read page by page, always from the service (never from a cache). */
interface Loaded {
  lines: Line[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

type Busy = 'loading' | 'more' | 'reload' | null;

function useStatement(framework: string) {
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<CombinedError>();
  const [busy, setBusy] = useState<Busy>('loading');
  // Only the newest request's answer is kept: a reload after a change wins over a slower earlier page.
  const latest = useRef(0);

  const fetchPage = useCallback(
    (first: number, after: string | null) =>
      client.query(SoaLines, { framework, first, after }, { requestPolicy: 'network-only' }).toPromise(),
    [client, framework],
  );

  const settle = useCallback((id: number, result: Awaited<ReturnType<typeof fetchPage>>, merge: (page: Loaded) => Loaded) => {
    if (id !== latest.current) return;
    setBusy(null);
    if (result.error || !result.data) {
      setError(result.error ?? new CombinedError({ networkError: new Error('no answer') }));
      return;
    }
    setError(undefined);
    const s = result.data.statementOfApplicability;
    setLoaded(merge({ lines: s.edges.map((e) => e.node), totalCount: s.totalCount, hasNextPage: s.pageInfo.hasNextPage, endCursor: s.pageInfo.endCursor ?? null }));
  }, []);

  useEffect(() => {
    const id = ++latest.current;
    void fetchPage(PAGE, null).then((result) => settle(id, result, (page) => page));
  }, [fetchPage, settle]);

  /** The next lines after those loaded: `first` of them. */
  const more = useCallback(
    async (first: number) => {
      if (!loaded) return;
      const id = ++latest.current;
      const before = loaded;
      setBusy('more');
      const result = await fetchPage(Math.min(first, MAX_PAGE), before.endCursor);
      settle(id, result, (page) => ({ ...page, lines: [...before.lines, ...page.lines] }));
    },
    [loaded, fetchPage, settle],
  );

  /** Every loaded line again, from the start (after a change: statuses and inherited lines may have moved too). */
  const reload = useCallback(async () => {
    const id = ++latest.current;
    setBusy(loaded ? 'reload' : 'loading');
    const count = Math.min(Math.max(loaded?.lines.length ?? 0, PAGE), MAX_PAGE);
    const result = await fetchPage(count, null);
    settle(id, result, (page) => page);
  }, [loaded, fetchPage, settle]);

  return { loaded, error, busy, more, reload };
}

type Show = 'all' | 'applicable' | 'excluded';

function Statement({ framework, canEdit }: { framework: string; canEdit: boolean }) {
  const [coverage, refetchCoverage] = useQuery({ query: SoaCoverage, variables: { framework } });
  const statement = useStatement(framework);
  const [show, setShow] = useState<Show>('all');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ refId: string } | null>(null);
  const linesRef = useRef<HTMLDivElement>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  const searchId = useId();

  // Focus goes back to the line's toggle when its form closes (or to the confirmation when a filter hid the line).
  useEffect(() => {
    if (!focusRequest) return;
    const button = linesRef.current?.querySelector<HTMLButtonElement>(`button[data-soa-toggle="${CSS.escape(focusRequest.refId)}"]`);
    if (button) button.focus();
    else savedRef.current?.focus();
  }, [focusRequest]);

  const close = (refId: string) => {
    setEditing(null);
    setFocusRequest({ refId });
  };

  const onSaved = async (line: Line, applicable: boolean, descendantsAffected: number) => {
    refetchCoverage({ requestPolicy: 'network-only' });
    await statement.reload();
    const under = descendantsAffected > 0 ? ` It changed ${descendantsAffected} requirement(s) under it too.` : '';
    setSaved(`Saved: ${line.requirement.refId} is now ${applicable ? 'applicable' : 'excluded'}.${under}`);
    close(line.requirement.refId);
  };

  const needle = search.trim().toLowerCase();
  const { loaded } = statement;
  const visible = (loaded?.lines ?? []).filter(
    (line) =>
      (show === 'all' || (show === 'applicable') === line.applicable) &&
      (needle === '' || line.requirement.refId.toLowerCase().includes(needle) || line.requirement.title.toLowerCase().includes(needle)),
  );
  const filtering = show !== 'all' || needle !== '';

  return (
    <>
      <QueryView what="coverage" result={coverage} retry={() => refetchCoverage({ requestPolicy: 'network-only' })} isEmpty={(d) => d.coverage.length === 0}>
        {(data) => <Summary row={data.coverage[0]} />}
      </QueryView>

      <h2>Lines</h2>
      {loaded === undefined ? (
        statement.error ? (
          <ErrorState error={statement.error} retry={() => void statement.reload()} />
        ) : (
          <Loading what="the statement" />
        )
      ) : loaded.totalCount === 0 ? (
        <p className="state state-empty">This framework has no assessable requirements, so its statement has no lines.</p>
      ) : (
        <div ref={linesRef}>
          <div className="soa-filters">
            <fieldset>
              <legend>Show</legend>
              {(['all', 'applicable', 'excluded'] as const).map((value) => (
                <label key={value}>
                  <input type="radio" name="soa-show" value={value} checked={show === value} onChange={() => setShow(value)} /> {value}
                </label>
              ))}
            </fieldset>
            <div>
              <label htmlFor={searchId}>Search refId or title</label>{' '}
              <input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
            </div>
          </div>
          {statement.error && <ErrorState error={statement.error} retry={() => void statement.reload()} />}
          <p ref={savedRef} tabIndex={-1} className="soa-saved" role="status">
            {saved}
          </p>
          <p className="soa-count">
            {filtering ? `${visible.length} matching of ` : ''}
            {loaded.lines.length} loaded of {loaded.totalCount} lines
            {filtering && loaded.hasNextPage ? ' (the filter and search look at the loaded lines only: load the rest to search them all)' : ''}.
            {statement.busy === 'reload' && ' Reading the statement again…'}
          </p>
          {visible.length === 0 ? (
            <p className="state state-empty">No loaded line matches the filter and search.</p>
          ) : (
            <table className="soa-table">
              <caption className="sr-only">Statement of Applicability of {framework}</caption>
              <thead>
                <tr>
                  <th scope="col">Requirement</th>
                  <th scope="col">Applies</th>
                  <th scope="col">Justification</th>
                  <th scope="col">Set by</th>
                  <th scope="col">Controls</th>
                  <th scope="col">Status</th>
                  {canEdit && <th scope="col">Change</th>}
                </tr>
              </thead>
              <tbody>
                {visible.map((line) => (
                  <SoaLine
                    key={line.requirement.refId}
                    framework={framework}
                    line={line}
                    canEdit={canEdit}
                    editing={editing === line.requirement.refId}
                    onToggle={() => {
                      setSaved(null);
                      setEditing(editing === line.requirement.refId ? null : line.requirement.refId);
                    }}
                    onCancel={() => close(line.requirement.refId)}
                    onSaved={(applicable, affected) => onSaved(line, applicable, affected)}
                  />
                ))}
              </tbody>
            </table>
          )}
          {loaded.hasNextPage && (
            <p className="soa-more">
              {loaded.totalCount - loaded.lines.length > PAGE && (
                <>
                  <button type="button" className="secondary" disabled={statement.busy !== null} onClick={() => void statement.more(PAGE)}>
                    Load {PAGE} more
                  </button>{' '}
                </>
              )}
              <button type="button" className="secondary" disabled={statement.busy !== null} onClick={() => void statement.more(MAX_PAGE)}>
                Load all {loaded.totalCount - loaded.lines.length} remaining
              </button>
              {statement.busy === 'more' && <span role="status"> Loading more lines…</span>}
            </p>
          )}
        </div>
      )}
    </>
  );
}

function Summary({ row }: { row: SoaCoverageQuery['coverage'][number] }) {
  // The denominator as DESIGN defines it, from the API (applicable assessable requirements), never summed here.
  const denominator = row.applicable;
  return (
    <div className="soa-summary">
      <p className="lede">
        <strong>
          {row.framework.code}:{row.framework.version}
        </strong>{' '}
        {row.framework.name}
      </p>
      <dl className="soa-numbers">
        {COVERAGE_PARTS.map((part) => (
          <div key={part} className={`soa-number soa-number-${part}`}>
            <dt>{part[0].toUpperCase() + part.slice(1)}</dt>
            <dd>{row[part]}</dd>
          </div>
        ))}
        <div className="soa-number soa-number-score">
          <dt>Score</dt>
          <dd>{percent(row.score)}</dd>
        </div>
      </dl>
      <CoverageBar counts={row} label={row.framework.code} />
      <p className="soa-denominator" data-testid="soa-denominator">
        Denominator: <strong>{denominator}</strong> applicable assessable requirements (full + partial + none). Not counted:{' '}
        {row.excluded} excluded by this statement.
      </p>
    </div>
  );
}

function SetAt({ iso }: { iso: string }) {
  const date = new Date(iso);
  const text = Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}

function SoaLine(props: {
  framework: string;
  line: Line;
  canEdit: boolean;
  editing: boolean;
  onToggle: () => void;
  onCancel: () => void;
  onSaved: (applicable: boolean, descendantsAffected: number) => Promise<void>;
}) {
  const { line, framework } = props;
  const refId = line.requirement.refId;
  const formId = useId();
  const requirementLink = (r: { refId: string }) => requirementPath(framework, r.refId);
  return (
    <>
      <tr className={`soa-line${line.applicable ? '' : ' soa-line-excluded'}`} data-refid={refId}>
        <th scope="row" className="soa-req">
          <Link to={requirementLink(line.requirement)}>{refId}</Link> <span className="soa-title">{line.requirement.title}</span>
        </th>
        <td className="soa-applies">
          <strong>{line.applicable ? 'Yes' : 'No'}</strong>
          {line.inheritedFrom && (
            <span className="soa-inherited">
              {' '}
              inherited from heading <Link to={requirementLink(line.inheritedFrom)}>{line.inheritedFrom.refId}</Link> {line.inheritedFrom.title}
            </span>
          )}
        </td>
        <td className="soa-justification">{line.justification ?? <span className="soa-unset">Never set: applies by default</span>}</td>
        <td className="soa-setby">
          {line.setAt ? (
            <>
              {line.setByName ?? <span className="soa-unset">a deleted key</span>}
              <br />
              <SetAt iso={line.setAt} />
            </>
          ) : (
            <span className="soa-unset">—</span>
          )}
        </td>
        <td className="soa-controls">
          {line.controls.length === 0 ? (
            <span className="soa-unset">none linked</span>
          ) : (
            <ul>
              {line.controls.map((link) => (
                <li key={link.control.id}>
                  <Link to={`/controls/${encodeURIComponent(link.control.id)}`} title={link.control.title}>
                    {link.control.code}
                  </Link>{' '}
                  <span className="soa-link-note">
                    {link.coverage.toLowerCase()}, {link.control.status.toLowerCase().replace('_', ' ')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </td>
        <td className="soa-status">
          <StatusChip status={line.status} />
          {line.status === 'PARTIAL' && <span className="soa-weight"> {percent(line.weight)}</span>}
        </td>
        {props.canEdit && (
          <td className="soa-action">
            <button
              type="button"
              className="secondary"
              data-soa-toggle={refId}
              aria-expanded={props.editing}
              aria-controls={props.editing ? formId : undefined}
              onClick={props.onToggle}
            >
              {line.applicable ? 'Exclude…' : 'Include again…'}
              <span className="sr-only"> {refId}</span>
            </button>
          </td>
        )}
      </tr>
      {props.editing && (
        <tr className="soa-form-row">
          <td colSpan={7}>
            <ApplicabilityForm id={formId} framework={framework} line={line} onCancel={props.onCancel} onSaved={props.onSaved} />
          </td>
        </tr>
      )}
    </>
  );
}

function ApplicabilityForm(props: {
  id: string;
  framework: string;
  line: Line;
  onCancel: () => void;
  onSaved: (applicable: boolean, descendantsAffected: number) => Promise<void>;
}) {
  const { line } = props;
  const refId = line.requirement.refId;
  const applicable = !line.applicable; // what saving sets
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [refused, setRefused] = useState<CombinedError | null>(null);
  const [saving, setSaving] = useState(false);
  const [, setApplicability] = useMutation(SoaSetApplicability);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const ids = { text: `${props.id}-text`, help: `${props.id}-help`, problem: `${props.id}-problem` };

  useEffect(() => textarea.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRefused(null);
    if (text.trim() === '') {
      setProblem('justification: write why, 1 to 2000 characters; the Statement of Applicability needs a reason for every line. Nothing was sent.');
      textarea.current?.focus();
      return;
    }
    setProblem(null);
    setSaving(true);
    const result = await setApplicability({ framework: props.framework, refId, applicable, justification: text });
    if (result.error || !result.data) {
      setSaving(false);
      setRefused(result.error ?? new CombinedError({ networkError: new Error('no answer') }));
      textarea.current?.focus();
      return;
    }
    await props.onSaved(result.data.setApplicability.applicable, result.data.setApplicability.descendantsAffected);
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Escape' && !saving) {
      event.preventDefault();
      props.onCancel();
    }
  }

  const over = text.length > JUSTIFICATION_MAX;
  return (
    <form id={props.id} className="soa-form" noValidate onSubmit={submit} onKeyDown={onKeyDown} aria-label={`${applicable ? 'Include' : 'Exclude'} ${refId}`}>
      <label htmlFor={ids.text}>
        {applicable ? `Why does ${refId} apply again?` : `Why does ${refId} not apply?`} (required)
      </label>
      <textarea
        id={ids.text}
        ref={textarea}
        name="justification"
        rows={3}
        value={text}
        aria-required="true"
        aria-invalid={problem !== null || refused !== null}
        aria-describedby={[ids.help, problem ? ids.problem : ''].filter(Boolean).join(' ')}
        onChange={(event) => setText(event.target.value)}
      />
      <p id={ids.help} className={`soa-help${over ? ' soa-over' : ''}`}>
        {text.length} of at most {JUSTIFICATION_MAX} characters.
        {applicable
          ? ' Saving makes the line applicable again: it counts in the denominator.'
          : ' Saving excludes the line: it leaves the denominator.'}{' '}
        It is recorded with your key&apos;s name and the time.
      </p>
      {problem && (
        <p id={ids.problem} className="soa-problem" role="alert">
          {problem}
        </p>
      )}
      {refused && (
        <div className="state state-error" role="alert">
          <p>
            <strong>The service refused the change; nothing was saved.</strong> {describeError(refused)}
          </p>
        </div>
      )}
      <div className="soa-form-buttons">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : applicable ? 'Save: include again' : 'Save: exclude'}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
