/**
 * The organization's coverage of one requirement (`requirementCoverage`): its status and weight as the engine gives
 * them, and every path that explains it, drawn as control → first requirement → crosswalk steps → this requirement.
 * Crosswalk hops 1 to 3 are selectable; three hops fit the service's query-cost budget only without titles and
 * controls, so each three-hop path reads its controls from its source requirement (ExplorerSourceControls).
 */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import type { ExplorerCoverageQuery, ExplorerCoverageThreeHopsQuery, LinkCoverage, Relationship, Rationale, CrosswalkCondition } from '../../gql/graphql';
import { Empty, ErrorState, Loading, QueryView } from '../../components/states';
import { type CoverageStatusName, percent, StatusChip } from '../../components/status';
import { ExplorerCoverage, ExplorerCoverageThreeHops, ExplorerSourceControls } from './queries';
import { PathGraph } from './PathGraph';

export interface RequirementRef {
  code: string;
  version?: string | null;
  refId: string;
  title?: string | null;
}

export interface PathControl {
  id: string;
  code: string;
  coverage: LinkCoverage;
}

export interface PathStep {
  relationship: Relationship;
  strength: number;
  mappingSetPrivate: boolean;
  rationale?: Rationale | null;
  condition?: CrosswalkCondition | null;
  conditionMet?: boolean | null;
  reversed?: boolean;
  mappingSetName?: string;
  to: RequirementRef;
}

export interface PathView {
  status: CoverageStatusName;
  weight: number;
  inferred: boolean;
  /** undefined: not read with the path (three hops); read from the source requirement instead. */
  controls?: PathControl[];
  source: RequirementRef;
  steps: PathStep[];
}

interface CoverageView {
  status: CoverageStatusName;
  weight: number;
  heading: boolean;
  inferred: boolean;
  rollUp?: { full: number; partial: number; none: number; excluded: number; score: number } | null;
  paths: PathView[];
}

type Full = ExplorerCoverageQuery['requirementCoverage'];
type Lean = ExplorerCoverageThreeHopsQuery['requirementCoverage'];

const ref = (r: { refId: string; title?: string | null; framework: { code: string; version?: string | null } }): RequirementRef => ({
  code: r.framework.code,
  version: r.framework.version,
  refId: r.refId,
  title: r.title,
});

function fromFull(c: Full): CoverageView {
  return {
    ...c,
    status: c.status,
    paths: c.paths.map((p) => ({
      status: p.status,
      weight: p.weight,
      inferred: p.inferred,
      controls: p.controls,
      source: ref(p.source),
      steps: p.steps.map((s) => ({ ...s, mappingSetName: s.mappingSet.name, to: ref(s.to) })),
    })),
  };
}

function fromLean(c: Lean): CoverageView {
  return {
    ...c,
    paths: c.paths.map((p) => ({ ...p, source: ref(p.source), steps: p.steps.map((s) => ({ ...s, to: ref(s.to) })) })),
  };
}

export function RequirementCoverageView({ requirement }: { requirement: RequirementRef }) {
  const [maxHops, setMaxHops] = useState(1);
  const hopsId = useId();
  return (
    <div className="explorer-coverage" data-testid="explorer-coverage">
      <p className="explorer-toolbar">
        <label htmlFor={hopsId}>Crosswalk hops</label>
        <select id={hopsId} value={maxHops} onChange={(e) => setMaxHops(Number(e.target.value))} aria-describedby={`${hopsId}-help`}>
          <option value={1}>1 (direct crosswalks)</option>
          <option value={2}>2 (composed, inferred)</option>
          <option value={3}>3 (composed, inferred)</option>
        </select>
        <span id={`${hopsId}-help`} className="help">
          More than one hop composes crosswalks by set algebra; such paths are marked inferred.
        </span>
      </p>
      {maxHops < 3 ? <FullCoverage requirement={requirement} maxHops={maxHops} /> : <ThreeHopCoverage requirement={requirement} />}
    </div>
  );
}

function FullCoverage({ requirement, maxHops }: { requirement: RequirementRef; maxHops: number }) {
  const [result, refetch] = useQuery({
    query: ExplorerCoverage,
    variables: { framework: frameworkArg(requirement), refId: requirement.refId, maxHops },
  });
  return (
    <QueryView what="your organization’s coverage" result={result} retry={() => refetch({ requestPolicy: 'network-only' })}>
      {(data) => <Coverage requirement={requirement} coverage={fromFull(data.requirementCoverage)} maxHops={maxHops} />}
    </QueryView>
  );
}

function ThreeHopCoverage({ requirement }: { requirement: RequirementRef }) {
  const [result, refetch] = useQuery({
    query: ExplorerCoverageThreeHops,
    variables: { framework: frameworkArg(requirement), refId: requirement.refId },
  });
  return (
    <QueryView what="your organization’s coverage" result={result} retry={() => refetch({ requestPolicy: 'network-only' })}>
      {(data) => <Coverage requirement={requirement} coverage={fromLean(data.requirementCoverage)} maxHops={3} />}
    </QueryView>
  );
}

function frameworkArg(r: RequirementRef): string {
  return r.version ? `${r.code}:${r.version}` : r.code;
}

function Coverage({ requirement, coverage, maxHops }: { requirement: RequirementRef; coverage: CoverageView; maxHops: number }) {
  return (
    <>
      <p className="explorer-status" data-testid="explorer-status">
        Status <StatusChip status={coverage.status} /> weight {coverage.weight}
        {coverage.inferred && <span className="explorer-tag explorer-tag-inferred">Inferred</span>}
        {coverage.heading && coverage.rollUp && (
          <span className="explorer-rollup">
            {' '}
            — a heading: {coverage.rollUp.full} full, {coverage.rollUp.partial} partial, {coverage.rollUp.none} none, {coverage.rollUp.excluded} excluded of its assessable
            requirements; score {percent(coverage.rollUp.score)}
          </span>
        )}
      </p>
      {coverage.heading ? (
        <p className="help">A heading has no paths of its own: open the requirements inside it to see theirs.</p>
      ) : coverage.paths.length === 0 ? (
        <Empty>
          {coverage.status === 'EXCLUDED'
            ? `${requirement.refId} is excluded by your Statement of Applicability.`
            : `No implemented control reaches ${requirement.refId} within ${maxHops} crosswalk hop${maxHops > 1 ? 's' : ''}.`}{' '}
          Link a control to it, or to a requirement that crosswalks to it, on the <Link to="/controls">controls</Link> page.
        </Empty>
      ) : (
        <>
          <p className="help">
            {coverage.paths.length} path{coverage.paths.length > 1 ? 's' : ''}, best first. Each is drawn from the control to {requirement.refId} and then written out in words.
          </p>
          <ol className="explorer-paths">
            {coverage.paths.map((path, i) => (
              <li key={i}>
                {path.controls ? (
                  <PathGraph index={i} path={path} controls={path.controls} target={requirement} />
                ) : (
                  <WithSourceControls index={i} path={path} target={requirement} />
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

/** A three-hop path: its controls are those of its source requirement's direct path. */
function WithSourceControls({ index, path, target }: { index: number; path: PathView; target: RequirementRef }) {
  const [result] = useQuery({ query: ExplorerSourceControls, variables: { framework: frameworkArg(path.source), refId: path.source.refId } });
  if (result.error) return <ErrorState error={result.error} />;
  if (!result.data) return <Loading what="the path’s controls" />;
  const direct = result.data.requirementCoverage.paths.find((p) => p.steps.length === 0);
  return <PathGraph index={index} path={path} controls={direct?.controls ?? []} target={target} />;
}
