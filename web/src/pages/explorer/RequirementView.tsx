/**
 * /frameworks/:framework/requirements/:refId: one requirement with its text (where the licence allows), its crosswalks
 * and their sources, and with a key the organization's coverage and every path that explains it (PathGraph).
 */
import { type ReactNode, useId, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import type { ExplorerRequirementDetailFragment } from '../../gql/graphql';
import { Empty, ErrorState, Loading } from '../../components/states';
import { useSession } from '../../session';
import { ExplorerOwnRequirement, ExplorerOwnRequirementFind, ExplorerRequirement } from './queries';
import { frameworkPath as pathOfFramework } from '../../components/frameworks';
import { enumWords, frameworkPath, requirementPath, relationshipWords } from './format';
import { RequirementCoverageView } from './RequirementCoverage';

type Detail = ExplorerRequirementDetailFragment;

export function RequirementView({ reference, refId }: { reference: string; refId: string }) {
  const { apiKey } = useSession();
  const [result, refetch] = useQuery({ query: ExplorerRequirement, variables: { framework: reference, refId } });
  const retry = () => refetch({ requestPolicy: 'network-only' });
  const { data, error } = result;
  if (!data) {
    return (
      <Shell reference={reference} title={refId}>
        {error ? <ErrorState error={error} retry={retry} /> : <Loading what={`requirement ${refId}`} />}
      </Shell>
    );
  }
  if (data.requirement) return <RequirementDetail requirement={data.requirement} />;
  // Not public: with a key the reference may name one of the organization's own frameworks.
  if (!data.framework && apiKey) return <OwnRequirement reference={reference} refId={refId} />;
  return <NotFound reference={reference} refId={refId} frameworkKnown={!!data.framework} />;
}

function NotFound({ reference, refId, frameworkKnown }: { reference: string; refId: string; frameworkKnown: boolean }) {
  return (
    <Shell reference={reference} title="No such requirement" frameworkKnown={frameworkKnown}>
      <Empty>
        {frameworkKnown ? (
          <>
            {reference} has no requirement “{refId}”. <Link to={pathOfFramework(reference)}>Browse its requirement tree</Link>.
          </>
        ) : (
          <>
            There is no framework “{reference}”, so no requirement “{refId}” in it. <Link to="/frameworks">See the frameworks there are</Link>.
          </>
        )}
      </Empty>
    </Shell>
  );
}

function OwnRequirement({ reference, refId }: { reference: string; refId: string }) {
  const [found, refetch] = useQuery({ query: ExplorerOwnRequirementFind, variables: { framework: reference, search: refId } });
  const edges = found.data?.ownFramework?.requirements.edges;
  const index = edges?.findIndex((edge) => edge.node.refId === refId) ?? -1;
  const after = index > 0 ? edges![index - 1].cursor : null;
  const [detail] = useQuery({ query: ExplorerOwnRequirement, variables: { framework: reference, search: refId, after }, pause: index < 0 });
  const error = found.error ?? detail.error;
  if (error) {
    return (
      <Shell reference={reference} title={refId}>
        <ErrorState error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Shell>
    );
  }
  if (found.data && index < 0) return <NotFound reference={reference} refId={refId} frameworkKnown={!!found.data.ownFramework} />;
  const requirement = detail.data?.ownFramework?.requirements.edges[0]?.node;
  if (requirement?.refId === refId) return <RequirementDetail requirement={requirement} />;
  return (
    <Shell reference={reference} title={refId}>
      <Loading what={`requirement ${refId}`} />
    </Shell>
  );
}

function Shell({ reference, title, frameworkKnown = true, children }: { reference: string; title: string; frameworkKnown?: boolean; children: ReactNode }) {
  return (
    <section className="explorer">
      <nav aria-label="Breadcrumb" className="explorer-crumbs">
        <Link to="/frameworks">Frameworks</Link>
        {frameworkKnown && (
          <>
            {' › '}
            <Link to={pathOfFramework(reference)}>{reference}</Link>
          </>
        )}
      </nav>
      <h1>{title}</h1>
      {children}
    </section>
  );
}

function RequirementDetail({ requirement: r }: { requirement: Detail }) {
  const { apiKey } = useSession();
  const fw = r.framework;
  return (
    <section className="explorer">
      <nav aria-label="Breadcrumb" className="explorer-crumbs">
        <Link to="/frameworks">Frameworks</Link> › <Link to={frameworkPath(fw)}>{fw.code}</Link>
        {r.parent && (
          <>
            {' › '}
            <Link to={requirementPath(fw, r.parent.refId)}>
              {r.parent.refId} {r.parent.title}
            </Link>
          </>
        )}
      </nav>
      <h1>
        <span className="explorer-ref">{r.refId}</span> {r.title}
      </h1>
      <dl className="explorer-facts">
        <div>
          <dt>Framework</dt>
          <dd>
            {fw.name} ({fw.code}:{fw.version}){fw.own && <span className="explorer-tag explorer-tag-own">Own</span>}
          </dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>
            {r.kind}, {r.assessable ? 'assessable' : 'a heading (not assessable)'}
            {r.withdrawn && ', withdrawn'}
          </dd>
        </div>
        {r.hsClause && (
          <div>
            <dt>Harmonized Structure clause</dt>
            <dd>{r.hsClause}</dd>
          </div>
        )}
        {r.aiRoles && (
          <div>
            <dt>AI roles</dt>
            <dd>{r.aiRoles.map(enumWords).join(', ')}</dd>
          </div>
        )}
      </dl>

      <h2>Text</h2>
      {r.text ? (
        <blockquote className="explorer-text">{r.text}</blockquote>
      ) : (
        <p className="explorer-no-text" data-testid="explorer-no-text">
          The text of {r.refId} is not shipped. {fw.licenceNote}
        </p>
      )}
      {r.roleNote && <p className="help">AI roles: {r.roleNote}</p>}
      {r.guidance && (
        <>
          <h3>Guidance</h3>
          <p className="explorer-text">{r.guidance}</p>
        </>
      )}
      {r.objectives && (
        <>
          <h3>Assessment objectives</h3>
          <p className="explorer-text">{r.objectives}</p>
        </>
      )}

      {r.children.length > 0 && (
        <>
          <h2>Inside it</h2>
          <ul className="explorer-children">
            {r.children.map((child) => (
              <li key={child.id}>
                <Link to={requirementPath(fw, child.refId)}>
                  <span className="explorer-ref">{child.refId}</span> {child.title}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Your organization’s coverage</h2>
      {apiKey ? (
        <RequirementCoverageView requirement={{ code: fw.code, version: fw.version, refId: r.refId, title: r.title }} />
      ) : (
        <p className="help explorer-hint">
          <Link to="/sign-in">Sign in</Link> to see your organization’s status on {r.refId} and the paths from your controls that explain it.
        </p>
      )}

      <Crosswalks requirement={r} />
    </section>
  );
}

function Crosswalks({ requirement: r }: { requirement: Detail }) {
  const sets = new Map(r.crosswalks.map((c) => [c.mappingSet.id, c.mappingSet]));
  const captionId = useId();
  const [framework, setFramework] = useState('');
  const frameworks = [...new Set(r.crosswalks.map((c) => c.target.framework.code))];
  const shown = framework ? r.crosswalks.filter((c) => c.target.framework.code === framework) : r.crosswalks;
  return (
    <>
      <h2 id={captionId}>Crosswalks ({r.crosswalks.length})</h2>
      {r.crosswalks.length === 0 ? (
        <Empty>No crosswalk touches {r.refId}: no mapping set relates it to a requirement of another framework.</Empty>
      ) : (
        <>
          <p className="help">
            Each row reads “{r.refId} is <em>relationship</em> the other requirement” (NIST IR 8477); strength is 0–10 (NIST IR 8278A: 10 equal,
            7–9 much more similar than not, 4–6 about even, 1–3 much less).
          </p>
          {frameworks.length > 1 && (
            <p className="explorer-toolbar">
              <label htmlFor={`${captionId}-fw`}>Other framework</label>
              <select id={`${captionId}-fw`} value={framework} onChange={(e) => setFramework(e.target.value)}>
                <option value="">All ({r.crosswalks.length})</option>
                {frameworks.map((code) => (
                  <option key={code} value={code}>
                    {code} ({r.crosswalks.filter((c) => c.target.framework.code === code).length})
                  </option>
                ))}
              </select>
            </p>
          )}
          <table className="explorer-crosswalks" data-testid="explorer-crosswalks" aria-labelledby={captionId}>
            <thead>
              <tr>
                <th scope="col">Other requirement</th>
                <th scope="col">Relationship</th>
                <th scope="col" className="explorer-num">
                  Strength
                </th>
                <th scope="col">Rationale</th>
                <th scope="col">Evidence and note</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={`${c.mappingSet.id}:${c.target.id}:${c.reversed}`} data-target={`${c.target.framework.code} ${c.target.refId}`}>
                  <th scope="row">
                    <Link to={requirementPath(c.target.framework, c.target.refId)}>
                      {c.target.framework.code} <span className="explorer-ref">{c.target.refId}</span>
                    </Link>
                    <div className="explorer-sub">{c.target.title}</div>
                  </th>
                  <td data-testid="explorer-relationship">
                    {relationshipWords(c.relationship)}
                    {c.equivalent && <div className="explorer-sub">equivalent (OSCAL), counts as equal</div>}
                    {c.condition && (
                      <div className="explorer-sub">
                        <span className="explorer-tag">Condition</span> {enumWords(c.condition)}: holds as typed only when one management system covers both
                        standards; otherwise read as intersects with (strength at most 9).
                      </div>
                    )}
                    {c.reversed && <div className="explorer-sub">read against the stored direction</div>}
                  </td>
                  <td className="explorer-num" data-testid="explorer-strength">
                    {c.strength}
                    <span className="explorer-sub">/10</span>
                  </td>
                  <td>{c.rationale ? enumWords(c.rationale) : '—'}</td>
                  <td>
                    {c.evidence.length > 0 && (
                      <ul className="explorer-evidence">
                        {c.evidence.map((line, i) => (
                          <li key={i}>{line}</li>
                        ))}
                      </ul>
                    )}
                    {c.note && <p className="explorer-note">{c.note}</p>}
                    {c.evidence.length === 0 && !c.note && '—'}
                  </td>
                  <td>
                    <a href={`#explorer-set-${c.mappingSet.key}`}>{c.mappingSet.name}</a>
                    {c.mappingSet.own && <span className="explorer-tag explorer-tag-own">Own mapping</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Sources of these crosswalks</h2>
          {[...sets.values()].map((set) => (
            <section key={set.id} id={`explorer-set-${set.key}`} className="explorer-set" tabIndex={-1} aria-labelledby={`explorer-set-${set.key}-name`}>
              <h3 id={`explorer-set-${set.key}-name`}>
                {set.name}
                {set.own && <span className="explorer-tag explorer-tag-own">Own mapping</span>}
              </h3>
              {set.description && (
                <details className="explorer-set-about">
                  <summary>How this mapping set was made</summary>
                  <p className="help">{set.description}</p>
                </details>
              )}
              <p className="explorer-provenance">
                {enumWords(set.provenance.method)} mapping, {enumWords(set.provenance.status).toLowerCase()}, by {set.provenance.author}, {set.provenance.date};{' '}
                {set.provenance.comprehensive ? 'comprehensive (a missing edge means no relationship was found)' : 'not comprehensive'}. Licence:{' '}
                {set.provenance.licence}. File: <code>{set.provenance.sourceFile}</code>
              </p>
              <ul className="explorer-sources">
                {set.provenance.sources.map((source, i) => (
                  <li key={i}>
                    <strong>{source.title}</strong>
                    {source.url && (
                      <>
                        {' '}
                        <code className="explorer-url">{source.url}</code>
                      </>
                    )}
                    {source.note && <div className="explorer-sub">{source.note}</div>}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}
