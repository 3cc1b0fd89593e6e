/**
 * Gaps: what is left of a target framework (`gapAnalysis`), given either frameworks assumed fully in place (`have`)
 * or, without them, the organization's own controls; crosswalk hops 1 to 3. The choice lives in the URL
 * (?target=ISO42001&have=ISO27001,ISO9001&hops=2), so a report can be linked and reloaded. Shows the target's
 * coverage now and each gap with its best partial sources (the paths: source requirement, crosswalk steps, controls),
 * best first, as the API orders them; and downloads the same report as a spreadsheet (GET /export/gaps.xlsx|.csv).
 */
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { GapsReportQuery } from '../gql/graphql';
import { DownloadError, downloadWithKey } from '../components/download';
import { FrameworkChoices, type FrameworkOption, frameworkOptions, frameworkRef, requirementPath } from '../components/frameworks';
import { CoverageBar, CoverageCountsLine } from '../components/CoverageBar';
import { RequireKey } from '../components/RequireKey';
import { Empty, ErrorState, QueryView } from '../components/states';
import { percent, StatusChip } from '../components/status';
import { useSession } from '../session';
import './GapsPage.css';

/**
 * Lean on purpose: the service bounds what one answer may hold (the query cost limit) by the most it could hold, and
 * 5 sources of up to 3 steps on every requirement of the largest framework add up. This selection fits at 3 hops;
 * each step names where it leads, and its start is the previous step's end (the first starts at the source).
 */
const GapsReport = graphql(`
  query GapsReport($target: String!, $have: [String!], $maxHops: Int!) {
    gapAnalysis(target: $target, have: $have, maxHops: $maxHops) {
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
        score
      }
      gaps {
        status
        weight
        requirement {
          id
          refId
          title
        }
        controls {
          id
          code
          coverage
        }
        sources {
          status
          weight
          inferred
          source {
            refId
            title
            framework {
              code
            }
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
          }
          controls {
            id
            code
          }
        }
      }
    }
  }
`);

type Report = GapsReportQuery['gapAnalysis'];
type Gap = Report['gaps'][number];
type Source = Gap['sources'][number];

const HOPS = [1, 2, 3] as const;

/** The page's choice as the URL holds it. */
interface Choice {
  target: string;
  /** Empty: the organization's own controls. */
  have: string[];
  hops: number;
}

function readChoice(params: URLSearchParams): Choice {
  const have = (params.get('have') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  const hops = Number(params.get('hops') ?? '1');
  // A hand-edited hops reaches the service as it is (an integer), so its refusal names the rule; anything else is 1.
  return { target: (params.get('target') ?? '').trim(), have, hops: Number.isInteger(hops) ? hops : 1 };
}

function writeChoice(choice: Choice): URLSearchParams {
  const params = new URLSearchParams();
  params.set('target', choice.target);
  if (choice.have.length > 0) params.set('have', choice.have.join(','));
  if (choice.hops !== 1) params.set('hops', String(choice.hops));
  return params;
}

export function GapsPage() {
  return (
    <section className="gaps">
      <h1>Gaps</h1>
      <RequireKey what="A gap analysis">
        <Gaps />
      </RequireKey>
    </section>
  );
}

function Gaps() {
  const [params, setParams] = useSearchParams();
  const choice = readChoice(params);
  const [frameworks, refetchFrameworks] = useQuery({ query: FrameworkChoices });
  return (
    <>
      <p className="lede">
        What is left of a framework you want to reach: its applicable requirements that are not fully covered, given the
        frameworks you already have in place or your own implemented controls, with the best partial sources of each.
      </p>
      <QueryView
        what="frameworks"
        result={frameworks}
        retry={() => refetchFrameworks({ requestPolicy: 'network-only' })}
        isEmpty={(data) => data.frameworks.length + data.ownFrameworks.length === 0}
        empty="The catalog holds no frameworks yet, so there is nothing to analyse."
      >
        {(data) => {
          const options = frameworkOptions(data.frameworks, data.ownFrameworks);
          return (
            <>
              {/* Keyed by the URL, so Back, Forward and a followed link show the choice they lead to. */}
              <ChoiceForm key={params.toString()} choice={choice} options={options} onChoose={(next) => setParams(writeChoice(next))} />
              {choice.target === '' ? (
                <Empty>Choose the framework you want to reach, then “Show gaps”.</Empty>
              ) : (
                <Result choice={choice} options={options} />
              )}
            </>
          );
        }}
      </QueryView>
    </>
  );
}

function ChoiceForm({ choice, options, onChoose }: { choice: Choice; options: FrameworkOption[]; onChoose: (choice: Choice) => void }) {
  const [target, setTarget] = useState(choice.target);
  const [given, setGiven] = useState<'controls' | 'frameworks'>(choice.have.length > 0 ? 'frameworks' : 'controls');
  const [have, setHave] = useState<string[]>(choice.have);
  const [hops, setHops] = useState(choice.hops);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (target === '') {
      setProblem('target: choose the framework you want to reach.');
      return;
    }
    const chosen = given === 'frameworks' ? have.filter((h) => h !== target) : [];
    if (given === 'frameworks' && chosen.length === 0) {
      setProblem('have: tick at least one framework you have in place (other than the target), or choose “our controls”.');
      return;
    }
    setProblem(null);
    onChoose({ target, have: chosen, hops });
  }

  const publicOptions = options.filter((o) => !o.own);
  const ownOptions = options.filter((o) => o.own);
  return (
    <form className="gaps-form" onSubmit={submit} aria-describedby={problem ? 'gaps-form-problem' : undefined}>
      <div className="gaps-field">
        <label htmlFor="gaps-target">Target: the framework to reach</label>
        <select id="gaps-target" name="target" value={target} onChange={(e) => setTarget(e.target.value)} aria-invalid={problem?.startsWith('target') || undefined}>
          <option value="">Choose a framework…</option>
          <optgroup label="Catalog">
            {publicOptions.map((o) => (
              <option key={o.ref} value={o.ref}>
                {o.label}
              </option>
            ))}
          </optgroup>
          {ownOptions.length > 0 && (
            <optgroup label="Your own frameworks">
              {ownOptions.map((o) => (
                <option key={o.ref} value={o.ref}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>

      <fieldset className="gaps-field gaps-given">
        <legend>Given</legend>
        <label className="gaps-choice">
          <input type="radio" name="given" value="controls" checked={given === 'controls'} onChange={() => setGiven('controls')} /> Our controls (the
          organization’s implemented controls and their links)
        </label>
        <label className="gaps-choice">
          <input type="radio" name="given" value="frameworks" checked={given === 'frameworks'} onChange={() => setGiven('frameworks')} /> Frameworks we
          have fully in place:
        </label>
        <ul className="gaps-have" aria-label="Frameworks fully in place">
          {options.map((o) => {
            const isTarget = o.ref === target;
            return (
              <li key={o.ref}>
                <label className="gaps-choice">
                  <input
                    type="checkbox"
                    name="have"
                    value={o.ref}
                    disabled={given !== 'frameworks' || isTarget}
                    checked={given === 'frameworks' && !isTarget && have.includes(o.ref)}
                    onChange={(e) => setHave((current) => (e.target.checked ? [...current, o.ref] : current.filter((h) => h !== o.ref)))}
                    aria-invalid={problem?.startsWith('have') || undefined}
                  />{' '}
                  {o.label}
                  {isTarget && <span className="gaps-muted"> (the target)</span>}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <div className="gaps-field">
        <label htmlFor="gaps-hops">Crosswalk hops</label>
        <select id="gaps-hops" name="hops" value={hops} onChange={(e) => setHops(Number(e.target.value))} aria-describedby="gaps-hops-help">
          {!HOPS.includes(hops as 1 | 2 | 3) && <option value={hops}>{hops}</option>}
          {HOPS.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
        <p id="gaps-hops-help" className="help">
          1 follows one crosswalk; 2 or 3 compose crosswalks through other frameworks, and mark what they find as inferred.
        </p>
      </div>

      <div className="gaps-actions">
        <button type="submit">Show gaps</button>
      </div>
      {problem && (
        <p id="gaps-form-problem" className="state state-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function Result({ choice, options }: { choice: Choice; options: FrameworkOption[] }) {
  const [result, refetch] = useQuery({
    query: GapsReport,
    variables: { target: choice.target, have: choice.have.length > 0 ? choice.have : null, maxHops: choice.hops },
  });
  const givenWords = choice.have.length > 0 ? `${choice.have.join(', ')} taken as fully in place` : 'the organization’s implemented controls';
  return (
    <QueryView what="the gap analysis" result={result} retry={() => refetch({ requestPolicy: 'network-only' })}>
      {(data) => {
        const report = data.gapAnalysis;
        return (
          <div className="gaps-result" aria-busy={result.fetching || undefined}>
            <Summary report={report} givenWords={givenWords} hops={choice.hops} />
            <Export choice={choice} />
            <h2 id="gaps-list-title">
              What is left: {report.gaps.length === 0 ? 'no gaps' : `${report.gaps.length} requirement${report.gaps.length === 1 ? '' : 's'}`}
            </h2>
            {report.gaps.length === 0 ? (
              <Empty>Every applicable requirement of {report.coverage.framework.code} is fully covered, given {givenWords}.</Empty>
            ) : (
              <>
                {choice.have.length > 0 && (
                  <p className="help">Frameworks are taken as fully in place here, so no control is counted or listed; choose “our controls” to see which controls touch each gap.</p>
                )}
                <GapTable gaps={report.gaps} assumed={choice.have.length > 0} targetRef={frameworkRef(report.coverage.framework, options)} />
              </>
            )}
          </div>
        );
      }}
    </QueryView>
  );
}

function Summary({ report, givenWords, hops }: { report: Report; givenWords: string; hops: number }) {
  const c = report.coverage;
  return (
    <div className="gaps-summary" data-testid="gaps-summary">
      <h2>
        {c.framework.code}:{c.framework.version} now <span className="gaps-score">{percent(c.score)}</span>
      </h2>
      <p className="gaps-muted">
        {c.framework.name}. Given {givenWords}; {hops} crosswalk hop{hops === 1 ? '' : 's'}.
      </p>
      <CoverageBar counts={c} label={`${c.framework.code} coverage`} />
      <CoverageCountsLine counts={c}>
        <span>score {percent(c.score)}</span>
      </CoverageCountsLine>
    </div>
  );
}

function Export({ choice }: { choice: Choice }) {
  const { apiKey, signOut } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; words: string } | null>(null);

  async function download(format: 'xlsx' | 'csv') {
    if (!apiKey) return;
    const query = new URLSearchParams({ target: choice.target });
    if (choice.have.length > 0) query.set('have', choice.have.join(','));
    setBusy(format);
    setOutcome(null);
    try {
      const name = await downloadWithKey(`/export/gaps.${format}?${query.toString()}`, apiKey, `gaps_${choice.target}.${format}`);
      setOutcome({ ok: true, words: `Saved ${name}.` });
    } catch (error) {
      if (error instanceof DownloadError && error.code === 'UNAUTHENTICATED') {
        signOut(`The service refused the key: ${error.message}`);
        navigate('/sign-in');
        return;
      }
      setOutcome({ ok: false, words: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="gaps-export">
      <h2>Export</h2>
      <p className="help">
        The same gap analysis as a spreadsheet: one row per gap with its best partial sources and the controls that touch
        it, and the coverage now. The export follows one crosswalk hop
        {choice.hops > 1 ? `, so its sources and numbers can differ from these (${choice.hops} hops)` : ''}.
      </p>
      <div className="gaps-actions">
        <button type="button" onClick={() => void download('xlsx')} disabled={busy !== null}>
          {busy === 'xlsx' ? 'Preparing…' : 'Download Excel workbook (.xlsx)'}
        </button>
        <button type="button" className="secondary" onClick={() => void download('csv')} disabled={busy !== null}>
          {busy === 'csv' ? 'Preparing…' : 'Download gaps as CSV (.csv)'}
        </button>
      </div>
      <div aria-live="polite">
        {outcome && outcome.ok && <p className="gaps-saved">{outcome.words}</p>}
      </div>
      {outcome && !outcome.ok && <ErrorState error={outcome.words} />}
    </div>
  );
}

function GapTable({ gaps, assumed, targetRef }: { gaps: Gap[]; assumed: boolean; targetRef: string }) {
  return (
    <table className="gaps-table" aria-labelledby="gaps-list-title" data-testid="gaps-table">
      <thead>
        <tr>
          <th scope="col">Requirement</th>
          <th scope="col">Status</th>
          <th scope="col">Best partial sources, best first</th>
          {!assumed && <th scope="col">Controls that touch it</th>}
        </tr>
      </thead>
      <tbody>
        {gaps.map((gap) => (
          <tr key={gap.requirement.id} data-testid="gap-row" data-ref-id={gap.requirement.refId}>
            <th scope="row" className="gaps-req">
              <Link to={requirementPath(targetRef, gap.requirement.refId)}>
                <span className="gaps-ref">{gap.requirement.refId}</span> {gap.requirement.title}
              </Link>
            </th>
            <td className="gaps-status">
              <StatusChip status={gap.status} />
              <span className="gaps-weight">weight {gap.weight}</span>
            </td>
            <td>
              {gap.sources.length === 0 ? (
                <span className="gaps-muted">No partial source{gap.status === 'NONE' ? ': nothing reaches it yet' : ''}.</span>
              ) : (
                <ol className="gaps-sources">
                  {gap.sources.map((source) => (
                    <SourceItem key={`${source.source.framework.code} ${source.source.refId}`} source={source} assumed={assumed} />
                  ))}
                </ol>
              )}
            </td>
            {!assumed && <td>{gap.controls.length === 0 ? <span className="gaps-muted">None.</span> : <ControlList controls={gap.controls} />}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One path: the source requirement, each crosswalk step (from the previous step's end), and the controls behind it. */
function SourceItem({ source, assumed }: { source: Source; assumed: boolean }) {
  const from = (i: number) => (i === 0 ? source.source : source.steps[i - 1].to);
  return (
    <li className="gaps-source" data-testid="gap-source">
      <div>
        <StatusChip status={source.status} /> <span className="gaps-weight">weight {source.weight}</span>
        {source.inferred && <span className="gaps-tag">inferred</span>} from{' '}
        <Link to={requirementPath(source.source.framework.code, source.source.refId)}>
          {source.source.framework.code} {source.source.refId}
        </Link>{' '}
        <span className="gaps-muted">{source.source.title}</span>
      </div>
      {source.steps.length > 0 && (
        <ol className="gaps-steps" aria-label="Crosswalk steps">
          {source.steps.map((step, i) => (
            <li key={i}>
              {from(i).framework.code} {from(i).refId} → <strong>{step.relationship}</strong> (strength {step.strength}) → {step.to.framework.code} {step.to.refId}
            </li>
          ))}
        </ol>
      )}
      <div className="gaps-muted">
        {source.controls.length > 0 ? (
          <>
            Controls: <ControlList controls={source.controls} />
          </>
        ) : assumed ? (
          'Assumed in place.'
        ) : (
          'No implemented control.'
        )}
      </div>
    </li>
  );
}

function ControlList({ controls }: { controls: Array<{ id: string; code: string; coverage?: 'FULL' | 'PARTIAL' }> }) {
  return (
    <ul className="gaps-controls">
      {controls.map((c) => (
        <li key={c.id}>
          <Link to={`/controls/${encodeURIComponent(c.id)}`}>{c.code}</Link>
          {c.coverage && <span className="gaps-muted"> ({c.coverage} link)</span>}
        </li>
      ))}
    </ul>
  );
}
