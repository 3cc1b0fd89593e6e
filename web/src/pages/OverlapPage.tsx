/**
 * Overlap heat map (public): the directional matrix of `frameworkOverlap`. A row is the source ("if all of this"), a
 * column the target ("covers this much of that"); each cell is coloured by its score and prints it, and is a button
 * that opens the drill-down below: `frameworkOverlapDetail` for that pair, the target's assessable requirements with
 * their status and the crosswalk paths that reach them. Everything the page shows is in its address
 * (`/overlap?maxHops=2&oneSystem=1&source=ISO27001&target=ISO42001`), so a drill-down can be linked and Back closes it.
 */
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { OverlapDetailQuery, OverlapMatrixQuery } from '../gql/graphql';
import { requirementPath } from '../components/frameworks';
import { Empty, QueryView } from '../components/states';
import { percent, StatusChip } from '../components/status';
import './OverlapPage.css';

const OverlapMatrix = graphql(`
  query OverlapMatrix($maxHops: Int!, $assumeSameManagementSystem: Boolean!) {
    frameworks {
      id
      code
      version
      name
    }
    frameworkOverlap(maxHops: $maxHops, assumeSameManagementSystem: $assumeSameManagementSystem) {
      source {
        id
      }
      target {
        id
      }
      full
      partial
      none
      score
    }
  }
`);

const OverlapDetail = graphql(`
  query OverlapDetail($source: String!, $target: String!, $maxHops: Int!, $assumeSameManagementSystem: Boolean!) {
    frameworkOverlapDetail(source: $source, target: $target, maxHops: $maxHops, assumeSameManagementSystem: $assumeSameManagementSystem) {
      overlap {
        source {
          code
          version
          name
        }
        target {
          code
          version
          name
        }
        full
        partial
        none
        score
      }
      requirements {
        requirement {
          id
          refId
          title
        }
        status
        weight
        inferred
        pathCount
        paths {
          status
          weight
          inferred
          source {
            refId
            title
          }
          steps {
            to {
              refId
              framework {
                code
              }
            }
            relationship
            strength
            rationale
            conditionMet
          }
        }
      }
    }
  }
`);

type Framework = OverlapMatrixQuery['frameworks'][number];
type Cell = OverlapMatrixQuery['frameworkOverlap'][number];
type Detail = OverlapDetailQuery['frameworkOverlapDetail'];
type DetailRequirement = Detail['requirements'][number];
type DetailPath = DetailRequirement['paths'][number];

const HOPS = [
  [1, '1: direct crosswalks only'],
  [2, '2: through one other framework'],
  [3, '3: through up to two others'],
] as const;

/** The page's state, read from and written to its address. */
function useOverlapParams() {
  const [params, setParams] = useSearchParams();
  const hops = Number(params.get('maxHops'));
  const maxHops = hops === 2 || hops === 3 ? hops : 1;
  const oneSystem = params.get('oneSystem') === '1';
  const source = params.get('source');
  const target = params.get('target');
  const update = (changes: Record<string, string | null>, replace: boolean) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    setParams(next, { replace });
  };
  return { maxHops, oneSystem, source, target, update };
}

export function OverlapPage() {
  const { maxHops, oneSystem, source, target, update } = useOverlapParams();
  const variables = { maxHops, assumeSameManagementSystem: oneSystem };
  const [result, refetch] = useQuery({ query: OverlapMatrix, variables });
  return (
    <section className="overlap-page">
      <h1>Overlap heat map</h1>
      <p className="lede">
        How much of one framework is covered if another is fully in place, read through the catalog&apos;s crosswalks. Each row is a framework
        assumed fully in place (&ldquo;if all of this&rdquo;); each column the framework measured (&ldquo;covers this much of that&rdquo;). Overlap is
        directional: a row and its mirror column can differ.
      </p>
      <Controls maxHops={maxHops} oneSystem={oneSystem} update={update} />
      <QueryView
        what="the overlap matrix"
        result={result}
        retry={() => refetch({ requestPolicy: 'network-only' })}
        isEmpty={(data) => data.frameworkOverlap.length === 0}
        empty={<>The catalog holds fewer than two frameworks, so there is nothing to compare yet.</>}
      >
        {(data) => (
          <>
            <HeatMap data={data} selected={source && target ? { source, target } : null} open={(s, t) => update({ source: s, target: t }, false)} />
            <Legend />
            <TableFallback data={data} />
          </>
        )}
      </QueryView>
      {source && target && (
        <DrillDown
          key={`${source}>${target}`}
          source={source}
          target={target}
          maxHops={maxHops}
          oneSystem={oneSystem}
          close={() => update({ source: null, target: null }, false)}
        />
      )}
    </section>
  );
}

function Controls(props: { maxHops: number; oneSystem: boolean; update: (changes: Record<string, string | null>, replace: boolean) => void }) {
  return (
    <form className="overlap-controls" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Crosswalk hops to follow</legend>
        {HOPS.map(([hops, label]) => (
          <label key={hops}>
            <input
              type="radio"
              name="maxHops"
              value={hops}
              checked={props.maxHops === hops}
              onChange={() => props.update({ maxHops: hops === 1 ? null : String(hops) }, true)}
            />{' '}
            {label}
          </label>
        ))}
        <p className="help">More than one hop composes crosswalks through other frameworks by set algebra; such results are marked inferred.</p>
      </fieldset>
      <fieldset>
        <legend>Management systems</legend>
        <label>
          <input
            type="checkbox"
            name="assumeSameManagementSystem"
            checked={props.oneSystem}
            aria-describedby="overlap-one-system-help"
            onChange={(e) => props.update({ oneSystem: e.target.checked ? '1' : null }, true)}
          />{' '}
          Read as one management system
        </label>
        <p className="help" id="overlap-one-system-help">
          Some crosswalks hold only when one integrated management system covers both standards (SAME_MANAGEMENT_SYSTEM). By default the standards
          are taken to run separate systems, so those crosswalks count as partial (INTERSECTS_WITH). Tick this to read them as stored, as if one
          management system covered every framework.
        </p>
      </fieldset>
    </form>
  );
}

/** The score bands of the colour scale, from none to nearly all; the legend names them. */
const BANDS = [
  [0, 'under 20%'],
  [0.2, '20% to under 40%'],
  [0.4, '40% to under 60%'],
  [0.6, '60% to under 80%'],
  [0.8, '80% to 100%'],
] as const;

function band(score: number): number {
  let b = 0;
  BANDS.forEach(([low], i) => {
    if (score >= low) b = i;
  });
  return b;
}

/** A framework as the API takes it: its code, or CODE:VERSION when the catalog holds more than one version of it. */
function refOf(f: Framework, all: Framework[]): string {
  return all.filter((g) => g.code === f.code).length > 1 ? `${f.code}:${f.version}` : f.code;
}

function cellLabel(cell: Cell, source: string, target: string): string {
  return `If all of ${source}: covers ${percent(cell.score)} of ${target} (${cell.full} full, ${cell.partial} partial, ${cell.none} none)`;
}

/** Frameworks that appear in the matrix, in the catalog's order. */
function matrixFrameworks(data: OverlapMatrixQuery): Framework[] {
  const present = new Set(data.frameworkOverlap.flatMap((c) => [c.source.id, c.target.id]));
  return data.frameworks.filter((f) => present.has(f.id));
}

function cellsById(data: OverlapMatrixQuery): Map<string, Cell> {
  return new Map(data.frameworkOverlap.map((c) => [`${c.source.id}>${c.target.id}`, c]));
}

function HeatMap(props: { data: OverlapMatrixQuery; selected: { source: string; target: string } | null; open: (source: string, target: string) => void }) {
  const frameworks = matrixFrameworks(props.data);
  const cells = cellsById(props.data);
  return (
    <div className="overlap-scroll">
      <p className="overlap-caption" id="overlap-heatmap-caption">
        Rows: if all of this framework is in place. Columns: this much of that framework is covered. Choose a cell to see how.
      </p>
      <div
        className="overlap-grid"
        data-testid="overlap-heatmap"
        role="group"
        aria-labelledby="overlap-heatmap-caption"
        style={{ gridTemplateColumns: `minmax(9rem, auto) repeat(${frameworks.length}, minmax(5.5rem, 1fr))` }}
      >
        <div className="overlap-corner" aria-hidden="true">
          <span>if all of ↓</span>
          <span>covers →</span>
        </div>
        {frameworks.map((t) => (
          <div key={t.id} className="overlap-colhead" title={`${t.name} (${t.version})`}>
            {t.code}
          </div>
        ))}
        {frameworks.map((s) => {
          const source = refOf(s, frameworks);
          return [
            <div key={`${s.id}:head`} className="overlap-rowhead" title={`${s.name} (${s.version})`}>
              {s.code}
            </div>,
            ...frameworks.map((t) => {
              const cell = cells.get(`${s.id}>${t.id}`);
              if (s.id === t.id || !cell) {
                return (
                  <div key={`${s.id}>${t.id}`} className="overlap-diagonal" title={`${s.code} against itself`}>
                    <span aria-hidden="true">—</span>
                    <span className="sr-only">{s.code} against itself</span>
                  </div>
                );
              }
              const target = refOf(t, frameworks);
              const selected = props.selected?.source === source && props.selected.target === target;
              const label = cellLabel(cell, s.code, t.code);
              return (
                <button
                  key={`${s.id}>${t.id}`}
                  type="button"
                  className={`overlap-cell overlap-band-${band(cell.score)}${selected ? ' overlap-cell-selected' : ''}`}
                  data-testid="overlap-cell"
                  data-source={s.code}
                  data-target={t.code}
                  data-score={cell.score}
                  aria-label={label}
                  aria-expanded={selected}
                  title={label}
                  onClick={() => props.open(source, target)}
                >
                  <span className="overlap-score">{percent(cell.score)}</span>
                  <span className="overlap-counts" aria-hidden="true">
                    {cell.full}·{cell.partial}·{cell.none}
                  </span>
                </button>
              );
            }),
          ];
        })}
      </div>
    </div>
  );
}

function Legend() {
  return (
    <div className="overlap-legend">
      <p>
        <strong>A cell</strong> is the score of the column framework if every assessable requirement of the row framework were fully met: (full + the
        weights of the partial ones) ÷ its assessable requirements. The small figures under it are its requirements that would be full · partial · none.
      </p>
      <p className="overlap-legend-scale">
        <span>Colour by score:</span>
        {BANDS.map(([, label], i) => (
          <span key={label} className="overlap-legend-item">
            <span className={`overlap-swatch overlap-band-${i}`} aria-hidden="true" /> {label}
          </span>
        ))}
      </p>
    </div>
  );
}

/** The same numbers as a real table, for screen readers and for anyone who prefers one. Its cells carry no test id. */
function TableFallback({ data }: { data: OverlapMatrixQuery }) {
  const frameworks = matrixFrameworks(data);
  const cells = cellsById(data);
  return (
    <details className="overlap-table">
      <summary>Show the matrix as a table</summary>
      <table>
        <caption>Overlap: percent of the column framework covered if all of the row framework is in place, with its full, partial and none counts</caption>
        <thead>
          <tr>
            <th scope="col">If all of (row) / covers (column)</th>
            {frameworks.map((t) => (
              <th key={t.id} scope="col">
                {t.code}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {frameworks.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.code}</th>
              {frameworks.map((t) => {
                const cell = cells.get(`${s.id}>${t.id}`);
                return (
                  <td key={t.id}>
                    {s.id === t.id || !cell ? (
                      'same framework'
                    ) : (
                      <>
                        {percent(cell.score)} ({cell.full} full, {cell.partial} partial, {cell.none} none)
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function DrillDown(props: { source: string; target: string; maxHops: number; oneSystem: boolean; close: () => void }) {
  const [result, refetch] = useQuery({
    query: OverlapDetail,
    variables: { source: props.source, target: props.target, maxHops: props.maxHops, assumeSameManagementSystem: props.oneSystem },
  });
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a cell takes keyboard and screen-reader users to what it opened.
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="overlap-drilldown" data-testid="overlap-drilldown" aria-labelledby="overlap-drilldown-title">
      <div className="overlap-drilldown-head">
        <h2 id="overlap-drilldown-title" ref={heading} tabIndex={-1}>
          If all of {props.source}: how {props.target} is covered
        </h2>
        <button type="button" className="secondary" onClick={props.close}>
          Close
        </button>
      </div>
      <QueryView what={`how ${props.target} is reached from ${props.source}`} result={result} retry={() => refetch({ requestPolicy: 'network-only' })}>
        {(data) => <DetailView detail={data.frameworkOverlapDetail} maxHops={props.maxHops} oneSystem={props.oneSystem} />}
      </QueryView>
    </section>
  );
}

function DetailView({ detail, maxHops, oneSystem }: { detail: Detail; maxHops: number; oneSystem: boolean }) {
  const { overlap, requirements } = detail;
  const target = overlap.target;
  return (
    <>
      <p className="overlap-drilldown-summary" data-testid="overlap-drilldown-counts" data-full={overlap.full} data-partial={overlap.partial} data-none={overlap.none}>
        <strong>{percent(overlap.score)}</strong> of {target.code} {target.name} ({target.version}) from {overlap.source.code} {overlap.source.name} (
        {overlap.source.version}): <span className="count-full">{overlap.full} full</span>, <span className="count-partial">{overlap.partial} partial</span>,{' '}
        <span className="count-none">{overlap.none} none</span> of {requirements.length} assessable requirements; {maxHops === 1 ? 'direct crosswalks only' : `paths of up to ${maxHops} crosswalks`},{' '}
        {oneSystem ? 'read as one management system' : 'separate management systems'}.
      </p>
      {requirements.length === 0 ? (
        <Empty>{target.code} has no assessable requirements.</Empty>
      ) : (
        <table className="overlap-requirements">
          <caption className="sr-only">
            Each assessable requirement of {target.code}, its status if all of {overlap.source.code} were in place, and the crosswalk paths that give it
          </caption>
          <thead>
            <tr>
              <th scope="col">{target.code} requirement</th>
              <th scope="col">Status</th>
              <th scope="col">How it is reached from {overlap.source.code}</th>
            </tr>
          </thead>
          <tbody>
            {requirements.map((r) => (
              <RequirementRow key={r.requirement.id} row={r} source={overlap.source.code} target={target.code} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function RequirementRow({ row, source, target }: { row: DetailRequirement; source: string; target: string }) {
  return (
    <tr data-testid="overlap-requirement" data-status={row.status}>
      <th scope="row">
        <Link to={requirementPath(target, row.requirement.refId)}>{row.requirement.refId}</Link>{' '}
        {row.requirement.title}
      </th>
      <td>
        <StatusChip status={row.status} />
        {(row.status === 'PARTIAL' || row.inferred) && (
          <span className="overlap-weight">
            {row.status === 'PARTIAL' ? ` weight ${row.weight}` : ''}
            {row.inferred ? ' inferred' : ''}
          </span>
        )}
      </td>
      <td>
        {row.paths.length === 0 ? (
          <span className="overlap-muted">No crosswalk from {source} reaches it.</span>
        ) : (
          <ol className="overlap-paths">
            {row.paths.map((p, i) => (
              <li key={i} title={p.source.title}>
                {pathText(p, source)}
              </li>
            ))}
            {row.pathCount > row.paths.length && (
              <li className="overlap-muted">
                and {row.pathCount - row.paths.length} more path{row.pathCount - row.paths.length === 1 ? '' : 's'} (the best {row.paths.length} are shown)
              </li>
            )}
          </ol>
        )}
      </td>
    </tr>
  );
}

/** In words: source requirement → relationship (strength, rationale) → … → target requirement, and what the path gives. */
function pathText(path: DetailPath, source: string): string {
  const steps = path.steps.map((s) => {
    const how = [s.relationship, `strength ${s.strength}`, ...(s.rationale ? [`${s.rationale.toLowerCase()} rationale`] : [])].join(', ');
    const condition = s.conditionMet === false ? ' (separate management systems: read as INTERSECTS_WITH)' : '';
    return ` → ${how}${condition} → ${s.to.framework.code} ${s.to.refId}`;
  });
  const gives = `${path.status.toLowerCase()}${path.status === 'PARTIAL' ? ` (${path.weight})` : ''}${path.inferred ? ', inferred' : ''}`;
  return `${source} ${path.source.refId}${steps.join('')}: gives ${gives}`;
}
