/**
 * Controls: the organization's controls a page at a time (`controls(first, after, filter)`), with the API's filters
 * kept in the URL (?status=IMPLEMENTED&framework=ISO27001&q=access&linked=unlinked&after=…), and a form to create one
 * (`createControl`). A control's page shows it with its links (`linkControl`, `unlinkControl`) and edits it with
 * `updateControl` and the version it was read at: when someone else changed it meanwhile (CONFLICT on expectedVersion)
 * the page shows their version beside the user's, and re-applies the user's changes on top of it or discards them.
 * Every refusal is shown in the service's own words, next to the field it names.
 */
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { type CombinedError, useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ControlDetailQuery, ControlStatus, ControlsListQuery, LinkCoverage } from '../gql/graphql';
import { FrameworkChoices, type FrameworkOption, frameworkOptions, frameworkRef, requirementPath } from '../components/frameworks';
import { RequireKey } from '../components/RequireKey';
import { describeError, Empty, ErrorState, Loading, QueryView } from '../components/states';
import { StatusChip } from '../components/status';
import './ControlsPages.css';

const PAGE_SIZE = 25;

const STATUSES: Array<[ControlStatus, string]> = [
  ['PLANNED', 'Planned'],
  ['IN_PROGRESS', 'In progress'],
  ['IMPLEMENTED', 'Implemented'],
  ['NOT_APPLICABLE', 'Not applicable'],
];
const STATUS_WORD = Object.fromEntries(STATUSES) as Record<ControlStatus, string>;

function statusWord(status: ControlStatus): string {
  return STATUS_WORD[status] ?? status;
}

const ControlsList = graphql(`
  query ControlsList($first: Int!, $after: String, $filter: ControlFilter) {
    controls(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          code
          title
          status
          owner
          updatedAt
          links {
            coverage
            requirement {
              id
              refId
              framework {
                code
              }
            }
          }
        }
      }
    }
  }
`);

const ControlsRole = graphql(`
  query ControlsRole {
    me {
      role
    }
  }
`);

const CreateControl = graphql(`
  mutation CreateControl($input: CreateControlInput!) {
    createControl(input: $input) {
      id
      code
      title
      status
      owner
      description
      version
    }
  }
`);

const ControlDetail = graphql(`
  query ControlDetail($id: ID!) {
    me {
      role
    }
    control(id: $id) {
      id
      code
      title
      status
      owner
      description
      version
      createdAt
      updatedAt
      links {
        coverage
        requirement {
          id
          refId
          title
          framework {
            code
            version
            name
          }
        }
      }
    }
  }
`);

/** The control as it is now, read past every cache: "their version" after a conflict. */
const ControlCurrent = graphql(`
  query ControlCurrent($id: ID!) {
    control(id: $id) {
      id
      code
      title
      status
      owner
      description
      version
      updatedAt
    }
  }
`);

const UpdateControl = graphql(`
  mutation UpdateControl($id: ID!, $expectedVersion: Int!, $input: UpdateControlInput!) {
    updateControl(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      code
      title
      status
      owner
      description
      version
      updatedAt
    }
  }
`);

const LinkControl = graphql(`
  mutation LinkControl($controlId: ID!, $framework: String!, $refId: String!, $coverage: LinkCoverage!) {
    linkControl(controlId: $controlId, framework: $framework, refId: $refId, coverage: $coverage) {
      coverage
      requirement {
        id
        refId
      }
      control {
        id
        version
      }
    }
  }
`);

const UnlinkControl = graphql(`
  mutation UnlinkControl($controlId: ID!, $framework: String!, $refId: String!) {
    unlinkControl(controlId: $controlId, framework: $framework, refId: $refId)
  }
`);

// ---------------------------------------------------------------------------------------------------------------
// Errors next to the fields they name

interface FieldErrors {
  /** By form field (the service's `input.code` is the form's `code`). */
  byField: Record<string, string>;
  /** Everything that names no field of the form. */
  other: string | null;
}

function fieldErrors(error: CombinedError, fields: readonly string[]): FieldErrors {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const e of error.graphQLErrors) {
    const named = typeof e.extensions?.field === 'string' ? e.extensions.field.replace(/^input\./, '') : null;
    if (named && fields.includes(named)) byField[named] = byField[named] ? `${byField[named]} ${e.message}` : e.message;
    else other.push(named && !e.message.includes(named) ? `${named}: ${e.message}` : e.message);
  }
  if (error.graphQLErrors.length === 0) other.push(describeError(error));
  return { byField, other: other.length > 0 ? other.join(' ') : null };
}

/** A labelled form field with its error (from the service) announced and tied to it. */
function Field(props: { id: string; label: string; error?: string; hint?: string; children: (a11y: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="controls-field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children({ id: props.id, 'aria-invalid': props.error ? true : undefined, 'aria-describedby': described || undefined })}
      {props.hint && (
        <span id={`${props.id}-hint`} className="controls-hint">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={`${props.id}-error`} className="controls-field-error" role="alert">
          {props.error}
        </span>
      )}
    </div>
  );
}

function ReadOnlyNote({ role }: { role: string }) {
  return (
    <p className="notice">
      Your key is an {role} key: it reads controls but cannot change them. An ADMIN or EDITOR key can.
    </p>
  );
}

const canWrite = (role: string) => role === 'ADMIN' || role === 'EDITOR';

// ---------------------------------------------------------------------------------------------------------------
// /controls

export function ControlsPage() {
  return (
    <section className="controls">
      <h1>Controls</h1>
      <RequireKey what="The control inventory">
        <ControlsInventory />
      </RequireKey>
    </section>
  );
}

interface ListFilter {
  status: string;
  framework: string;
  q: string;
  /** '' any, 'unlinked' only controls without links, 'linked' only controls with links. */
  linked: string;
}

function readFilter(params: URLSearchParams): ListFilter {
  return { status: params.get('status') ?? '', framework: params.get('framework') ?? '', q: params.get('q') ?? '', linked: params.get('linked') ?? '' };
}

function ControlsInventory() {
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const after = params.get('after');
  const [frameworks] = useQuery({ query: FrameworkChoices });
  const options = useMemo(() => (frameworks.data ? frameworkOptions(frameworks.data.frameworks, frameworks.data.ownFrameworks) : []), [frameworks.data]);

  function apply(next: ListFilter) {
    const out = new URLSearchParams();
    if (next.status) out.set('status', next.status);
    if (next.framework) out.set('framework', next.framework);
    if (next.q.trim()) out.set('q', next.q.trim());
    if (next.linked) out.set('linked', next.linked);
    setParams(out);
  }

  return (
    <>
      <p className="lede">
        Your organization’s controls, by code. Only <strong>implemented</strong> controls count in coverage. <a href="#controls-new">New control</a>
      </p>
      <FilterForm key={params.toString()} filter={filter} options={options} onApply={apply} />
      <ControlsTable filter={filter} after={after} />
      <NewControl />
    </>
  );
}

function FilterForm({ filter, options, onApply }: { filter: ListFilter; options: FrameworkOption[]; onApply: (filter: ListFilter) => void }) {
  const [draft, setDraft] = useState(filter);
  const set = (key: keyof ListFilter) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value }));
  const filtered = Object.values(filter).some((v) => v !== '');
  return (
    <form
      className="controls-filters"
      role="search"
      aria-label="Filter controls"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <div className="controls-field">
        <label htmlFor="controls-q">Search</label>
        <input id="controls-q" name="q" type="search" value={draft.q} onChange={set('q')} placeholder="code, title or owner" />
      </div>
      <div className="controls-field">
        <label htmlFor="controls-status">Status</label>
        <select id="controls-status" name="status" value={draft.status} onChange={set('status')}>
          <option value="">Any status</option>
          {STATUSES.map(([value, word]) => (
            <option key={value} value={value}>
              {word}
            </option>
          ))}
          {draft.status && !STATUS_WORD[draft.status as ControlStatus] && <option value={draft.status}>{draft.status}</option>}
        </select>
      </div>
      <div className="controls-field">
        <label htmlFor="controls-framework">Linked to framework</label>
        <select id="controls-framework" name="framework" value={draft.framework} onChange={set('framework')}>
          <option value="">Any framework</option>
          {options.map((o) => (
            <option key={o.ref} value={o.ref}>
              {o.label}
            </option>
          ))}
          {draft.framework && !options.some((o) => o.ref === draft.framework) && <option value={draft.framework}>{draft.framework}</option>}
        </select>
      </div>
      <div className="controls-field">
        <label htmlFor="controls-linked">Links</label>
        <select id="controls-linked" name="linked" value={draft.linked} onChange={set('linked')}>
          <option value="">With or without links</option>
          <option value="unlinked">Only unlinked controls</option>
          <option value="linked">Only linked controls</option>
        </select>
      </div>
      <div className="controls-actions">
        <button type="submit">Apply filters</button>
        {filtered && (
          <button type="button" className="secondary" onClick={() => onApply({ status: '', framework: '', q: '', linked: '' })}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}

type ListRow = ControlsListQuery['controls']['edges'][number]['node'];

function ControlsTable({ filter, after }: { filter: ListFilter; after: string | null }) {
  const [params] = useSearchParams();
  const variables = useMemo(
    () => ({
      first: PAGE_SIZE,
      after,
      filter: {
        status: (filter.status || null) as ControlStatus | null,
        framework: filter.framework || null,
        search: filter.q.trim() || null,
        unlinked: filter.linked === 'unlinked' ? true : filter.linked === 'linked' ? false : null,
      },
    }),
    [filter.status, filter.framework, filter.q, filter.linked, after],
  );
  // A list that showed no control holds no Control to be invalidated by createControl: name the type, so it refetches.
  const context = useMemo(() => ({ additionalTypenames: ['Control'] }), []);
  const [result, refetch] = useQuery({ query: ControlsList, variables, context });
  const filtered = Object.values(filter).some((v) => v !== '');
  const pageLink = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set('after', cursor);
    else next.delete('after');
    const search = next.toString();
    return search ? `?${search}` : '?';
  };
  return (
    <QueryView what="controls" result={result} retry={() => refetch({ requestPolicy: 'network-only' })}>
      {(data) => {
        const { edges, totalCount, pageInfo } = data.controls;
        if (totalCount === 0) {
          return filtered ? (
            <Empty>No controls match these filters. Clear them to see every control.</Empty>
          ) : (
            <Empty>
              No controls yet: <a href="#controls-new">create the first</a>.
            </Empty>
          );
        }
        return (
          <div className="controls-list" aria-busy={result.fetching || undefined}>
            <p className="controls-count" role="status">
              {totalCount} control{totalCount === 1 ? '' : 's'}
              {filtered ? ' match these filters' : ''}
              {after ? '; a later page' : ''}.
            </p>
            {edges.length === 0 ? (
              <Empty>No controls on this page.</Empty>
            ) : (
              <table className="controls-table" data-testid="controls-table">
                <caption className="sr-only">Controls{filtered ? ', filtered' : ''}</caption>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Title</th>
                    <th scope="col">Status</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Linked to</th>
                  </tr>
                </thead>
                <tbody>
                  {edges.map(({ node }) => (
                    <ControlRow key={node.id} row={node} />
                  ))}
                </tbody>
              </table>
            )}
            <nav className="controls-pages" aria-label="Pages of controls">
              {after && <Link to={pageLink(null)}>First page</Link>}
              {pageInfo.hasNextPage && pageInfo.endCursor && <Link to={pageLink(pageInfo.endCursor)}>Next page</Link>}
            </nav>
          </div>
        );
      }}
    </QueryView>
  );
}

function ControlRow({ row }: { row: ListRow }) {
  const shown = row.links.slice(0, 4);
  return (
    <tr data-testid="control-row" data-code={row.code}>
      <th scope="row">
        <Link to={`/controls/${encodeURIComponent(row.id)}`}>{row.code}</Link>
      </th>
      <td>{row.title}</td>
      <td>
        <span className={`controls-status controls-status-${row.status.toLowerCase()}`}>{statusWord(row.status)}</span>
      </td>
      <td>{row.owner ?? <span className="controls-muted">none</span>}</td>
      <td>
        {row.links.length === 0 ? (
          <span className="controls-muted">not linked</span>
        ) : (
          <>
            {shown.map((l) => `${l.requirement.framework.code} ${l.requirement.refId}`).join(', ')}
            {row.links.length > shown.length && <span className="controls-muted"> and {row.links.length - shown.length} more</span>}
          </>
        )}
      </td>
    </tr>
  );
}

const CREATE_FIELDS = ['code', 'title', 'status', 'owner', 'description'] as const;

function NewControl() {
  const [me] = useQuery({ query: ControlsRole });
  const [{ fetching }, create] = useMutation(CreateControl);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [created, setCreated] = useState<{ id: string; code: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const role = me.data?.me.role;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setCreated(null);
    const result = await create({
      input: {
        code: text('code'),
        title: text('title'),
        status: text('status') as ControlStatus,
        owner: text('owner') || null,
        description: text('description') || null,
      },
    });
    if (result.error || !result.data) {
      setErrors(result.error ? fieldErrors(result.error, CREATE_FIELDS) : { byField: {}, other: 'The service did not answer.' });
      return;
    }
    setErrors(null);
    setCreated({ id: result.data.createControl.id, code: result.data.createControl.code });
    setFormKey((k) => k + 1);
  }

  return (
    <section className="controls-new" aria-labelledby="controls-new">
      <h2 id="controls-new" tabIndex={-1}>
        New control
      </h2>
      {role && !canWrite(role) ? (
        <ReadOnlyNote role={role} />
      ) : (
        <>
          <div aria-live="polite">
            {created && (
              <p className="controls-saved">
                Created control <Link to={`/controls/${encodeURIComponent(created.id)}`}>{created.code}</Link>. Open it to link it to requirements.
              </p>
            )}
          </div>
          <form key={formKey} className="controls-form" onSubmit={(e) => void submit(e)} noValidate>
            <Field id="new-code" label="Code" error={errors?.byField.code} hint="Unique in your organization, e.g. AC-01.">
              {(a11y) => <input {...a11y} name="code" autoComplete="off" required />}
            </Field>
            <Field id="new-title" label="Title" error={errors?.byField.title}>
              {(a11y) => <input {...a11y} name="title" autoComplete="off" required />}
            </Field>
            <Field id="new-status" label="Status" error={errors?.byField.status} hint="Only implemented controls count in coverage.">
              {(a11y) => (
                <select {...a11y} name="status" defaultValue="PLANNED">
                  {STATUSES.map(([value, word]) => (
                    <option key={value} value={value}>
                      {word}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="new-owner" label="Owner (optional)" error={errors?.byField.owner}>
              {(a11y) => <input {...a11y} name="owner" autoComplete="off" />}
            </Field>
            <Field id="new-description" label="Description (optional)" error={errors?.byField.description}>
              {(a11y) => <textarea {...a11y} name="description" rows={3} />}
            </Field>
            <div className="controls-actions">
              <button type="submit" disabled={fetching}>
                {fetching ? 'Creating…' : 'Create control'}
              </button>
            </div>
            {errors?.other && <ErrorState error={errors.other} />}
          </form>
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// /controls/:id

export function ControlPage() {
  const { id = '' } = useParams();
  return (
    <section className="controls control-page">
      <RequireKey what="A control">
        <ControlView id={id} />
      </RequireKey>
    </section>
  );
}

type Detail = NonNullable<ControlDetailQuery['control']>;
interface Values {
  code: string;
  title: string;
  status: ControlStatus;
  owner: string;
  description: string;
}
const EDIT_FIELDS = ['code', 'title', 'status', 'owner', 'description'] as const;
const FIELD_LABEL: Record<(typeof EDIT_FIELDS)[number], string> = { code: 'Code', title: 'Title', status: 'Status', owner: 'Owner', description: 'Description' };

interface Version extends Values {
  version: number;
  updatedAt: string;
}

function versionOf(control: { code: string; title: string; status: ControlStatus; owner?: string | null; description?: string | null; version: number; updatedAt: string }): Version {
  return {
    code: control.code,
    title: control.title,
    status: control.status,
    owner: control.owner ?? '',
    description: control.description ?? '',
    version: control.version,
    updatedAt: control.updatedAt,
  };
}

function ControlView({ id }: { id: string }) {
  const [result, refetch] = useQuery({ query: ControlDetail, variables: { id } });
  const notFoundWords = result.error?.graphQLErrors.find((e) => e.extensions?.field === 'id' && ['BAD_USER_INPUT', 'NOT_FOUND'].includes(String(e.extensions?.code)));
  if ((result.data && !result.data.control) || (!result.data && notFoundWords)) {
    return (
      <>
        <h1>Control not found</h1>
        <div className="state state-empty">
          <p>
            Your organization has no control with this id{notFoundWords ? ` (${describeError(result.error!)})` : ''}. It may have been deleted.
          </p>
          <p>
            <Link to="/controls">All controls</Link>
          </p>
        </div>
      </>
    );
  }
  if (!result.data) {
    return (
      <>
        <h1>Control</h1>
        {result.error ? <ErrorState error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : <Loading what="the control" />}
      </>
    );
  }
  const control = result.data.control!;
  const role = result.data.me.role;
  return (
    <>
      <p className="controls-back">
        <Link to="/controls">← All controls</Link>
      </p>
      <h1>
        Control {control.code}: {control.title}
      </h1>
      {result.error && <ErrorState error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!canWrite(role) && <ReadOnlyNote role={role} />}
      <ControlDetails control={control} writable={canWrite(role)} reload={() => refetch({ requestPolicy: 'network-only' })} />
      <ControlLinks control={control} writable={canWrite(role)} reload={() => refetch({ requestPolicy: 'network-only' })} />
    </>
  );
}

/** The control's fields, and editing them against the version they were read at. */
function ControlDetails({ control, writable, reload }: { control: Detail; writable: boolean; reload: () => void }) {
  const [editing, setEditing] = useState<{ base: Version; draft: Values } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="controls-details" aria-labelledby="control-details-title">
      <h2 id="control-details-title">Details</h2>
      <div aria-live="polite">{notice && !editing && <p className="controls-saved">{notice}</p>}</div>
      {editing ? (
        <Editor
          id={control.id}
          base={editing.base}
          draft={editing.draft}
          onDone={(words, discarded) => {
            setEditing(null);
            setNotice(words);
            if (discarded) reload();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <>
          <dl className="controls-dl">
            <dt>Code</dt>
            <dd>{control.code}</dd>
            <dt>Title</dt>
            <dd>{control.title}</dd>
            <dt>Status</dt>
            <dd>
              <span className={`controls-status controls-status-${control.status.toLowerCase()}`}>{statusWord(control.status)}</span>
              {control.status !== 'IMPLEMENTED' && <span className="controls-muted"> (counts in coverage once implemented)</span>}
            </dd>
            <dt>Owner</dt>
            <dd>{control.owner ?? <span className="controls-muted">none</span>}</dd>
            <dt>Description</dt>
            <dd className="controls-description">{control.description ?? <span className="controls-muted">none</span>}</dd>
            <dt>Version</dt>
            <dd>
              {control.version}, changed {new Date(control.updatedAt).toLocaleString()}
            </dd>
          </dl>
          {writable && (
            <button
              type="button"
              onClick={() => {
                const base = versionOf(control);
                setNotice(null);
                setEditing({ base, draft: { ...base } });
              }}
            >
              Edit control
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** What the user changed: the fields of `draft` that differ from `base`, as UpdateControlInput takes them. */
function changesOf(base: Values, draft: Values): Partial<Values> {
  const changes: Partial<Values> = {};
  for (const field of EDIT_FIELDS) {
    if (draft[field].trim() !== base[field].trim()) (changes as Record<string, string>)[field] = draft[field].trim();
  }
  return changes;
}

function toInput(changes: Partial<Values>) {
  return {
    ...(changes.code !== undefined ? { code: changes.code } : {}),
    ...(changes.title !== undefined ? { title: changes.title } : {}),
    ...(changes.status !== undefined ? { status: changes.status } : {}),
    // An emptied owner or description clears it.
    ...(changes.owner !== undefined ? { owner: changes.owner || null } : {}),
    ...(changes.description !== undefined ? { description: changes.description || null } : {}),
  };
}

interface Conflict {
  /** The control as it is now; null when it was deleted meanwhile. */
  theirs: Version | null;
  /** Only the fields the user changed. */
  mine: Partial<Values>;
  /** The service's own words. */
  words: string;
}

function Editor({ id, base: startBase, draft: startDraft, onDone, onCancel }: { id: string; base: Version; draft: Values; onDone: (words: string, discarded?: boolean) => void; onCancel: () => void }) {
  const client = useClient();
  const [, update] = useMutation(UpdateControl);
  const [base, setBase] = useState(startBase);
  const [draft, setDraft] = useState(startDraft);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  /** Saves `changes` against `against` (the version they apply to). */
  async function save(against: Version, changes: Partial<Values>) {
    if (Object.keys(changes).length === 0) {
      onDone('Nothing changed, so nothing was saved.');
      return;
    }
    setSaving(true);
    setErrors(null);
    const result = await update({ id, expectedVersion: against.version, input: toInput(changes) });
    if (result.data?.updateControl) {
      setSaving(false);
      onDone(`Saved: version ${result.data.updateControl.version}.`);
      return;
    }
    const stale = result.error?.graphQLErrors.find((e) => e.extensions?.code === 'CONFLICT' && e.extensions?.field === 'expectedVersion');
    if (stale) {
      const current = await client.query(ControlCurrent, { id }, { requestPolicy: 'network-only' }).toPromise();
      setSaving(false);
      if (current.error) {
        setErrors({ byField: {}, other: `${stale.message} Reading their version failed too: ${describeError(current.error)}` });
        return;
      }
      setConflict({ theirs: current.data?.control ? versionOf(current.data.control) : null, mine: changes, words: stale.message });
      return;
    }
    setSaving(false);
    setErrors(result.error ? fieldErrors(result.error, EDIT_FIELDS) : { byField: {}, other: 'The service did not answer.' });
  }

  if (conflict) {
    return (
      <ConflictView
        conflict={conflict}
        saving={saving}
        onReapply={() => {
          const theirs = conflict.theirs!;
          const merged = { ...pick(theirs), ...conflict.mine };
          setConflict(null);
          setBase(theirs);
          setDraft(merged);
          void save(theirs, changesOf(theirs, merged));
        }}
        onReview={() => {
          const theirs = conflict.theirs!;
          setConflict(null);
          setBase(theirs);
          setDraft({ ...pick(theirs), ...conflict.mine });
        }}
        onDiscard={() => onDone('Your changes were discarded; this is their version.', true)}
      />
    );
  }

  const set = (field: keyof Values) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: event.target.value }));
  return (
    <form
      className="controls-form"
      aria-label="Edit control"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save(base, changesOf(base, draft));
      }}
    >
      <p className="controls-muted">Editing version {base.version}. Fields left as they are stay unchanged.</p>
      <Field id="edit-code" label="Code" error={errors?.byField.code}>
        {(a11y) => <input {...a11y} name="code" value={draft.code} onChange={set('code')} autoComplete="off" required />}
      </Field>
      <Field id="edit-title" label="Title" error={errors?.byField.title}>
        {(a11y) => <input {...a11y} name="title" value={draft.title} onChange={set('title')} autoComplete="off" required />}
      </Field>
      <Field id="edit-status" label="Status" error={errors?.byField.status}>
        {(a11y) => (
          <select {...a11y} name="status" value={draft.status} onChange={set('status')}>
            {STATUSES.map(([value, word]) => (
              <option key={value} value={value}>
                {word}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="edit-owner" label="Owner" error={errors?.byField.owner} hint="Leave empty for none.">
        {(a11y) => <input {...a11y} name="owner" value={draft.owner} onChange={set('owner')} autoComplete="off" />}
      </Field>
      <Field id="edit-description" label="Description" error={errors?.byField.description} hint="Leave empty for none.">
        {(a11y) => <textarea {...a11y} name="description" value={draft.description} onChange={set('description')} rows={4} />}
      </Field>
      <div className="controls-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
      {errors?.other && <ErrorState error={errors.other} />}
    </form>
  );
}

function pick(v: Version): Values {
  return { code: v.code, title: v.title, status: v.status, owner: v.owner, description: v.description };
}

function shown(field: keyof Values, value: string): ReactNode {
  if (field === 'status') return statusWord(value as ControlStatus);
  return value === '' ? <span className="controls-muted">none</span> : value;
}

function ConflictView({ conflict, saving, onReapply, onReview, onDiscard }: { conflict: Conflict; saving: boolean; onReapply: () => void; onReview: () => void; onDiscard: () => void }) {
  const { theirs, mine } = conflict;
  return (
    <div className="controls-conflict" role="alert" data-testid="control-conflict">
      <h3>Someone changed this control while you were editing; here is their version</h3>
      {theirs ? (
        <>
          <p>
            Their version is {theirs.version}, saved {new Date(theirs.updatedAt).toLocaleString()}. Nothing of yours was saved yet. Re-apply your changes on
            top of their version, or discard yours.
          </p>
          <table className="controls-conflict-table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Their version (now)</th>
                <th scope="col">Yours</th>
              </tr>
            </thead>
            <tbody>
              {EDIT_FIELDS.map((field) => {
                const changed = field in mine;
                return (
                  <tr key={field} data-field={field} className={changed ? 'controls-conflict-changed' : undefined}>
                    <th scope="row">{FIELD_LABEL[field]}</th>
                    <td data-testid="conflict-theirs">{shown(field, theirs[field])}</td>
                    <td data-testid="conflict-yours">{changed ? <strong>{shown(field, mine[field]!)}</strong> : <span className="controls-muted">not changed by you</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="controls-actions">
            <button type="button" onClick={onReapply} disabled={saving}>
              {saving ? 'Saving…' : 'Re-apply my changes and save'}
            </button>
            <button type="button" className="secondary" onClick={onReview} disabled={saving}>
              Re-apply and review first
            </button>
            <button type="button" className="secondary" onClick={onDiscard} disabled={saving}>
              Discard my changes
            </button>
          </div>
        </>
      ) : (
        <>
          <p>The control was deleted meanwhile, so your changes cannot be saved.</p>
          <p>
            <Link to="/controls">All controls</Link>
          </p>
        </>
      )}
      <p className="controls-muted controls-service-words">The service said: {conflict.words}</p>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Links

function ControlLinks({ control, writable, reload }: { control: Detail; writable: boolean; reload: () => void }) {
  const [frameworks, refetchFrameworks] = useQuery({ query: FrameworkChoices });
  const options = useMemo(() => (frameworks.data ? frameworkOptions(frameworks.data.frameworks, frameworks.data.ownFrameworks) : []), [frameworks.data]);
  const [unlinking, unlink] = useMutation(UnlinkControl);
  const [notice, setNotice] = useState<string | null>(null);
  const [unlinkError, setUnlinkError] = useState<string | null>(null);

  async function remove(link: Detail['links'][number]) {
    const f = link.requirement.framework;
    setNotice(null);
    setUnlinkError(null);
    const result = await unlink({ controlId: control.id, framework: `${f.code}:${f.version}`, refId: link.requirement.refId });
    if (result.error) {
      setUnlinkError(describeError(result.error));
      return;
    }
    setNotice(`Unlinked from ${f.code} ${link.requirement.refId}.`);
    reload();
  }

  return (
    <section className="controls-links" aria-labelledby="control-links-title">
      <h2 id="control-links-title">Linked requirements</h2>
      <div aria-live="polite">{notice && <p className="controls-saved">{notice}</p>}</div>
      {unlinkError && <ErrorState error={unlinkError} />}
      {control.links.length === 0 ? (
        <Empty>Not linked to any requirement yet{writable ? ': link it below' : ''}.</Empty>
      ) : (
        <table className="controls-table" data-testid="control-links">
          <caption className="sr-only">Requirements {control.code} is linked to</caption>
          <thead>
            <tr>
              <th scope="col">Framework</th>
              <th scope="col">Requirement</th>
              <th scope="col">Coverage</th>
              {writable && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {control.links.map((link) => {
              const f = link.requirement.framework;
              return (
                <tr key={link.requirement.id} data-testid="control-link" data-ref-id={link.requirement.refId} data-framework={f.code}>
                  <td>
                    {f.code}:{f.version}
                  </td>
                  <th scope="row">
                    <Link to={requirementPath(frameworkRef(f, options), link.requirement.refId)}>
                      <strong>{link.requirement.refId}</strong> {link.requirement.title}
                    </Link>
                  </th>
                  <td>
                    <StatusChip status={link.coverage} />
                  </td>
                  {writable && (
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        disabled={unlinking.fetching}
                        onClick={() => void remove(link)}
                        aria-label={`Unlink ${f.code} ${link.requirement.refId}`}
                      >
                        Unlink
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {writable &&
        (frameworks.error && !frameworks.data ? (
          <ErrorState error={frameworks.error} retry={() => refetchFrameworks({ requestPolicy: 'network-only' })} />
        ) : (
          <LinkForm controlId={control.id} options={options} onLinked={(words) => setNotice(words)} />
        ))}
    </section>
  );
}

const LINK_FIELDS = ['framework', 'refId', 'coverage'] as const;

function LinkForm({ controlId, options, onLinked }: { controlId: string; options: FrameworkOption[]; onLinked: (words: string) => void }) {
  const [{ fetching }, link] = useMutation(LinkControl);
  const [framework, setFramework] = useState('');
  const [refId, setRefId] = useState('');
  const [coverage, setCoverage] = useState<LinkCoverage>('FULL');
  const [errors, setErrors] = useState<FieldErrors | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = framework || options[0]?.ref || '';
    const result = await link({ controlId, framework: chosen, refId: refId.trim(), coverage });
    if (result.error || !result.data) {
      setErrors(result.error ? fieldErrors(result.error, LINK_FIELDS) : { byField: {}, other: 'The service did not answer.' });
      return;
    }
    setErrors(null);
    setRefId('');
    onLinked(`Linked to ${chosen} ${result.data.linkControl.requirement.refId} (${result.data.linkControl.coverage}).`);
  }

  return (
    <form className="controls-form controls-link-form" aria-labelledby="control-link-form-title" noValidate onSubmit={(e) => void submit(e)}>
      <h3 id="control-link-form-title">Link to a requirement</h3>
      <div className="controls-row">
        <Field id="link-framework" label="Framework" error={errors?.byField.framework}>
          {(a11y) => (
            <select {...a11y} name="framework" value={framework || options[0]?.ref || ''} onChange={(e) => setFramework(e.target.value)}>
              {options.length === 0 && <option value="">Loading frameworks…</option>}
              {options.map((o) => (
                <option key={o.ref} value={o.ref}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="link-refId" label="Requirement" error={errors?.byField.refId} hint="As the standard prints it, e.g. A.5.15, CC6.1 or GOVERN 1.1.">
          {(a11y) => <input {...a11y} name="refId" value={refId} onChange={(e) => setRefId(e.target.value)} autoComplete="off" required />}
        </Field>
        <Field id="link-coverage" label="Coverage" error={errors?.byField.coverage} hint="A partial link counts half.">
          {(a11y) => (
            <select {...a11y} name="coverage" value={coverage} onChange={(e) => setCoverage(e.target.value as LinkCoverage)}>
              <option value="FULL">Full</option>
              <option value="PARTIAL">Partial</option>
            </select>
          )}
        </Field>
      </div>
      <div className="controls-actions">
        <button type="submit" disabled={fetching || options.length === 0}>
          {fetching ? 'Linking…' : 'Link'}
        </button>
      </div>
      {errors?.other && <ErrorState error={errors.other} />}
    </form>
  );
}
