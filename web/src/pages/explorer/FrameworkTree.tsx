/**
 * /frameworks/:framework: the requirement tree (headings and assessable requirements, nested by `parent`), read a
 * page of 500 at a time until done. Headings are disclosure buttons (aria-expanded); a filter narrows the tree to the
 * matching requirements and their headings. With a key, each assessable requirement carries the organization's status
 * from its Statement of Applicability (one paged query for the whole framework, one crosswalk hop).
 */
import { type ReactNode, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type {
  ExplorerTreeKeyedQuery,
  ExplorerTreePageFragment,
  ExplorerTreeQuery,
  ExplorerTreeStatusesQuery,
  ExplorerFrameworkHeadFragment,
} from '../../gql/graphql';
import { Empty, ErrorState, Loading } from '../../components/states';
import { type CoverageStatusName, StatusChip } from '../../components/status';
import { useSession } from '../../session';
import { ExplorerTree, ExplorerTreeKeyed, ExplorerTreeStatuses } from './queries';
import { frameworkKindWords, frameworkRef, requirementPath } from './format';
import { useAllPages } from './useAllPages';

type Row = ExplorerTreePageFragment['edges'][number]['node'];
type Head = ExplorerFrameworkHeadFragment;

const pickPublic = (data: ExplorerTreeQuery) => data.framework?.requirements;
const pickKeyed = (data: ExplorerTreeKeyedQuery) => (data.framework ?? data.ownFramework)?.requirements;
const pickStatuses = (data: ExplorerTreeStatusesQuery) => data.statementOfApplicability;

export function FrameworkTree({ reference }: { reference: string }) {
  const { apiKey } = useSession();
  const publicPages = useAllPages(ExplorerTree, { framework: reference }, pickPublic, !!apiKey);
  const keyedPages = useAllPages(ExplorerTreeKeyed, { framework: reference }, pickKeyed, !apiKey);
  const pages = apiKey ? keyedPages : publicPages;
  const head: Head | null | undefined = apiKey
    ? (keyedPages.first?.framework ?? keyedPages.first?.ownFramework)
    : publicPages.first?.framework;

  if (pages.error && !pages.first) {
    return (
      <Shell title={reference}>
        <ErrorState error={pages.error} retry={pages.retry} />
      </Shell>
    );
  }
  if (pages.missing) {
    return (
      <Shell title="No such framework">
        <Empty>
          There is no framework “{reference}” {apiKey ? 'in the catalog or among your organization’s own' : 'in the catalog'}.{' '}
          <Link to="/frameworks">See the frameworks there are</Link>.
        </Empty>
      </Shell>
    );
  }
  if (pages.fetching || !head) {
    return (
      <Shell title={reference}>
        <Loading what="the requirement tree" />
      </Shell>
    );
  }
  return (
    <Shell title={`${head.code} ${head.name}`}>
      <FrameworkFacts head={head} />
      {pages.error && <ErrorState error={pages.error} retry={pages.retry} />}
      {apiKey ? (
        <Statuses framework={frameworkRef(head)}>{(statuses) => <Tree head={head} rows={pages.nodes} statuses={statuses} />}</Statuses>
      ) : (
        <>
          <p className="help explorer-hint">
            <Link to="/sign-in">Sign in</Link> to see your organization’s status (full, partial, none, excluded) on each requirement.
          </p>
          <Tree head={head} rows={pages.nodes} statuses={null} />
        </>
      )}
    </Shell>
  );
}

function Shell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="explorer">
      <nav aria-label="Breadcrumb" className="explorer-crumbs">
        <Link to="/frameworks">Frameworks</Link>
      </nav>
      <h1>{title}</h1>
      {children}
    </section>
  );
}

function FrameworkFacts({ head }: { head: Head }) {
  return (
    <>
      {head.description && <p className="lede">{head.description}</p>}
      <dl className="explorer-facts">
        <div>
          <dt>Version</dt>
          <dd>{head.version}</dd>
        </div>
        <div>
          <dt>Publisher</dt>
          <dd>{head.publisher}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>
            {frameworkKindWords(head.kind)}
            {head.own && <span className="explorer-tag explorer-tag-own">Own</span>}
          </dd>
        </div>
        <div>
          <dt>Assessable requirements</dt>
          <dd>{head.assessable}</dd>
        </div>
        <div className="explorer-facts-wide">
          <dt>Licence</dt>
          <dd>{head.licenceNote}</dd>
        </div>
      </dl>
    </>
  );
}

/** The organization's SoA statuses by requirement id; renders the tree once they are in (or failed: then without). */
function Statuses({ framework, children }: { framework: string; children: (statuses: Map<string, CoverageStatusName> | null) => ReactNode }) {
  const result = useAllPages(ExplorerTreeStatuses, { framework }, pickStatuses);
  const statuses = useMemo(() => new Map(result.nodes.map((line) => [line.requirement.id, line.status as CoverageStatusName])), [result.nodes]);
  if (result.fetching) return <Loading what="your organization’s statuses" />;
  return (
    <>
      {result.error ? (
        <ErrorState error={result.error} retry={result.retry} />
      ) : (
        <p className="help explorer-hint">Your organization’s status on each assessable requirement, from its implemented controls and one crosswalk hop.</p>
      )}
      {children(result.error ? null : statuses)}
    </>
  );
}

interface TreeNode {
  row: Row;
  children: TreeNode[];
}

function buildTree(rows: Row[]): { roots: TreeNode[]; headings: string[] } {
  const byId = new Map<string, TreeNode>(rows.map((row) => [row.id, { row, children: [] }]));
  const roots: TreeNode[] = [];
  for (const node of byId.values()) {
    const parent = node.row.parent ? byId.get(node.row.parent.id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return { roots, headings: [...byId.values()].filter((n) => n.children.length > 0).map((n) => n.row.id) };
}

/** Ids of the rows to show for a filter: the matches and every heading above them; null when there is no filter. */
function visibleFor(rows: Row[], filter: string): { visible: Set<string>; matches: number } | null {
  const needle = filter.trim().toLowerCase();
  if (!needle) return null;
  const parentOf = new Map(rows.map((row) => [row.id, row.parent?.id]));
  const visible = new Set<string>();
  let matches = 0;
  for (const row of rows) {
    if (!row.refId.toLowerCase().includes(needle) && !row.title.toLowerCase().includes(needle)) continue;
    matches += 1;
    for (let id: string | undefined = row.id; id && !visible.has(id); id = parentOf.get(id)) visible.add(id);
  }
  return { visible, matches };
}

function Tree({ head, rows, statuses }: { head: Head; rows: Row[]; statuses: Map<string, CoverageStatusName> | null }) {
  const { roots, headings } = useMemo(() => buildTree(rows), [rows]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [filter, setFilter] = useState('');
  const filtered = useMemo(() => visibleFor(rows, filter), [rows, filter]);
  const filterId = useId();
  if (rows.length === 0) return <Empty>{head.code} has no requirements yet.</Empty>;

  const toggle = (id: string) =>
    setCollapsed((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const context: TreeContext = { head, statuses, collapsed: filtered ? new Set() : collapsed, visible: filtered?.visible ?? null, toggle };
  return (
    <div className="explorer-tree-wrap">
      <div className="explorer-toolbar">
        <label htmlFor={filterId}>Filter requirements</label>
        <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="refId or title, e.g. access" aria-describedby={`${filterId}-count`} />
        <button type="button" className="secondary" onClick={() => setCollapsed(new Set())} disabled={!!filtered}>
          Expand all
        </button>
        <button type="button" className="secondary" onClick={() => setCollapsed(new Set(headings))} disabled={!!filtered}>
          Collapse all
        </button>
        <span id={`${filterId}-count`} className="explorer-count" role="status">
          {filtered ? `${filtered.matches} of ${rows.length} requirements match` : `${rows.length} requirements`}
        </span>
      </div>
      {filtered && filtered.matches === 0 ? (
        <Empty>No requirement’s refId or title contains “{filter.trim()}”.</Empty>
      ) : (
        <ul className="explorer-tree" data-testid="explorer-tree">
          {roots.map((node) => (
            <TreeItem key={node.row.id} node={node} context={context} />
          ))}
        </ul>
      )}
    </div>
  );
}

interface TreeContext {
  head: Head;
  statuses: Map<string, CoverageStatusName> | null;
  collapsed: ReadonlySet<string>;
  visible: Set<string> | null;
  toggle(id: string): void;
}

function TreeItem({ node, context }: { node: TreeNode; context: TreeContext }) {
  const { row } = node;
  if (context.visible && !context.visible.has(row.id)) return null;
  const link = requirementPath(context.head, row.refId);
  const status = context.statuses?.get(row.id);
  if (node.children.length === 0) {
    return (
      <li className="explorer-leaf" data-ref={row.refId}>
        <Link to={link}>
          <span className="explorer-ref">{row.refId}</span> {row.title}
        </Link>
        {row.assessable ? status && <StatusChip status={status} /> : <span className="explorer-kind">{row.kind}, not assessable</span>}
        {row.withdrawn && <span className="explorer-tag">Withdrawn</span>}
      </li>
    );
  }
  const open = !context.collapsed.has(row.id);
  const groupId = `explorer-group-${row.id}`;
  return (
    <li className="explorer-heading" data-ref={row.refId}>
      <div className="explorer-heading-row">
        <button type="button" className="explorer-toggle" aria-expanded={open} aria-controls={groupId} onClick={() => context.toggle(row.id)}>
          <span className="explorer-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <span className="explorer-ref">{row.refId}</span> {row.title}
        </button>
        {row.assessable && status && <StatusChip status={status} />}
        <Link to={link} className="explorer-open">
          Details<span className="sr-only"> of {row.refId} {row.title}</span>
        </Link>
      </div>
      <ul id={groupId} hidden={!open}>
        {node.children.map((child) => (
          <TreeItem key={child.row.id} node={child} context={context} />
        ))}
      </ul>
    </li>
  );
}
