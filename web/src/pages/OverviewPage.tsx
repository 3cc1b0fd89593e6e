/**
 * Overview: per framework in the organization's scope (every framework when it set none), a stacked bar of its
 * assessable requirements (full, partial, none, excluded) and the score, from `coverage`.
 */
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { OverviewCoverageQuery } from '../gql/graphql';
import { QueryView } from '../components/states';
import { percent } from '../components/status';
import { RequireKey } from '../components/RequireKey';
import { frameworkPath } from '../components/frameworks';
import { COVERAGE_PARTS, CoverageBar, CoverageCountsLine, coverageSummary } from '../components/CoverageBar';

const OverviewCoverage = graphql(`
  query OverviewCoverage {
    me {
      organizationName
    }
    coverage {
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

type Row = OverviewCoverageQuery['coverage'][number];

export function OverviewPage() {
  return (
    <section>
      <h1>Overview</h1>
      <RequireKey what="Coverage">
        <Coverage />
      </RequireKey>
    </section>
  );
}

function Coverage() {
  const [result, refetch] = useQuery({ query: OverviewCoverage });
  return (
    <QueryView
      what="coverage"
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
      isEmpty={(data) => data.coverage.length === 0}
      empty={<>No frameworks in scope. Set the scope with <code>setScope</code>.</>}
    >
      {(data) => (
        <>
          <p className="lede">
            Coverage of <strong>{data.me.organizationName}</strong> from its implemented controls, per framework in scope.
          </p>
          {data.coverage.every((row) => row.full + row.partial === 0) && (
            <p className="notice">
              Nothing is covered yet. <Link to="/controls">Create a control</Link> with status Implemented and link it to a
              requirement; every framework it reaches through the crosswalks counts it.
            </p>
          )}
          <ul className="coverage-bars">
            {data.coverage.map((row) => (
              <FrameworkRow key={`${row.framework.code}:${row.framework.version}`} row={row} />
            ))}
          </ul>
          <Legend />
        </>
      )}
    </QueryView>
  );
}

function FrameworkRow({ row }: { row: Row }) {
  const summary = `${coverageSummary(row)} of ${row.applicable} applicable requirements`;
  return (
    <li className="coverage-row">
      <div className="coverage-head">
        <Link to={frameworkPath(row.framework.code)}>
          <strong>{row.framework.code}</strong> {row.framework.name}
        </Link>
        <span className="score" aria-label={`score ${percent(row.score)}`}>
          {percent(row.score)}
        </span>
      </div>
      <CoverageBar counts={row} label={row.framework.code} summary={summary} attributes={{ 'data-testid': 'coverage-bar', 'data-framework': row.framework.code }} />
      <CoverageCountsLine counts={row}>
        <span className="count">score over {row.applicable} applicable</span>
      </CoverageCountsLine>
    </li>
  );
}

function Legend() {
  return (
    <p className="legend" aria-hidden="true">
      {COVERAGE_PARTS.map((part) => (
        <span key={part}>
          <span className={`swatch seg-${part}`} /> {part}
        </span>
      ))}
    </p>
  );
}
